import type {Page} from "playwright-core";

/** How to scrub one chapter. */
export interface ScrubOptions {
  chapter: string;
  /** Moves to time (after two warm-up moves). */
  moves: number;
  /** Stop early once this many ms have passed, if at least `minMoves` are timed. */
  budgetMs: number;
  minMoves: number;
  /** Give up on a move that has not settled after this many ms. */
  moveTimeoutMs: number;
  /** A frame longer than this is a long frame, ms (50 unless said). */
  longFrameMs?: number;
}

/** What scrubbing one chapter gave. */
export interface ScrubOutcome {
  chapter: string;
  /** The cell moved (`viewof w`), or the button pressed when no slider moves a chart. */
  input: string | null;
  /** Why the chapter was not timed, if it was not. */
  skipped?: string;
  /** Input event to the end of the frame that paints the chart's last change, per move, ms. */
  latencies: number[];
  /** Moves after which no chart changed, or the page had not settled in time. */
  unchanged: number;
  timedOut: number;
  /** The median frame interval while idle, in the same page, ms. */
  frame_ms: number;
  /** The longest frame while scrubbing (rAF delta), ms, and how many took over `longFrameMs`. */
  max_frame_ms: number;
  long_frames: number;
  /** The charts watched, by cell name. */
  charts: string[];
  /** The chapter's failed cells when done, as "name: message". */
  rejected: string[];
}

/**
 * Scrubs a chapter's main input in the page and times each move from the input event to the
 * painted frame where its charts have changed. Runs in the page: self-contained.
 */
