// What recording a run costs, measured in Node's V8 (the engine Chromium runs), with no page:
// the lesson's descent loop with and without the run recorder (a ratio of throughputs), a path
// preview of 300 steps, and the recorder's share of one timeline scrub at 100,000 iterations.
// The page-level numbers (a scrub's p95 from input to paint) belong to the scrub phase once the
// chapters show a timeline.
import {previewPath} from "../../src/train/path-preview.js";
import {runRecorder, type RunRecorder} from "../../src/train/run-recorder.js";
import {percentile} from "./report.js";

/** The lesson's data and its descent chapter's update, in the same order of operations. */
const data: [number, number][] = [[1, 0.85], [2, 1.43], [3, 1.92], [4, 2.59], [5, 3.2], [6, 3.82], [7, 4.38], [8, 4.97]];
const learningRate = 0.001;
function gradient(w: number, b: number): [number, number] {
  let dw = 0, db = 0;
  for (const [x, target] of data) {
    const error = w * x + b - target;
    dw += error * x;
    db += error;
  }
  return [dw, db];
}
function update({w, b}: {w: number; b: number}) {
  const [dw, db] = gradient(w, b);
  return {w: w - learningRate * dw, b: b - learningRate * db};
}
const loss = (w: number, b: number) => data.reduce((s, [x, t]) => s + (w * x + b - t) ** 2, 0) / 2;

function withoutRecording(n: number): number {
  const t0 = performance.now();
  let w = 1, b = 0;
  for (let i = 0; i < n; ++i) ({w, b} = update({w, b}));
  const ms = performance.now() - t0;
  if (!Number.isFinite(w + b)) throw new Error("diverged");
  return ms;
}

/**
 * The same loop, recording every iteration. A fresh recorder grows from its small first size,
 * so this pays for the memory a run needs the first time it is touched; a recorder passed in
 * (cleared, as after Reset or for Replay) reuses memory it already has.
 */
function withRecording(n: number, reused?: RunRecorder): number {
  const t0 = performance.now();
  const run = reused ?? runRecorder({parameters: ["w", "b"]});
  run.clear();
  let w = 1, b = 0;
  run.push(w, b);
  for (let i = 0; i < n; ++i) {
    ({w, b} = update({w, b}));
    run.push(w, b);
  }
  const ms = performance.now() - t0;
  if (run.length !== n + 1) throw new Error("lost moments");
  return ms;
}

/** Writing the same number of doubles into fresh memory, and into memory written before: what the system charges for new pages. */
function firstTouch(n: number): {fresh: number; touched: number} {
  let t0 = performance.now();
  const a = new Float64Array(2 * n);
  for (let i = 0; i < 2 * n; ++i) a[i] = i;
  const fresh = performance.now() - t0;
  t0 = performance.now();
  for (let i = 0; i < 2 * n; ++i) a[i] = -i;
  return {fresh, touched: performance.now() - t0};
}

/** The numbers of the timeline phase; times are ms on this machine, the targets are ratios. */
export interface TimelineOutcome {
  iterations: number;
  rounds: number;
  /** Throughput with recording over throughput without, a fresh recorder each run (fastest rounds). Target ≥ 0.9. */
  throughput_ratio: number;
  /** …the same with a recorder reused after clear() (Reset, Replay): no new memory to touch. */
  reused_ratio: number;
  without_ms: number;
  with_ms: number;
  reused_ms: number;
  /** Writing a run's worth of doubles into fresh memory, and again into the same memory, ms. */
  fresh_memory_ms: number;
  touched_memory_ms: number;
  /** One preview of 300 steps, ms (median), and as a share of a 60 Hz frame. */
  preview_ms: number;
  preview_frames: number;
  /** The recorder's reads for one scrub at 100,000 moments (moment, path and loss curve up to it), p95 ms and frames. */
  scrub_p95_ms: number;
  scrub_frames: number;
}

export function timelineBench({iterations = 300_000, rounds = 25} = {}): TimelineOutcome {
  const frame = 1000 / 60;
  // Warm every loop up until the optimizing compiler has had its turn (on a busy machine its
  // background threads wait too), then alternate so that any drift of the machine hits all alike.
  const kept = runRecorder({parameters: ["w", "b"], capacity: iterations + 1});
  for (let r = 0; r < 8; ++r) withoutRecording(iterations), withRecording(iterations), withRecording(iterations, kept);
  const off: number[] = [];
  const on: number[] = [];
  const again: number[] = [];
  const memory: {fresh: number; touched: number}[] = [];
  for (let r = 0; r < rounds; ++r) {
    off.push(withoutRecording(iterations));
    on.push(withRecording(iterations));
    again.push(withRecording(iterations, kept));
    memory.push(firstTouch(iterations));
  }
  // The fastest round of each: on a shared machine the others measure the neighbours too.
  const without = Math.min(...off);
  const withIt = Math.min(...on);
  const reused = Math.min(...again);

  const previews: number[] = [];
  for (let r = 0; r < 200; ++r) {
    const t0 = performance.now();
    previewPath({w: 1 + r * 1e-3, b: 0}, update, 300);
    previews.push(performance.now() - t0);
  }

  const run = runRecorder({parameters: ["w", "b"], measure: (p) => ({loss: loss(p[0], p[1]), gradient: gradient(p[0], p[1])})});
  let state = {w: 1, b: 0};
  run.push(state.w, state.b);
  for (let i = 0; i < 100_000; ++i) (state = update(state)), run.push(state.w, state.b);
  const scrubs: number[] = [];
  let seed = 1;
  for (let r = 0; r < 300; ++r) {
    seed = (seed * 48271) % 2147483647;
    const i = seed % run.length;
    const t0 = performance.now();
    run.at(i);
    run.path(1000, [0, 1], i);
    run.lossCurve(1000, i);
    scrubs.push(performance.now() - t0);
  }
  const preview = percentile(previews, 0.5);
  const scrub = percentile(scrubs, 0.95);
  return {
    iterations,
    rounds,
    throughput_ratio: without / withIt,
    reused_ratio: without / reused,
    without_ms: without,
    with_ms: withIt,
    reused_ms: reused,
    fresh_memory_ms: Math.min(...memory.map((m) => m.fresh)),
    touched_memory_ms: Math.min(...memory.map((m) => m.touched)),
    preview_ms: preview,
    preview_frames: preview / frame,
    scrub_p95_ms: scrub,
    scrub_frames: scrub / frame
  };
}
