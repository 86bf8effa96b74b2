import type {Browser} from "playwright-core";
import {gzipSync} from "node:zlib";
import {freshPage} from "./browser.js";
import {throttle} from "./throttle.js";

/** A JS or CSS file the page loaded before its first chart was painted. */
export interface Loaded {
  url: string;
  bytes: number;
  gzip_bytes: number;
}

/** One cold load of the page. */
export interface StartOutcome {
  /** First contentful paint, ms from navigation start. */
  fcp_ms: number;
  /** The first chart (an svg, canvas or figure in a cell) on screen, ms from navigation start. */
  first_chart_ms: number;
  /** Every cell in the first screen (the viewport at load) settled, ms from navigation start. */
  first_screen_ms: number;
  /** window.playground.idle() resolved: every cell settled, ms from navigation start. */
  settled_ms: number;
  /** Every code listing on the first screen had become a live editor (done in the background after load), ms. */
  editors_ms: number;
  /** Cells that failed (data-state="rejected") once settled, by chapter and name. */
  rejected: string[];
  /** The JS and CSS loaded before the first chart was painted, gzipped here (level 9). */
  initial: Loaded[];
  initial_gzip_bytes: number;
  /** All JS and CSS loaded by the time the page settled, gzipped. */
  total_gzip_bytes: number;
}

/** Records, from navigation on, when the first chart is painted and when every cell has settled. */
function watchStartInPage(): void {
  const marks = {firstChart: NaN, firstScreen: NaN, settled: NaN, editors: NaN};
  (window as unknown as {__benchStart: typeof marks}).__benchStart = marks;
  const chart = () => [...document.querySelectorAll("[data-cell] svg, [data-cell] canvas, [data-cell] figure")].find((c) => !c.closest(".observablehq"));
  const observer = new MutationObserver(() => {
    const found = chart();
    if (!found) return;
    observer.disconnect();
    // The rendering step that lays the chart out, where a ResizeObserver's first callback runs,
    // just before that step paints. (A message posted from the frame, as the frame clock's
    // "painted" is, waits behind every task queued by then: at start, the rest of the lesson's
    // chunk and the next chapters' builds, which put it hundreds of ms after the paint.)
    const sized = new ResizeObserver(() => {
      sized.disconnect();
      marks.firstChart = performance.now();
    });
    sized.observe(found);
  });
  observer.observe(document, {childList: true, subtree: true});
  // idle() builds every chapter, which a reader who does not scroll would not: ask only once
  // the first screen has settled, so the start is timed as a reader gets it.
  const waitForPlayground = () => {
    if (!("playground" in window) || !Number.isFinite(marks.firstScreen)) return void setTimeout(waitForPlayground, 5);
    window.playground.idle().then(() => (marks.settled = performance.now()));
  };
  const onScreen = () =>
    [...document.querySelectorAll("[data-chapter]")].filter((s) => {
      const r = s.getBoundingClientRect();
      return r.bottom > 0 && r.top < innerHeight;
    });
  const waitForEditors = () => {
    const listings = onScreen().flatMap((s) => [...s.querySelectorAll("[data-editor]")]);
    if (listings.length && listings.every((l) => l.querySelector(".cm-editor"))) marks.editors = performance.now();
    else setTimeout(waitForEditors, 50);
  };
  // The first screen: every cell output in the viewport has a value (or an error), checked each frame.
  const firstScreen = () => {
    const cells = [...document.querySelectorAll<HTMLElement>("[data-cell]")].filter((el) => {
      const r = el.getBoundingClientRect();
      return r.bottom > 0 && r.top < innerHeight && r.height > 0;
    });
    if (cells.length && cells.every((el) => el.dataset.state !== "pending")) marks.firstScreen = performance.now();
    else requestAnimationFrame(firstScreen);
  };
  requestAnimationFrame(firstScreen);
  waitForEditors();
  waitForPlayground();
}

/** Loads the page cold in a fresh context, its CPU slowed `cpu` times, and times its start. */
export async function startOnce(browser: Browser, url: string, cpu = 1, timeout = 90_000): Promise<StartOutcome> {
  const {context, page} = await freshPage(browser);
  try {
    if (cpu !== 1) await throttle(page, cpu);
    await context.addInitScript(watchStartInPage);
    const bodies = new Map<string, Promise<Buffer | null>>();
    page.on("response", (r) => {
      const type = r.headers()["content-type"] ?? "";
      if (/javascript|css/.test(type)) bodies.set(r.url(), r.body().catch(() => null));
    });
    await page.goto(url, {timeout});
    await page.waitForFunction(() => {
      const m = (window as unknown as {__benchStart: {firstChart: number; firstScreen: number; settled: number; editors: number}}).__benchStart;
      // Editors that never all load are reported as such, not waited for forever.
      return Number.isFinite(m.settled) && Number.isFinite(m.firstChart) && Number.isFinite(m.firstScreen) && (Number.isFinite(m.editors) || performance.now() > m.settled + 30_000);
    }, undefined, {timeout});
    const timing = await page.evaluate(() => {
      const m = (window as unknown as {__benchStart: {firstChart: number; firstScreen: number; settled: number; editors: number}}).__benchStart;
      const fcp = performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN;
      const resources = performance.getEntriesByType("resource").map((e) => ({url: e.name, end: (e as PerformanceResourceTiming).responseEnd}));
      const rejected = [...document.querySelectorAll<HTMLElement>('[data-cell][data-state="rejected"]')].map(
        (el) => `${el.closest<HTMLElement>("[data-chapter]")?.dataset.chapter}/${el.dataset.cell}`
      );
      return {fcp, firstChart: m.firstChart, firstScreen: m.firstScreen, settled: m.settled, editors: m.editors, resources, rejected};
    });
    const sized = async (u: string): Promise<Loaded | null> => {
      const body = await bodies.get(u);
      return body ? {url: new URL(u).pathname, bytes: body.length, gzip_bytes: gzipSync(body, {level: 9}).length} : null;
    };
    const loaded = async (urls: string[]) => (await Promise.all(urls.filter((u) => bodies.has(u)).map(sized))).filter((l): l is Loaded => !!l);
    const initial = await loaded(timing.resources.filter((r) => r.end <= timing.firstChart).map((r) => r.url));
    const all = await loaded([...bodies.keys()]);
    const sum = (ls: Loaded[]) => ls.reduce((s, l) => s + l.gzip_bytes, 0);
    return {
      fcp_ms: timing.fcp,
      first_chart_ms: timing.firstChart,
      first_screen_ms: timing.firstScreen,
      settled_ms: timing.settled,
      editors_ms: timing.editors,
      rejected: timing.rejected,
      initial: initial.sort((a, b) => b.gzip_bytes - a.gzip_bytes),
      initial_gzip_bytes: sum(initial),
      total_gzip_bytes: sum(all)
    };
  } finally {
    await context.close();
  }
}