export function scrubInPage(o: ScrubOptions): Promise<ScrubOutcome> {
  const clock = window.__benchClock;
  const pg = window.playground;
  const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
  const settle = (ms: number) => Promise.race([pg.idle().then(() => true), sleep(ms).then(() => false)]);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
  const deltas = (ts: number[]) => ts.slice(1).map((t, i) => t - ts[i]);
  const outcome: ScrubOutcome = {
    chapter: o.chapter,
    input: null,
    latencies: [],
    unchanged: 0,
    timedOut: 0,
    frame_ms: NaN,
    max_frame_ms: NaN,
    long_frames: 0,
    charts: [],
    rejected: []
  };
  const failures = (section: Element) =>
    [...section.querySelectorAll<HTMLElement>('[data-cell][data-state="rejected"]')].map((el) => `${el.dataset.cell}: ${el.textContent?.trim().slice(0, 160)}`);
  const skip = (why: string) => {
    outcome.skipped = why;
    const section = document.querySelector(`[data-chapter="${CSS.escape(o.chapter)}"]`);
    if (section) outcome.rejected = failures(section);
    return outcome;
  };

  return (async () => {
    const section = document.querySelector(`[data-chapter="${CSS.escape(o.chapter)}"]`);
    if (!section) return skip("no such chapter on the page");
    section.scrollIntoView({block: "start"});
    await settle(o.moveTimeoutMs);
    const cellOf = (label: string) => section.querySelector<HTMLElement>(`[data-cell="${CSS.escape(label)}"]`);
    // A chart is an output holding an svg, canvas or figure (not the inspector's little carets).
    const charts = [...section.querySelectorAll<HTMLElement>("[data-cell]")].filter((el) =>
      [...el.querySelectorAll("svg, canvas, figure")].some((c) => !c.closest(".observablehq"))
    );
    if (!charts.length) return skip("no chart");
    // Some cells pause while off screen: show the first chart.
    charts[0].scrollIntoView({block: "center"});
    await settle(o.moveTimeoutMs);

    // The frame interval, measured while nothing happens: at least 20 frames.
    let start = clock.frames.length;
    const since = performance.now();
    while (clock.frames.length - start < 21 && performance.now() - since < 5000) await sleep(100);
    outcome.frame_ms = median(deltas(clock.frames.slice(start)));

    /** Something a reader does: move a slider to its i-th position, or press a button. */
    interface Act {
      label: string;
      cell: HTMLElement;
      move(i: number): void;
      restore(): void;
    }
    const acts: Act[] = [];
    for (const label of pg.cells(o.chapter)) {
      const cell = label.startsWith("viewof ") ? cellOf(label) : null;
      const range = cell?.querySelector<HTMLInputElement>("input[type=range]");
      if (!cell || !range) continue;
      const original = range.value;
      const [min, max] = [Number(range.min || 0), Number(range.max || 100)];
      acts.push({
        label,
        cell,
        move(i) {
          // A drag back and forth over the middle of the slider, 2% of its range per move.
          const phase = (i % 40) / 20;
          const up = phase < 1;
          const before = range.value;
          range.value = String(min + (max - min) * (0.3 + 0.4 * (up ? phase : 2 - phase)));
          // A slider with coarse steps (a neuron count) moves one step, as under a hand, if 2% is less than a step.
          if (range.value === before) up ? range.stepUp() : range.stepDown();
          if (range.value === before) up ? range.stepDown() : range.stepUp();
          range.dispatchEvent(new Event("input", {bubbles: true}));
        },
        restore() {
          range.value = original;
          range.dispatchEvent(new Event("input", {bubbles: true}));
        }
      });
    }
    // Found at each press: a trainer may draw its buttons again (when the learning rate moves).
    const button = (action: string) => section.querySelector<HTMLButtonElement>(`[data-action=${action}]`);
    const stepCell = button("step")?.closest<HTMLElement>("[data-cell]");
    if (stepCell) {
      acts.push({label: "[data-action=step]", cell: stepCell, move: () => button("step")?.click(), restore: () => button("reset")?.click()});
    }
    if (!acts.length) return skip("no slider or step button");

    let mutations: number[] = [];
    let observer: MutationObserver | null = null;
    const watch = (act: Act) => {
      observer?.disconnect();
      // data-state flips to pending and back on every recompute, changed or not: not a change.
      observer = new MutationObserver((records) => {
        if (records.some((r) => r.attributeName !== "data-state")) mutations.push(performance.now());
      });
      const watched = charts.filter((c) => c !== act.cell && !c.contains(act.cell));
      for (const c of watched) observer.observe(c, {subtree: true, childList: true, attributes: true, characterData: true});
      outcome.charts = watched.map((c) => c.dataset.cell ?? "?");
    };
    /** The end of the first frame painted at or after time t (waits for it if need be). */
    const paintedAfter = async (t: number) => {
      for (let tries = 0; tries < 600; ++tries) {
        for (let i = clock.painted.length - 1; i >= 0 && clock.painted[i] >= t; --i) {
          if (i === 0 || clock.painted[i - 1] < t) return clock.painted[i];
        }
        await new Promise((r) => requestAnimationFrame(r));
      }
      return NaN;
    };
    // Charts that change with no input (an animation) are timed to their first change instead.
    let animated = false;
    const measure = async (act: Act, i: number) => {
      mutations = [];
      const t0 = performance.now();
      act.move(i);
      const settled = await settle(o.moveTimeoutMs);
      const seen = mutations.filter((m) => m >= t0);
      if (!seen.length) return {changed: false, settled, latency: NaN};
      return {changed: true, settled, latency: (await paintedAfter(animated ? seen[0] : seen[seen.length - 1])) - t0};
    };

    // The main input is the first one whose move changes a chart.
    let act: Act | null = null;
    for (const candidate of acts) {
      watch(candidate);
      mutations = [];
      await sleep(300);
      animated = mutations.length > 0;
      const probe = await measure(candidate, 0);
      if (probe.changed) {
        act = candidate;
        break;
      }
      candidate.restore();
      await settle(o.moveTimeoutMs);
    }
    if (!act) {
      observer!.disconnect();
      return skip(`no chart changes when ${acts.map((a) => a.label).join(", ")} move`);
    }
    outcome.input = act.label;

    await measure(act, 1); // warm-up
    const began = performance.now();
    start = clock.frames.length;
    let seed = 1;
    for (let i = 2; i < o.moves + 2; ++i) {
      if (outcome.latencies.length >= o.minMoves && performance.now() - began > o.budgetMs) break;
      // Start each move at a different point of the frame, as a hand would.
      seed = (seed * 16807) % 2147483647;
      await sleep((seed / 2147483647) * outcome.frame_ms);
      const m = await measure(act, i);
      if (!m.settled) outcome.timedOut++;
      if (!m.changed) outcome.unchanged++;
      else if (Number.isFinite(m.latency)) outcome.latencies.push(m.latency);
    }
    const frames = deltas(clock.frames.slice(start));
    outcome.max_frame_ms = Math.max(0, ...frames);
    outcome.long_frames = frames.filter((d) => d > (o.longFrameMs ?? 50)).length;
    (observer as MutationObserver | null)?.disconnect();
    act.restore();
    await settle(o.moveTimeoutMs);
    outcome.rejected = failures(section);
    return outcome;
  })();
}

/** Scrubs a chapter; a failure in the page becomes a skipped row, never an exception. */
export async function scrub(page: Page, options: ScrubOptions): Promise<ScrubOutcome> {
  try {
    return await page.evaluate(scrubInPage, options);
  } catch (error) {
    return {
      chapter: options.chapter,
      input: null,
      skipped: `failed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`,
      latencies: [],
      unchanged: 0,
      timedOut: 0,
      frame_ms: NaN,
      max_frame_ms: NaN,
      long_frames: 0,
      charts: [],
      rejected: []
    };
  }
}
