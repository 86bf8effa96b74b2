// The benchmarks: scrub latency, training speed, start-up and scale, in headless Chromium.
//   npm run bench                          everything; a table, and bench-results.json
//   npm run bench -- --only scrub,training    some phases (start, scrub, training, scale, timeline)
//   npm run bench -- --profile landscape@100000   where a chapter's scrub spends its time
//   npm run bench -- --profile training@1000      where playing descent at top speed does
//   npm run bench -- --cpu 1                  without the phases on a 4× slower CPU (on by default)
//   npm run bench -- --only scrub --chapters line,plane   some chapters only
// It reports; it does not fail: missed targets, missing chapters and broken cells are rows.
import {writeFileSync} from "node:fs";
import {cpus, loadavg} from "node:os";
import {parseArgs} from "node:util";
import type {Browser, Page} from "playwright-core";
import {freshPage, launch, openPlayground, settle} from "./bench/browser.js";
import {dataCell, generate, learningRateFor, SEED} from "./bench/data.js";
import {profileWhile, traceWhile} from "./bench/profile.js";
import {runPython, type PythonRun} from "./bench/python.js";
import {kB, num, percentile, table, targets, verdict} from "./bench/report.js";
import {scrub, type ScrubOutcome} from "./bench/scrub.js";
import {serveSite, type Site} from "./bench/site.js";
import {throttle} from "./bench/throttle.js";
import {startOnce, type StartOutcome} from "./bench/start.js";
import {timelineBench, type TimelineOutcome} from "./bench/timeline.js";
import {timelineOnPage, type TimelinePageOutcome} from "./bench/timeline-page.js";
import {train, type TrainingOutcome} from "./bench/training.js";

const {values} = parseArgs({options: {only: {type: "string"}, profile: {type: "string"}, cpu: {type: "string"}, chapters: {type: "string"}}});
const phases = new Set((values.only ?? "start,scrub,training,scale,timeline").split(",").map((s) => s.trim()));
const BROWSER_PHASES = ["start", "scrub", "training", "scale", "timeline"];
/** How many times slower the CPU is in the throttled phases (1: none); profiles run at 1× unless told. */
const CPU = Number(values.cpu ?? (values.profile ? 1 : 4));
const onlyChapters = values.chapters?.split(",").map((s) => s.trim());
const SCALE_POINTS = [1_000, 10_000, 100_000];
const SCALE_CHAPTERS = ["fitting", "landscape", "descent"];
const began = Date.now();
const say = (message: string) => process.stderr.write(`[bench ${((Date.now() - began) / 1000).toFixed(0).padStart(3)}s] ${message}\n`);
const why = (error: unknown) => (error instanceof Error ? error.message.split("\n")[0] : String(error));

/** A scrub row of bench-results.json. */
interface ScrubRow {
  chapter: string;
  input: string | null;
  p50_ms: number;
  p95_ms: number;
  frame_ms: number;
  moves: number;
  max_frame_ms: number;
  long_frames: number;
  /** The p95 target for this row, ms (null where the issue sets none). */
  target_ms: number | null;
  pass: string;
  skipped?: string;
  /** Moves that changed no chart or had not settled in time; page errors while scrubbing. */
  unchanged?: number;
  timed_out?: number;
  errors?: string[];
  /** The chapter's failed cells at the end, as "name: message". */
  rejected?: string[];
}

const results = {
  date: new Date().toISOString(),
  machine: {cpus: cpus().length, cpu: cpus()[0]?.model ?? "", node: process.version, loadavg_start: loadavg(), loadavg_end: [] as number[]},
  scrub: [] as ScrubRow[],
  training: null as null | Record<string, unknown>,
  start: null as null | Record<string, unknown>,
  scale: [] as (ScrubRow & {points: number})[],
  scale_training: [] as Record<string, unknown>[],
  /** The same start, scrub and training with the CPU slowed CPU times. */
  throttled: null as null | {cpu: number; start: Record<string, unknown> | null; scrub: ScrubRow[]; training: Record<string, unknown> | null},
  timeline: null as null | TimelineOutcome,
  /** The timeline scrubbed and the start moved in the page, from the event to the painted frame. */
  timeline_page: null as null | TimelinePageOutcome,
  errors: [] as string[]
};

