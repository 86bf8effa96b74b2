import {afterAll, beforeAll, describe, expect, inject, it} from "vitest";
import type {Browser, CDPSession, Page} from "playwright-core";
import {idle, launch} from "./browser.js";
import {mutate, random} from "../mutate.js";

// Mutated cell sources through the real page, one cell at a time, each put back afterwards.
// The suite runs a few dozen; `npm run fuzz` runs thousands (FUZZ=N).
const runs = Number(process.env.FUZZ ?? 40);
const seed = Number(process.env.FUZZ_SEED ?? 20261201);

let browser: Browser, page: Page, cdp: CDPSession;
const errors: string[] = [];

beforeAll(async () => {
  browser = await launch();
  page = await browser.newPage({viewport: {width: 1280, height: 900}});
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(inject("baseURL"));
  await page.waitForFunction(() => "playground" in window);
  await idle(page);
  cdp = await page.context().newCDPSession(page);
});

afterAll(async () => {
  await browser?.close();
});

/** The JavaScript heap in use after a full collection, in bytes. */
async function heap(): Promise<number> {
  await cdp.send("HeapProfiler.collectGarbage");
  return (await cdp.send("Runtime.getHeapUsage")).usedSize;
}

/** Resolves with the page's next frame, or rejects if it does not come: the page is not responding. */
function responsive(): Promise<void> {
  const frame = page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => r())));
  return Promise.race([frame, new Promise<void>((_, reject) => setTimeout(() => reject(new Error("the page stopped responding")), 15_000))]);
}

describe("fuzz", () => {
  it(`survives ${runs} mutated cells: no uncaught error, every cell in a state, the page responsive, memory bounded`, {timeout: 60_000 + runs * 2_000}, async () => {
    const rand = random(seed);
    const shipped = await page.evaluate(() =>
      window.playground.chapters().flatMap((chapter) => window.playground.cells(chapter).map((name, index) => ({chapter, index, source: window.playground.source(chapter, name)})))
    );
    // One mutation of every cell first, so what loads once (the parser, editors) is in the baseline.
    let start = 0;
    for (let n = 0; n < runs; ++n) {
      if (n === Math.min(20, runs - 1)) start = await heap();
      const cell = shipped[Math.floor(rand() * shipped.length)];
      const source = mutate(cell.source, rand);
      const states = await page.evaluate(
        async ({chapter, index, source, original}) => {
          const name = () => window.playground.cells(chapter)[index];
          await window.playground.edit(chapter, name(), source);
          const states = [...document.querySelectorAll(`[data-chapter="${chapter}"] [data-cell]`)].map((el) => el.getAttribute("data-state"));
          await window.playground.edit(chapter, name(), original);
          return states;
        },
        {chapter: cell.chapter, index: cell.index, source, original: cell.source}
      );
      for (const state of states) expect(["pending", "fulfilled", "rejected"], `${cell.chapter}: ${JSON.stringify(source)}`).toContain(state);
      await responsive();
      expect(errors, JSON.stringify(source)).toEqual([]);
    }
    await idle(page);
    // Every cell as shipped again; what the mutations left behind has been collected.
    const end = await heap();
    expect(end).toBeLessThan(start * 1.5 + 20e6);
    const rejected = await page.locator('[data-cell][data-state="rejected"]').evaluateAll((els) => els.map((el) => `${el.closest("[data-chapter]")?.getAttribute("data-chapter")} ${el.getAttribute("data-cell")}: ${el.textContent}`));
    expect(rejected).toEqual([]);
  });
});
