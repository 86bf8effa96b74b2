// What recording a run costs, measured in Node's V8 (the engine Chromium runs), with no page:
// the lesson's descent loop called the way the trainer calls it, with and without keeping where
// each call ends (a ratio of throughputs); a path preview of 300 steps; and the record's share of
// one timeline scrub at 100,000 iterations (the moment, and the run up to it for the charts).
import {previewPath} from "../../src/train/path-preview.js";
import {RunRecord} from "../../src/train/run-record.js";
import {RECORDED_CHUNK} from "../../src/widgets/trainer.js";
import {percentile} from "./report.js";

/** The lesson's data and its descent chapter's update and train, in the same order of operations. */
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
type S = {w: number; b: number; iteration_counter: number};
function train({w, b, iteration_counter}: S, iterations: number): S {
  for (let i = 0; i < iterations; ++i) {
    ({w, b} = update({w, b}));
    iteration_counter += 1;
  }
  return {w, b, iteration_counter};
}
const loss = ({w, b}: S) => data.reduce((s, [x, t]) => s + (w * x + b - t) ** 2, 0) / 2;
const start: S = {w: 1, b: 0, iteration_counter: 0};

/** The trainer's largest call while it records, and without a record (as before there was one). */
const RECORDING_CHUNK = RECORDED_CHUNK;
const PLAIN_CHUNK = 1 << 16;

/** n iterations in calls of `chunk`, keeping where each ends in a record if one is given; ms. */
function trainFor(n: number, chunk: number, record?: RunRecord<S>): number {
  const t0 = performance.now();
  let s = start;
  for (let left = n; left > 0; left -= chunk) {
    s = train(s, Math.min(chunk, left));
    record?.push(s, train);
  }
  const ms = performance.now() - t0;
  if (s.iteration_counter !== n || !Number.isFinite(s.w + s.b)) throw new Error("lost iterations");
  return ms;
}

/** The numbers of the timeline phase; times are ms on this machine, the targets are ratios. */
export interface TimelineOutcome {
  iterations: number;
  rounds: number;
  /** Throughput while recording over throughput without (fastest rounds). Target ≥ 0.9. */
  throughput_ratio: number;
  without_ms: number;
  with_ms: number;
  /** One preview of 300 steps, ms (median), and as a share of a 60 Hz frame. */
  preview_ms: number;
  preview_frames: number;
  /**
   * The record's reads for one scrub at 100,000 iterations (the moment, and the path and loss
   * curve up to it), p95 ms and frames: the worse of a run trained at top speed (a state kept
   * every 4,096 iterations, so up to that many are run again) and one at 10 a frame (10,000 states kept).
   */
  scrub_p95_ms: number;
  scrub_frames: number;
}

export function timelineBench({iterations = 1_000_000, rounds = 15} = {}): TimelineOutcome {
  const frame = 1000 / 60;
  // Warm every loop up until the optimizing compiler has had its turn, then alternate so that
  // any drift of the machine hits both alike.
  for (let r = 0; r < 5; ++r) trainFor(iterations, PLAIN_CHUNK), trainFor(iterations, RECORDING_CHUNK, new RunRecord(start, {loss}));
  const off: number[] = [];
  const on: number[] = [];
  for (let r = 0; r < rounds; ++r) {
    off.push(trainFor(iterations, PLAIN_CHUNK));
    on.push(trainFor(iterations, RECORDING_CHUNK, new RunRecord(start, {loss})));
  }
  // The fastest round of each: on a shared machine the others measure the neighbours too.
  const without = Math.min(...off);
  const withIt = Math.min(...on);

  const previews: number[] = [];
  for (let r = 0; r < 200; ++r) {
    const t0 = performance.now();
    previewPath({w: 1 + r * 1e-3, b: 0}, update, 300);
    previews.push(performance.now() - t0);
  }

  const scrubP95 = (chunk: number) => {
    const record = new RunRecord<S>(start, {loss});
    trainFor(100_000, chunk, record);
    const scrubs: number[] = [];
    let seed = 1;
    for (let r = 0; r < 300; ++r) {
      seed = (seed * 48271) % 2147483647;
      const i = seed % record.length;
      const t0 = performance.now();
      record.at(i);
      record.upTo(i, (s) => [s.w, s.b]);
      scrubs.push(performance.now() - t0);
    }
    return percentile(scrubs, 0.95);
  };
  const preview = percentile(previews, 0.5);
  const scrub = Math.max(scrubP95(RECORDING_CHUNK), scrubP95(10));
  return {
    iterations,
    rounds,
    throughput_ratio: without / withIt,
    without_ms: without,
    with_ms: withIt,
    preview_ms: preview,
    preview_frames: preview / frame,
    scrub_p95_ms: scrub,
    scrub_frames: scrub / frame
  };
}