/** The row for one scrubbed chapter; `frames` is the p95 target in frame intervals, if any. */
function scrubRow(o: ScrubOutcome, frames: number | null, errors: string[]): ScrubRow {
  const p95 = percentile(o.latencies, 0.95);
  const target = frames !== null && Number.isFinite(o.frame_ms) ? frames * o.frame_ms : null;
  const timed = o.latencies.length > 0;
  return {
    chapter: o.chapter,
    input: o.input,
    p50_ms: percentile(o.latencies, 0.5),
    p95_ms: p95,
    frame_ms: o.frame_ms,
    moves: o.latencies.length,
    max_frame_ms: o.max_frame_ms,
    long_frames: o.long_frames,
    target_ms: target,
    pass: timed ? verdict([[target === null ? null : p95 <= target, "p95"], [o.long_frames === 0, "frames"]]) : "—",
    ...(o.skipped ? {skipped: o.skipped} : {}),
    ...(o.unchanged ? {unchanged: o.unchanged} : {}),
    ...(o.timedOut ? {timed_out: o.timedOut} : {}),
    ...(errors.length ? {errors: [...new Set(errors)].slice(0, 5)} : {}),
    ...(o.rejected.length ? {rejected: o.rejected} : {})
  };
}

/** Resolves with `promise`'s value, or with `fallback` after `ms` (leaving no timer behind). */
async function within<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => (timer = setTimeout(() => resolve(fallback), ms)));
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Opens the playground in a fresh context; the caller closes the context. */
async function opened(browser: Browser, site: Site) {
  const fresh = await freshPage(browser);
  await openPlayground(fresh.page, site.url, 120_000);
  return fresh;
}

/** Descent's timeline and start preview, timed in a fresh page (see timelineInPage). */
async function timelinePagePhase(browser: Browser, site: Site): Promise<TimelinePageOutcome> {
  const {context, page} = await opened(browser, site);
  try {
    return await timelineOnPage(page);
  } finally {
    await context.close();
  }
}

/** Scrubs chapters in a page, one row each; errors the page logs are put on the row. */
async function scrubChapters(page: Page, errors: string[], chapters: string[], o: {moves: number; budgetMs: number; minMoves: number; moveTimeoutMs: number; longFrameMs?: number}, frames: number | null, at = "") {
  const rows: ScrubRow[] = [];
  for (const chapter of chapters) {
    const before = errors.length;
    const outcome = await scrub(page, {chapter, ...o});
    const row = scrubRow(outcome, frames, errors.slice(before));
    say(`scrub${at} ${chapter}: ${row.skipped ?? `p95 ${num(row.p95_ms)} ms over ${row.moves} moves`}`);
    rows.push(row);
  }
  return rows;
}

async function startPhase(browser: Browser, site: Site, cpu = 1) {
  const runs: StartOutcome[] = [];
  const at = cpu === 1 ? "" : ` at ${cpu}×`;
  for (let i = 0; i < 3; ++i) {
    try {
      runs.push(await startOnce(browser, site.url, cpu, 180_000));
      const r = runs.at(-1)!;
      say(`start${at} ${i + 1}: FCP ${num(r.fcp_ms)} ms, first chart ${num(r.first_chart_ms)} ms, first screen ${num(r.first_screen_ms)} ms, settled ${num(r.settled_ms)} ms`);
    } catch (error) {
      results.errors.push(`start: ${why(error)}`);
    }
  }
  // The median of each time; sizes are the same in every run.
  const median = (f: (r: StartOutcome) => number) => percentile(runs.map(f), 0.5);
  const last = runs.at(-1);
  const timings = {
    fcp_ms: median((r) => r.fcp_ms),
    first_chart_ms: median((r) => r.first_chart_ms),
    first_screen_ms: median((r) => r.first_screen_ms),
    settled_ms: median((r) => r.settled_ms),
    editors_ms: median((r) => r.editors_ms),
    initial_gzip_bytes: last?.initial_gzip_bytes ?? NaN,
    total_gzip_bytes: last?.total_gzip_bytes ?? NaN,
    runs: runs.length
  };
  if (cpu !== 1) return timings;
  let standalone = NaN;
  try {
    const {context, page} = await opened(browser, site);
    standalone = Buffer.byteLength(await page.evaluate(() => window.playground.exportHTML()), "utf8");
    await context.close();
  } catch (error) {
    results.errors.push(`export: ${why(error)}`);
  }
  return {
    ...timings,
    standalone_bytes: standalone,
    initial: last?.initial ?? [],
    rejected: last?.rejected ?? []
  };
}

