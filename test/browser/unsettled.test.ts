import {describe, expect, it} from "vitest";
import {openForFile} from "./browser.js";

// Cells that never settle, or misbehave, say so where they are, and the API does not hang.
const session = openForFile();
const text = (chapter: string, cell: string) => session.page.locator(`[data-chapter="${chapter}"] [data-cell="${cell}"]`).textContent();

describe("cells that never settle", () => {
  it("training set playing while its chapter is off screen does not keep idle() from resolving", async () => {
    const {page} = session;
    await page.evaluate(() => window.scrollTo(0, 0));
    // Play pressed by a script while descent is far off screen, where training pauses.
    const result = await page.evaluate(async () => {
      document.querySelector<HTMLButtonElement>('[data-chapter="descent"] [data-action="play"]')!.click();
      return window.playground.idle();
    });
    expect(result === undefined || Array.isArray((result as {pending?: unknown}).pending)).toBe(true);
    await page.evaluate(() => document.querySelector<HTMLButtonElement>('[data-chapter="descent"] [data-action="pause"]')?.click());
  });

  it("b with no value leaves y and chart pending, saying why, and edit() resolves naming them", async () => {
    const {page} = session;
    const source = "viewof b = Inputs.range([-10, 10], {value: NaN, step: 0.01, label: tex`b`})";
    const result = await page.evaluate((s) => window.playground.edit("line", "b", s), source);
    expect(result).toEqual({pending: expect.arrayContaining(["line/y", "line/chart"])});
    expect(await text("line", "y")).toContain("waiting for b, which has no value yet");
    const back = await page.evaluate(() => window.playground.edit("line", "b", "viewof b = Inputs.range([-10, 10], {value: 0, step: 0.01, label: tex`b`})"));
    expect(back).toBeUndefined();
    expect(await text("line", "y")).not.toContain("waiting");
  });
});

describe("cells that misbehave are stopped and named", () => {
  it("a loop in y's function says it is y's line, not chart's", async () => {
    const {page} = session;
    await page.evaluate(() => window.playground.edit("model-code", "y", "y = (x, w, b) => {\n  let k = 0;\n  while (k >= 0) k++;\n  return k;\n}"));
    expect(await text("model-code", "chart")).toMatch(/the loop at line 3 of y ran for more than/);
    await page.evaluate(() => window.playground.edit("model-code", "y", "y = (x, w, b) => w * x + b"));
  });

  it("timers a cell starts stop when it is put back", async () => {
    const {page} = session;
    await page.evaluate(() => window.playground.edit("line", "y", "y = { setInterval(() => window.__ticks = (window.__ticks ?? 0) + 1, 0); return (x) => w * x + b }"));
    await page.waitForFunction(() => ((window as {__ticks?: number}).__ticks ?? 0) > 3);
    await page.evaluate(() => window.playground.edit("line", "y", "y = (x) => w * x + b"));
    const before = await page.evaluate(() => (window as {__ticks?: number}).__ticks);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as {__ticks?: number}).__ticks)).toBe(before);
  });

  it("a cell that keeps re-running itself through a mutable is stopped and named", async () => {
    const {page} = session;
    const chart = await page.evaluate(() => window.playground.source("line", "chart"));
    await page.evaluate(() => window.playground.edit("line", "chart", "mutable m = 0"));
    await page.evaluate(() => window.playground.edit("line", "y", "y = { mutable m = m + 1; return (x, w, b) => w * x + b }"));
    // It runs about once a frame until it is stopped, so wait for the stop rather than for idle.
    await page.waitForFunction(() => /was stopped/.test(document.querySelector('[data-chapter="line"] [data-cell="y"]')?.textContent ?? ""), null, {timeout: 20_000});
    expect(await text("line", "y")).toMatch(/y was stopped: it sets mutable m and also reads m/);
    const m = await page.evaluate(() => window.playground.value("line", "m"));
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => window.playground.value("line", "m"))).toBe(m);
    await page.evaluate(() => window.playground.edit("line", "y", "y = (x) => w * x + b"));
    await page.evaluate((s) => window.playground.edit("line", "m", s), chart);
  });

  it("what y throws is said readably, in y and in its readers", async () => {
    const {page} = session;
    for (const [source, expected] of [
      ["y = { throw new Error() }", "y threw Error with no message"],
      ["y = { throw undefined }", "y threw undefined (not an Error)"],
      ["y = Promise.reject(undefined)", "y threw undefined (not an Error)"],
      ["y = { throw {code: 7} }", 'y threw {"code":7} (not an Error)'],
      ["y = { throw {toString() { throw new Error('boom') }} }", "y threw an object that is not an Error"]
    ]) {
      await page.evaluate((s) => window.playground.edit("line", "y", s), source);
      expect(await text("line", "y"), source).toBe(expected);
      expect(await text("line", "chart"), source).toBe(expected);
    }
    await page.evaluate(() => window.playground.edit("line", "y", "y = (x) => w * x + b"));
    expect(session.errors).toEqual([]);
  });
});
