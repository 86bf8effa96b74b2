import type {Page} from "playwright-core";

/** What the timeline and the start preview cost in the page, from the reader's action to the painted frame. */
export interface TimelinePageOutcome {
  /** Why it was not timed, if it was not. */
  skipped?: string;
  /** Iterations recorded when the timeline was scrubbed. */
  iterations: number;
  /** Timeline moves to random iterations: input event to the end of the frame that paints them, ms. */
  scrub_ms: number[];
  /** Moves of the start on the map (arrow keys, as a drag moves it), with the 300-step preview redrawn, ms. */
  preview_ms: number[];
  /** Whether the figures showed each scrubbed iteration (the status named it). */
  shown: boolean;
}

/**
 * Trains descent at top speed to at least `iterations`, then scrubs its timeline and moves its
 * start, timing each action from the event to the end of the frame that paints its result (the
 * first frame whose status shows it, as the figures change with it). Runs in the page: self-contained.
 */
export function timelineInPage(o: {iterations: number; moves: number}): Promise<TimelinePageOutcome> {
  const pg = window.playground;
  const section = document.querySelector('[data-chapter="descent"]')!;
  const q = <T extends Element>(s: string) => section.querySelector<T>(s);
  /**
   * Resolves at the end of the frame in which the status first satisfies `done` (at most 2 s), as
   * the scrub phase times a move: a change to the page is seen as it happens (a mutation
   * observer), and the frame that paints it has ended when the next one begins. True if it came.
   */
  const changed = (done: (status: string) => boolean) =>
    new Promise<boolean>((resolve) => {
      const status = q('[data-cell="status"]');
      const ok = () => done(status?.textContent ?? "");
      if (!status || ok()) return void requestAnimationFrame(() => resolve(!!status));
      const timer = setTimeout(() => (observer.disconnect(), resolve(false)), 2000);
      const observer = new MutationObserver(() => {
        if (!ok()) return;
        observer.disconnect();
        clearTimeout(timer);
        requestAnimationFrame(() => resolve(true));
      });
      observer.observe(status, {subtree: true, childList: true, characterData: true});
    });
  const shows = (text: string) => changed((status) => status.includes(text));
  const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
  const outcome: TimelinePageOutcome = {iterations: 0, scrub_ms: [], preview_ms: [], shown: true};
  return (async () => {
    q<HTMLElement>('[data-action="solution"]')?.click();
    await pg.idle();
    q('[data-cell="viewof training"]')?.scrollIntoView({block: "start"});
    const speed = q<HTMLInputElement>('input[aria-label="simulation speed"]');
    const range = q<HTMLInputElement>('[data-cell="viewof moment"] input[aria-label="iteration"]');
    const map = q<HTMLElement>('[data-cell="descent_views"] .drag-point');
    if (!speed || !range || !map) return {...outcome, skipped: "descent has no speed control, timeline or draggable map"};
    q<HTMLElement>('[data-action="reset"]')!.click();
    speed.value = speed.max;
    speed.dispatchEvent(new Event("input", {bubbles: true}));
    q<HTMLElement>('[data-action="play"]')!.click();
    const began = performance.now();
    while (Number(await pg.value("descent", "iteration_counter")) < o.iterations) {
      if (performance.now() - began > 60_000) return {...outcome, skipped: `training did not reach ${o.iterations} iterations in a minute`};
      await sleep(50);
    }
    q<HTMLElement>('[data-action="pause"]')!.click();
    await pg.idle();
    outcome.iterations = Number(range.max);
    let seed = 7;
    for (let k = 0; k < o.moves + 2; ++k) {
      seed = (seed * 48271) % 2147483647;
      const to = seed % (outcome.iterations + 1);
      const t0 = performance.now();
      range.value = String(to);
      const seen = shows(`iteration ${to.toLocaleString("en-US")} `);
      range.dispatchEvent(new Event("input", {bubbles: true}));
      if (!(await seen)) outcome.shown = false;
      if (k >= 2) outcome.scrub_ms.push(performance.now() - t0);
      await pg.idle();
    }
    q<HTMLElement>('[data-action="reset"]')!.click();
    await pg.idle();
    map.focus();
    for (let k = 0; k < o.moves + 2; ++k) {
      const t0 = performance.now();
      const before = q('[data-cell="status"]')?.textContent ?? "";
      // The status names the new start's w, and the map's dashed preview is drawn in the same frame.
      const seen = changed((status) => status !== before);
      map.dispatchEvent(new KeyboardEvent("keydown", {key: k % 20 < 10 ? "ArrowLeft" : "ArrowRight", bubbles: true}));
      await seen;
      if (k >= 2) outcome.preview_ms.push(performance.now() - t0);
      await pg.idle();
    }
    return outcome;
  })();
}

/** Runs {@link timelineInPage} in a page of the playground. */
export function timelineOnPage(page: Page, o = {iterations: 100_000, moves: 40}): Promise<TimelinePageOutcome> {
  return page.evaluate(timelineInPage, o);
}