/**
 * Scrubs every chapter and plays descent in one page; at `cpu` > 1 the page loads at full
 * speed and is slowed once loaded, with that CPU's targets (longer frames allowed).
 */
async function scrubAndTrainPhase(browser: Browser, site: Site, cpu = 1): Promise<{scrub: ScrubRow[]; training: TrainingOutcome | null}> {
  const {context, page, errors} = await opened(browser, site);
  const slow = cpu !== 1;
  const at = slow ? ` at ${cpu}×` : "";
  try {
    if (slow) await throttle(page, cpu);
    let scrub: ScrubRow[] = [];
    if (phases.has("scrub")) {
      const all = await page.evaluate(() => window.playground.chapters());
      const chapters = onlyChapters ? all.filter((c) => onlyChapters.includes(c)) : all;
      const o = slow
        ? {moves: 40, budgetMs: 8_000, minMoves: 20, moveTimeoutMs: 20_000, longFrameMs: targets.throttled.longFrameMs}
        : {moves: 40, budgetMs: 15_000, minMoves: 40, moveTimeoutMs: 5_000};
      scrub = await scrubChapters(page, errors, chapters, o, slow ? targets.throttled.scrubFrames : targets.scrubFrames, at);
    }
    if (!phases.has("training")) return {scrub, training: null};
    await settle(page);
    const outcome = await train(page, {seconds: 3, maxSeconds: slow ? 20 : 10, check: 1000, ...(slow ? {longFrameMs: targets.throttled.longFrameMs} : {})});
    say(`training${at}: ${outcome.skipped ?? `${num(outcome.iterations_per_s, 0)} iterations/s, longest frame ${num(outcome.max_frame_ms)} ms`}`);
    return {scrub, training: outcome};
  } finally {
    await context.close();
  }
}

async function scalePhase(browser: Browser, site: Site, points: number): Promise<TrainingOutcome | null> {
  const {context, page, errors} = await opened(browser, site);
  try {
    const t0 = Date.now();
    const source = dataCell(points);
    const edited = await within(page.evaluate((source) => window.playground.edit("fitting", "data", source), source).then(() => true), 180_000, false);
    const settleMs = Date.now() - t0;
    const lr = learningRateFor(generate(points));
    await page.evaluate((lr) => window.playground.chapters().includes("descent") && window.playground.set("descent", "learning_rate", lr), lr).catch(() => {});
    await settle(page, 60_000);
    say(`scale ${points}: data edited and the page settled in ${num(settleMs / 1000)} s${edited ? "" : " (timed out)"}`);
    const chapters = await page.evaluate((wanted) => wanted.filter((c) => window.playground.chapters().includes(c)), SCALE_CHAPTERS);
    const rows = await scrubChapters(page, errors, chapters, {moves: 40, budgetMs: 10_000, minMoves: points >= 100_000 ? 5 : 10, moveTimeoutMs: 20_000}, points >= 100_000 ? targets.scaleFrames : null);
    results.scale.push(...rows.map((r) => ({points, ...r})));
    for (const missing of SCALE_CHAPTERS.filter((c) => !chapters.includes(c))) {
      const none = {chapter: missing, input: null, skipped: "no such chapter on the page", latencies: [], unchanged: 0, timedOut: 0};
      results.scale.push({points, ...scrubRow({...none, frame_ms: NaN, max_frame_ms: NaN, long_frames: 0, charts: [], rejected: []}, null, [])});
    }
    let outcome = await train(page, {seconds: 3, maxSeconds: 15, check: 10});
    say(`scale ${points} training: ${outcome.skipped ?? `${num(outcome.iterations_per_s, 0)} iterations/s`}`);
    let topSpeed: string | null = null;
    if (outcome.skipped) {
      // Top speed failed (too much work in one frame, say): time a speed whose frame does about
      // a million point-updates (a few ms of arithmetic), and say why top speed failed.
      topSpeed = [outcome.skipped, failed(outcome.rejected)].filter(Boolean).join("; ");
      const speed = Math.max(1, Math.round(1_000_000 / points));
      outcome = await train(page, {seconds: 3, maxSeconds: 20, check: 10, speed, patience: 15});
      say(`scale ${points} training at ${speed}/frame: ${outcome.skipped ?? `${num(outcome.iterations_per_s, 0)} iterations/s`}`);
    }
    results.scale_training.push({points, settle_ms: settleMs, learning_rate: outcome.check?.learning_rate ?? lr, ...(topSpeed ? {top_speed_failed: topSpeed} : {})});
    return outcome;
  } finally {
    await context.close();
  }
}

