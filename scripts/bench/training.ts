import type {Page} from "playwright-core";

/** What playing the descent chapter at top speed gave. */
export interface TrainingOutcome {
  /** Why training was not timed, if it was not. */
  skipped?: string;
  /** Iterations per second while playing, from the page's iteration_counter. */
  iterations_per_s: number;
  /** The speed control's setting while timed, iterations per frame. */
  speed: number;
  /** Iterations per second of the page's own `update` called in a bare loop: the ceiling. */
  update_only_iterations_per_s: number;
  /** Frames longer than `longFrameMs` (50 unless said) while playing (rAF deltas), the longest, and the LoAF count. */
  long_frames: number;
  max_frame_ms: number;
  loaf_count: number;
  /** The median frame interval while playing, ms. */
  frame_ms: number;
  /** Whether it was still playing at the end (training stops itself when it diverges). */
  still_playing: boolean;
  /** The descent chapter's failed cells at the end, as "name: message". */
  rejected: string[];
  /** w and b after `check.iterations` calls of the page's update from (1, 0), at its learning rate. */
  check: Check | null;
}

/** Where k iterations from (w, b) = (1, 0) end up. */
export interface Check {
  iterations: number;
  learning_rate: number;
  w: number;
  b: number;
}

/** Scrolls the descent chapter's controls into view and sets the speed control (null: its maximum). */
function prepareInPage(speed: number | null): {speed: number} | string {
  const section = document.querySelector('[data-chapter="descent"]');
  if (!section) return "no descent chapter";
  const play = section.querySelector<HTMLElement>("[data-action=play]");
  if (!play) return "no play button";
  const range = play.closest("[data-cell]")?.querySelector<HTMLInputElement>("input[type=range]");
  if (!range) return "no speed control";
  play.scrollIntoView({block: "center"});
  range.value = speed === null ? range.max : String(Math.log(speed));
  range.dispatchEvent(new Event("input", {bubbles: true}));
  // The controls' own reading: at the top notch, Infinity (as many as fit in a frame).
  const controls = range.closest(".training-controls") as (HTMLElement & {value?: {speed: number}}) | null;
  return {speed: controls?.value?.speed ?? Math.exp(Number(range.value))};
}

/**
 * Counts iterations while the loop plays: the counter's value is read every frame and the rate
 * taken between its first and last change, so a slow frame at either end does not skew it.
 */
async function timeInPage(o: {seconds: number; maxSeconds: number; patience: number; longFrameMs: number}): Promise<Omit<TrainingOutcome, "speed">> {
  const clock = window.__benchClock;
  const pg = window.playground;
  const counter = async () => Number(await pg.value("descent", "iteration_counter"));
  const deltas = (ts: number[]) => ts.slice(1).map((t, i) => t - ts[i]);
  await new Promise((r) => setTimeout(r, 500)); // let it reach speed
  const began = performance.now();
  const firstFrame = clock.frames.length;
  const firstLong = clock.long.length;
  const changes: [number, number][] = [];
  let last = await counter();
  let nudged = 0;
  for (;;) {
    await new Promise((r) => requestAnimationFrame(r));
    const now = await counter();
    const moved = now !== last;
    if (moved) changes.push([performance.now(), now]), (last = now);
    const elapsed = (performance.now() - began) / 1000;
    if ((elapsed >= o.seconds && changes.length >= 3) || elapsed >= o.maxSeconds) break;
    if (!changes.length && elapsed >= o.patience) break; // stopped, or stuck in one frame
    // Training pauses while its chapter is off screen, and chapters above that render late can
    // push it out of view: while the counter stands still, bring the controls back every second.
    if (!moved && Math.floor(elapsed) > nudged) {
      nudged = Math.floor(elapsed);
      document.querySelector('[data-chapter="descent"] [data-action="play"]')?.scrollIntoView({block: "center"});
    }
  }
  const frames = deltas(clock.frames.slice(firstFrame));
  const sorted = [...frames].sort((a, b) => a - b);
  const [t0, c0] = changes[0] ?? [0, 0];
  const [t1, c1] = changes[changes.length - 1] ?? [0, 0];
  const section = document.querySelector('[data-chapter="descent"]');
  return {
    iterations_per_s: changes.length >= 2 ? ((c1 - c0) / (t1 - t0)) * 1000 : 0,
    long_frames: frames.filter((d) => d > o.longFrameMs).length,
    max_frame_ms: Math.max(0, ...frames),
    loaf_count: clock.long.slice(firstLong).length,
    frame_ms: sorted[Math.floor(sorted.length / 2)] ?? NaN,
    still_playing: !!section?.querySelector(".training-controls.playing"),
    rejected: [...(section?.querySelectorAll<HTMLElement>('[data-cell][data-state="rejected"]') ?? [])].map(
      (el) => `${el.dataset.cell}: ${el.textContent?.trim().slice(0, 160)}`
    ),
    update_only_iterations_per_s: NaN,
    check: null
  };
}