/** The training numbers, beside the Python loop's, with the bit-for-bit check. */
function summarizeTraining(o: TrainingOutcome, python: PythonRun | null | Error) {
  const py = python instanceof Error || !python ? null : python;
  const ratio = py ? o.iterations_per_s / py.iterations_per_s : NaN;
  const exact = py && o.check && py.check.iterations === o.check.iterations ? Object.is(py.check.w, o.check.w) && Object.is(py.check.b, o.check.b) : null;
  return {
    iterations_per_s: o.iterations_per_s,
    python_iterations_per_s: py?.iterations_per_s ?? NaN,
    ratio,
    long_frames: o.long_frames,
    max_frame_ms: o.max_frame_ms,
    loaf_count: o.loaf_count,
    frame_ms: o.frame_ms,
    speed_per_frame: o.speed,
    update_only_iterations_per_s: o.update_only_iterations_per_s,
    still_playing: o.still_playing,
    same_bits_as_python: exact,
    ...(o.rejected.length ? {rejected: o.rejected} : {}),
    ...(o.skipped ? {skipped: o.skipped} : {}),
    ...(python instanceof Error ? {python_error: python.message} : {})
  };
}

async function python(o: Parameters<typeof runPython>[0]): Promise<PythonRun | Error> {
  return runPython(o).catch((error: Error) => error);
}

async function measure(site: Site, browser: Browser) {
  const throttled: NonNullable<typeof results.throttled> | null = CPU !== 1 ? {cpu: CPU, start: null, scrub: [], training: null} : null;
  results.throttled = throttled;
  if (phases.has("start")) {
    say("start: three cold loads");
    results.start = await startPhase(browser, site).catch((error) => (results.errors.push(`start: ${why(error)}`), null));
    if (throttled) {
      say(`start: three cold loads at ${CPU}×`);
      throttled.start = await startPhase(browser, site, CPU).catch((error) => (results.errors.push(`start at ${CPU}×: ${why(error)}`), null));
    }
  }
  let lessonTraining: TrainingOutcome | null = null;
  if (phases.has("scrub") || phases.has("training")) {
    const full = await scrubAndTrainPhase(browser, site).catch((error) => (results.errors.push(`scrub: ${why(error)}`), null));
    results.scrub = full?.scrub ?? [];
    lessonTraining = full?.training ?? null;
    if (throttled) {
      const slow = await scrubAndTrainPhase(browser, site, CPU).catch((error) => (results.errors.push(`scrub at ${CPU}×: ${why(error)}`), null));
      throttled.scrub = slow?.scrub ?? [];
      if (slow?.training) throttled.training = summarizeTraining(slow.training, null);
    }
  }
  if (phases.has("timeline")) {
    say("timeline: scrubbing descent's timeline at 100,000 iterations and moving its start, in the page");
    results.timeline_page = await timelinePagePhase(browser, site).catch((error) => (results.errors.push(`timeline in the page: ${why(error)}`), null));
  }
  const scaleTraining: [number, TrainingOutcome | null][] = [];
  if (phases.has("scale")) {
    for (const points of SCALE_POINTS) {
      const outcome = await scalePhase(browser, site, points).catch((error) => (results.errors.push(`scale ${points}: ${why(error)}`), null));
      scaleTraining.push([points, outcome]);
    }
  }
  await browser.close();
  // The Python loop runs with the browser closed, so the two never share the CPU.
  if (lessonTraining) {
    say("python: the lesson's loop");
    const py = await python({learningRate: lessonTraining.check?.learning_rate ?? 0.001, seconds: 2, check: lessonTraining.check?.iterations ?? 1000});
    results.training = summarizeTraining(lessonTraining, py);
  }
  for (const [points, outcome] of scaleTraining) {
    const row = results.scale_training.find((r) => r.points === points);
    if (!outcome || !row) continue;
    say(`python: ${points} points`);
    const py = await python({points, seed: SEED, learningRate: outcome.check?.learning_rate ?? learningRateFor(generate(points)), seconds: 2, check: outcome.check?.iterations ?? 10});
    Object.assign(row, summarizeTraining(outcome, py));
  }
}

async function profile(spec: string) {
  const [chapter, points] = spec.split("@");
  const training = chapter === "training";
  say(`profile: building unminified${CPU !== 1 ? `, CPU ${CPU}× slower` : ""}, ${training ? "training descent" : `scrubbing ${chapter}`}${points ? ` at ${points} points` : ""}`);
  const site = await serveSite({minify: false});
  const browser = await launch();
  try {
    const {page} = await opened(browser, site);
    if (CPU !== 1) await throttle(page, CPU);
    if (points) {
      await page.evaluate((source) => window.playground.edit("fitting", "data", source), dataCell(Number(points)));
      await settle(page, 120_000);
      // As in the scale phase: a learning rate at which this much data does not diverge.
      if (training) await page.evaluate((lr) => window.playground.set("descent", "learning_rate", lr), learningRateFor(generate(Number(points))));
    }
    const hotspots = (title: string, rows: {where: string; self_ms: number; share: number}[]) =>
      console.log(table([title, "ms", "share"], rows.map((f) => [f.where, num(f.self_ms), `${num(f.share * 100)}%`])) + "\n");
    if (training) {
      const play = () => train(page, {seconds: 3, maxSeconds: 10, check: 10});
      const traced = await traceWhile(browser, page, play);
      const {outcome, functions, files, inclusive} = await profileWhile(page, play);
      console.log(`\ntraining${points ? ` at ${points} points` : ""}: ${num(outcome.iterations_per_s, 0)} iterations/s, frame ${num(outcome.frame_ms)} ms, longest ${num(outcome.max_frame_ms)} ms (traced run: ${num(traced.outcome.iterations_per_s, 0)}/s)\n`);
      hotspots("main thread while training (trace)", traced.kinds);
      hotspots("self time by function", functions);
      hotspots("time on the stack by function", inclusive);
      hotspots("self time by file", files);
      return;
    }
    const work = () => scrub(page, {chapter, moves: 30, budgetMs: 30_000, minMoves: 5, moveTimeoutMs: 60_000});
    const traced = await traceWhile(browser, page, work);
    const {outcome, functions, files, inclusive} = await profileWhile(page, work);
    const row = scrubRow(outcome, null, []);
    console.log(`\n${chapter}${points ? ` at ${points} points` : ""}: ${row.input ?? row.skipped}, p50 ${num(row.p50_ms)} ms, p95 ${num(row.p95_ms)} ms over ${row.moves} moves (frame ${num(row.frame_ms)} ms)\n`);
    hotspots("main thread while scrubbing (trace)", traced.kinds);
    console.log(`(traced run: p50 ${num(percentile(traced.outcome.latencies, 0.5))} ms, p95 ${num(percentile(traced.outcome.latencies, 0.95))} ms)\n`);
    hotspots("self time by function", functions);
    hotspots("time on the stack by function", inclusive);
    hotspots("self time by file", files);
  } finally {
    await browser.close();
    await site.close();
  }
}

/** A speed setting: iterations per frame, or "as many as fit" at the top notch (null once in JSON). */
function perFrame(speed: unknown): string {
  return speed === Infinity || speed === null ? "as many as fit" : num(speed as number, 0);
}

/** Failed cells in a line: those that failed themselves, and how many only wait on them. */
function failed(rejected: string[] | undefined): string {
  if (!rejected?.length) return "";
  const own = rejected.filter((r) => !/^[^:]+: waiting on /.test(r));
  const waiting = rejected.length - own.length;
  return `failed: ${own.join("; ")}${waiting ? ` (and ${waiting} cell${waiting === 1 ? "" : "s"} waiting on ${own.length === 1 ? "it" : "them"})` : ""}`;
}