/** The page's own `update`, called in a bare loop: how fast the lesson's arithmetic runs here. */
async function updateInPage(check: number): Promise<{iterations_per_s: number; check: Check}> {
  type Update = (p: {w: number; b: number}) => {w: number; b: number};
  const update = (await window.playground.value("descent", "update")) as Update;
  const learning_rate = Number(await window.playground.value("descent", "learning_rate"));
  let p = {w: 1, b: 0};
  for (let i = 0; i < check; ++i) p = update(p);
  const checked = {iterations: check, learning_rate, ...p};
  let iterations = 0;
  const start = performance.now();
  p = {w: 1, b: 0};
  while (performance.now() - start < 500) {
    for (let i = 0; i < 1000; ++i) p = update(p);
    iterations += 1000;
  }
  return {iterations_per_s: (iterations / (performance.now() - start)) * 1000, check: checked};
}

const empty = (skipped: string): TrainingOutcome => ({
  skipped,
  iterations_per_s: NaN,
  speed: NaN,
  update_only_iterations_per_s: NaN,
  long_frames: 0,
  max_frame_ms: NaN,
  loaf_count: 0,
  frame_ms: NaN,
  still_playing: false,
  rejected: [],
  check: null
});

/**
 * Presses the descent chapter's real play button at top speed (or at `speed` iterations per
 * frame) and times a few seconds of training, then pauses and resets it. Never throws: a
 * failure is a skipped outcome.
 */
export async function train(
  page: Page,
  o: {seconds: number; maxSeconds: number; check: number; speed?: number; patience?: number; longFrameMs?: number}
): Promise<TrainingOutcome> {
  try {
    // The chapter ships train as an exercise, its loop waiting for the call to update: time the
    // solved loop, as a reader who pressed "Show solution" would run it.
    const solution = page.locator('[data-chapter="descent"] [data-action="solution"]');
    if (await solution.count()) {
      await solution.click({timeout: 10_000});
      await page.evaluate(() => window.playground.idle());
    }
    const prepared = await page.evaluate(prepareInPage, o.speed ?? null);
    if (typeof prepared === "string") return empty(prepared);
    await page.locator('[data-chapter="descent"] [data-action="play"]').click({timeout: 10_000});
    const timed = await page.evaluate(timeInPage, {seconds: o.seconds, maxSeconds: o.maxSeconds, patience: o.patience ?? 5, longFrameMs: o.longFrameMs ?? 50});
    await page.locator('[data-chapter="descent"] [data-action="pause"]').click({timeout: 30_000});
    const bare = await page.evaluate(updateInPage, o.check).catch(() => null);
    await page.locator('[data-chapter="descent"] [data-action="reset"]').click({timeout: 30_000});
    return {
      ...timed,
      speed: prepared.speed,
      update_only_iterations_per_s: bare?.iterations_per_s ?? NaN,
      check: bare?.check ?? null,
      ...(timed.iterations_per_s > 0 ? {} : {skipped: "the counter did not move"})
    };
  } catch (error) {
    return empty(`failed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  }
}