function print() {
  const out: string[] = [];
  const scrubTable = (rows: (ScrubRow & {points?: number})[]) =>
    table(
      [...(rows.some((r) => r.points) ? ["points"] : []), "chapter", "input", "moves", "p50 ms", "p95 ms", "frame ms", "target ms", "max frame ms", ">50 ms", "pass"],
      rows.map((r) => [
        ...(r.points ? [num(r.points, 0)] : []),
        r.chapter,
        r.input ?? `(${r.skipped ?? "skipped"})`,
        num(r.moves, 0),
        num(r.p50_ms),
        num(r.p95_ms),
        num(r.frame_ms),
        r.target_ms === null ? "—" : `≤ ${num(r.target_ms)}`,
        num(r.max_frame_ms),
        num(r.long_frames, 0),
        r.pass
      ])
    );
  const slow = results.throttled;
  const x = slow ? `${slow.cpu}×` : "";
  if (results.scrub.length && slow?.scrub.length) {
    // The 1× and the slowed figures of each chapter side by side.
    const rows = results.scrub.map((r) => [r, slow.scrub.find((t) => t.chapter === r.chapter)] as const);
    out.push(
      `Scrub latency: input event → painted chart, lesson data. Targets at 1×: p95 ≤ 1.25 × 2 frames, no frame > ${targets.longFrameMs} ms; at ${x}: p95 ≤ ${targets.throttled.scrubFrames} frames, no frame > ${targets.throttled.longFrameMs} ms`,
      table(
        ["chapter", "input", "1× p50", "1× p95", "max frame", "pass", `${x} p50`, `${x} p95`, `${x} target`, `${x} max frame`, `${x} pass`],
        rows.map(([r, t]) => [
          r.chapter,
          r.input ?? `(${r.skipped ?? "skipped"})`,
          num(r.p50_ms),
          num(r.p95_ms),
          num(r.max_frame_ms),
          r.pass,
          num(t?.p50_ms),
          num(t?.p95_ms),
          t?.target_ms == null ? "—" : `≤ ${num(t.target_ms)}`,
          num(t?.max_frame_ms),
          t?.pass ?? "—"
        ])
      ),
      `  (ms; ${x} rows: ${slow.scrub.reduce((n, r) => n + r.moves, 0)} moves in all, ${slow.scrub.filter((r) => r.pass === "pass").length} of ${slow.scrub.length} chapters pass)`,
      ""
    );
  } else if (results.scrub.length || slow?.scrub.length) {
    const only = results.scrub.length ? results.scrub : slow!.scrub;
    const at = results.scrub.length ? "" : ` at ${x} (target: p95 ≤ ${targets.throttled.scrubFrames} frames; no frame > ${targets.throttled.longFrameMs} ms)`;
    out.push(`Scrub latency: input event → painted chart, lesson data${at || ` (target: p95 ≤ 1.25 × 2 frames; no frame > ${targets.longFrameMs} ms)`}`, scrubTable(only), "");
  }
  const t = results.training;
  if (t) {
    const n = (k: string) => t[k] as number;
    out.push(
      "Training: descent at top speed, lesson data",
      table(
        ["measure", "value", "target", "pass"],
        [
          ["JS iterations/s (playing)", num(n("iterations_per_s"), 0), "", ""],
          ["  speed setting, iterations/frame", perFrame(t.speed_per_frame), "", ""],
          ["  page's update() alone, iterations/s", num(n("update_only_iterations_per_s"), 0), "", ""],
          ["Python iterations/s (descent.py)", num(n("python_iterations_per_s"), 0), "", ""],
          ["ratio JS/Python", num(n("ratio"), 2), `≥ ${targets.trainingRatio}`, verdict([[Number.isFinite(n("ratio")) ? n("ratio") >= targets.trainingRatio : null, "ratio"]])],
          [`frames > ${targets.longFrameMs} ms while playing`, num(n("long_frames"), 0), "0", verdict([[n("long_frames") === 0, "frames"]])],
          ["  longest frame, ms", num(n("max_frame_ms")), "", ""],
          ["same bits as Python after 1000 steps", String(t.same_bits_as_python ?? "—"), "true", verdict([[t.same_bits_as_python as boolean | null, "bits"]])],
          ...(slow?.training
            ? [
                [`JS iterations/s (playing) at ${x}`, num(slow.training.iterations_per_s as number, 0), "", ""],
                [`frames > ${targets.throttled.longFrameMs} ms while playing at ${x}`, num(slow.training.long_frames as number, 0), "0", verdict([[slow.training.long_frames === 0 && !slow.training.skipped, "frames"]])],
                [`  longest frame at ${x}, ms`, num(slow.training.max_frame_ms as number), "", ""]
              ]
            : [])
        ]
      ),
      ...(t.skipped ? [`  (training: ${t.skipped})`] : []),
      ...(t.python_error ? [`  (python: ${t.python_error})`] : []),
      ""
    );
  }
  const s = results.start;
  if (s) {
    const n = (k: string) => s[k] as number;
    const ts = slow?.start ?? null;
    const m = (k: string) => (ts ? (ts[k] as number) : NaN);
    const within = (value: number, limit: number, what: string) => verdict([[Number.isFinite(value) ? value <= limit : null, what]]);
    const ms = (v: number) => `${num(v)} ms`;
    const T = targets.throttled;
    out.push(
      `Start (median of ${s.runs} cold loads${ts ? `; ${ts.runs} at ${x}` : ""})`,
      table(
        ["measure", "1×", "target", "pass", ...(ts ? [x, `${x} target`, `${x} pass`] : [])],
        [
          ["first contentful paint", ms(n("fcp_ms")), `≤ ${targets.fcpMs} ms`, within(n("fcp_ms"), targets.fcpMs, "fcp"), ...(ts ? [ms(m("fcp_ms")), "", ""] : [])],
          ["first chart painted", ms(n("first_chart_ms")), `≤ ${targets.firstChartMs} ms`, within(n("first_chart_ms"), targets.firstChartMs, "chart"), ...(ts ? [ms(m("first_chart_ms")), `≤ ${T.firstChartMs} ms`, within(m("first_chart_ms"), T.firstChartMs, "chart")] : [])],
          ["first screen settled", ms(n("first_screen_ms")), "", "", ...(ts ? [ms(m("first_screen_ms")), `≤ ${T.firstScreenMs} ms`, within(m("first_screen_ms"), T.firstScreenMs, "screen")] : [])],
          ["every cell settled (idle)", ms(n("settled_ms")), "", "", ...(ts ? [ms(m("settled_ms")), "", ""] : [])],
          ["every code listing a live editor", ms(n("editors_ms")), "", "", ...(ts ? [ms(m("editors_ms")), "", ""] : [])],
          ["JS+CSS before first chart, gzip", kB(n("initial_gzip_bytes")), `≤ ${kB(targets.initialGzipBytes)}`, within(n("initial_gzip_bytes"), targets.initialGzipBytes, "size"), ...(ts ? [kB(m("initial_gzip_bytes")), "", ""] : [])],
          ["  all JS+CSS once settled, gzip", kB(n("total_gzip_bytes")), "", "", ...(ts ? ["", "", ""] : [])],
          ["standalone page (exportHTML)", kB(n("standalone_bytes")), `≤ ${kB(targets.standaloneBytes)}`, within(n("standalone_bytes"), targets.standaloneBytes, "size"), ...(ts ? ["", "", ""] : [])]
        ]
      ),
      ...(s.initial as {url: string; gzip_bytes: number}[]).slice(0, 6).map((l) => `  before first chart: ${l.url} ${kB(l.gzip_bytes)} gzip`),
      ...((s.rejected as string[]).length ? [`  cells rejected once settled: ${(s.rejected as string[]).join(", ")}`] : []),
      ""
    );
  }
  if (results.scale.length) {
    out.push("Scale: generated data in fitting (target at 100,000 points: p95 ≤ 3 frames)", scrubTable(results.scale), "");
  }
  if (results.scale_training.length) {
    out.push(
      "Scale: training at top speed",
      table(
        ["points", "data edit settles", "learning rate", "speed/frame", "JS iterations/s", "update() alone", "Python iterations/s", "ratio", ">50 ms frames", "longest frame ms", "pass"],
        results.scale_training.map((r) => {
          const n = (k: string) => r[k] as number;
          return [
            num(n("points"), 0),
            `${num(n("settle_ms") / 1000)} s`,
            String(r.learning_rate),
            perFrame(r.speed_per_frame),
            num(n("iterations_per_s"), 0),
            num(n("update_only_iterations_per_s"), 0),
            num(n("python_iterations_per_s"), 0),
            num(n("ratio"), 2),
            num(n("long_frames"), 0),
            num(n("max_frame_ms")),
            verdict([[Number.isFinite(n("ratio")) ? n("ratio") >= targets.trainingRatio : null, "ratio"], [n("long_frames") === 0, "frames"]])
          ];
        })
      ),
      ""
    );
  }
  const tp = results.timeline_page;
  const pageRows = (): string[][] => {
    if (!tp) return [];
    if (tp.skipped) return [["in the page", tp.skipped, "", ""]];
    const frame = 1000 / 60;
    const p95 = (xs: number[]) => percentile(xs, 0.95) / frame;
    const frames = (x: number) => verdict([[Number.isFinite(x) ? x <= targets.timelineFrames : null, "frames"]]);
    return [
      [`page: timeline scrub at ${num(tp.iterations, 0)} iterations, p95 frames${tp.shown ? "" : " (a moment not shown!)"}`, num(p95(tp.scrub_ms), 2), `≤ ${targets.timelineFrames}`, frames(p95(tp.scrub_ms))],
      ["page: moving the start, path preview redrawn, p95 frames", num(p95(tp.preview_ms), 2), `≤ ${targets.timelineFrames}`, frames(p95(tp.preview_ms))]
    ];
  };
  const tl = results.timeline;
  if (tl) {
    const ratio = (x: number) => verdict([[Number.isFinite(x) ? x >= targets.recordingRatio : null, "ratio"]]);
    const frames = (x: number) => verdict([[Number.isFinite(x) ? x <= targets.timelineFrames : null, "frames"]]);
    out.push(
      `Timeline: recording a run, in Node's V8 (${num(tl.iterations, 0)} iterations of descent as the trainer calls it, fastest of ${tl.rounds} rounds each way)`,
      table(
        ["measure", "value", "target", "pass"],
        [
          ["throughput while recording ÷ without", num(tl.throughput_ratio, 3), `≥ ${targets.recordingRatio}`, ratio(tl.throughput_ratio)],
          ["  without / with, ms", `${num(tl.without_ms)} / ${num(tl.with_ms)}`, "", ""],
          ["path preview, 300 steps, frames (computing only)", num(tl.preview_frames, 3), `≤ ${targets.timelineFrames}`, frames(tl.preview_frames)],
          ["record's share of a scrub at 100,000, p95 frames", num(tl.scrub_frames, 3), `≤ ${targets.timelineFrames}`, frames(tl.scrub_frames)],
          ...pageRows()
        ]
      ),
      ""
    );
  }
  const noted = [...results.scrub, ...results.scale].filter((r) => r.skipped || r.errors || r.rejected);
  for (const r of noted) {
    const where = "points" in r ? `${r.chapter} at ${num(r.points as number, 0)} points` : r.chapter;
    out.push(`note: ${where}: ${[r.skipped, failed(r.rejected), ...(r.errors ?? [])].filter(Boolean).join("; ")}`);
  }
  for (const r of [results.training ?? {}, ...results.scale_training]) {
    const where = "points" in r ? `training at ${num(r.points as number, 0)} points` : "training";
    if (r.top_speed_failed) {
      const instead = r.skipped ? `, and so did ${perFrame(r.speed_per_frame)}/frame (${r.skipped})` : `; timed at ${perFrame(r.speed_per_frame)}/frame instead`;
      out.push(`note: ${where}: top speed failed (${r.top_speed_failed})${instead}`);
    }
    else if (r.skipped || r.rejected) out.push(`note: ${where}: ${[r.skipped, failed(r.rejected as string[] | undefined)].filter(Boolean).join("; ")}`);
  }
  for (const e of results.errors) out.push(`error: ${e}`);
  const [l1, l5] = results.machine.loadavg_start;
  out.push(`machine: ${results.machine.cpus} × ${results.machine.cpu}, load average ${num(l1, 2)} (1 min), ${num(l5, 2)} (5 min) at the start; took ${num((Date.now() - began) / 1000, 0)} s`);
  console.log(out.join("\n"));
}

if (values.profile) {
  await profile(values.profile);
} else if (!BROWSER_PHASES.some((p) => phases.has(p))) {
  timelinePhase();
  results.machine.loadavg_end = loadavg();
  writeResults();
  print();
} else {
  timelinePhase();
  say("building the site");
  let site: Site | null = null;
  let browser: Browser | null = null;
  try {
    site = await serveSite();
    browser = await launch();
    await measure(site, browser);
  } catch (error) {
    results.errors.push(`bench: ${why(error)}`);
  } finally {
    await browser?.close();
    await site?.close();
  }
  results.machine.loadavg_end = loadavg();
  writeResults();
  print();
}

/** Recording's cost, before any browser starts (it needs none, and shares the CPU with none). */
function timelinePhase() {
  if (!phases.has("timeline")) return;
  say("timeline: training with and without recording");
  try {
    results.timeline = timelineBench();
  } catch (error) {
    results.errors.push(`timeline: ${why(error)}`);
  }
}

function writeResults() {
  writeFileSync(new URL("../bench-results.json", import.meta.url), JSON.stringify(results, (_, v) => (typeof v === "number" && !Number.isFinite(v) ? null : v), 2) + "\n");
}
