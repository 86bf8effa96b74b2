import {describe, expect, it} from "vitest";
import type {Page} from "playwright-core";
import {drawn, idle, openForFile, set, value} from "./browser.js";

// The loss and derivative chapters checked against references written here: the loss by a
// loop of our own over the lesson's data, the slope by a central difference of f.

const opened = openForFile();

/** The data of the fitting chapter, as LESSON.md gives them. */
const data: [number, number][] = [[1, 0.85], [2, 1.43], [3, 1.92], [4, 2.59], [5, 3.2], [6, 3.82], [7, 4.38], [8, 4.97]];

function referenceL2(w: number, b: number): number {
  let sum = 0;
  for (const [x, t] of data) sum += (w * x + b - t) * (w * x + b - t);
  return 0.5 * sum;
}

function referenceL1(w: number, b: number): number {
  let sum = 0;
  for (const [x, t] of data) sum += Math.abs(w * x + b - t);
  return sum;
}


describe("loss", () => {
  it("loss and l1 equal an independent computation at several (w, b), and the page shows them", async () => {
    const {page} = opened;
    for (const [w, b] of [[0.8, 0], [0.6, 0.2], [-1.5, 3.25], [10, -10], [0, 0]]) {
      await set(page, "loss", "w", w);
      await set(page, "loss", "b", b);
      const loss = (await value(page, "loss", "loss")) as number;
      const l1 = (await value(page, "loss", "l1")) as number;
      expect(loss).toBeCloseTo(referenceL2(w, b), 10);
      expect(l1).toBeCloseTo(referenceL1(w, b), 10);
      const prose = await page.locator('[data-chapter="loss"]').textContent();
      expect(prose).toContain(String(+referenceL2(w, b).toFixed(2)));
      expect(prose).toContain(String(+referenceL1(w, b).toFixed(2)));
    }
  });

  it("moving w with the keyboard redraws the residuals, and the squares stay square", async () => {
    const {page} = opened;
    await set(page, "loss", "w", 0.8);
    await set(page, "loss", "b", 0);
    const before = await drawn(page, "loss", "residual_chart");
    const slider = page.locator('[data-chapter="loss"] [data-cell="viewof w"] input[type=range]');
    await slider.focus();
    for (let i = 0; i < 10; ++i) await page.keyboard.press("ArrowLeft");
    await idle(page);
    expect(await value(page, "loss", "w")).toBeCloseTo(0.7, 10);
    expect(await drawn(page, "loss", "residual_chart")).not.toBe(before);
    expect(await value(page, "loss", "loss")).toBeCloseTo(referenceL2(0.7, 0), 10);
    const rects = await page.$$eval('[data-chapter="loss"] [data-cell="residual_chart"] svg g[aria-label="rect"] rect', (els) =>
      els.map((e) => [+e.getAttribute("width")!, +e.getAttribute("height")!])
    );
    expect(rects).toHaveLength(data.length);
    for (const [width, height] of rects) expect(Math.abs(width - height)).toBeLessThan(1);
  });

  it("malformed data fail with a message in the reader's terms, and fixing them recovers", async () => {
    const {page} = opened;
    const original = await page.evaluate(() => window.playground.source("fitting", "data"));
    try {
      await page.evaluate(() => window.playground.edit("fitting", "data", "data = [[1, 0.85], [2, 1.43], [3, 1.92], [4], [5, 3.2]]"));
      const loss = page.locator('[data-chapter="loss"] [data-cell="loss"]');
      await expect(loss.getAttribute("data-state")).resolves.toBe("rejected");
      await expect(loss.textContent()).resolves.toContain("loss: data[3] is not a pair of numbers");
      await expect(page.locator('[data-chapter="loss"] [data-cell="l1"]').textContent()).resolves.toContain("l1: data[3] is not a pair of numbers");
      expect(await page.locator('[data-chapter="loss"] [data-cell="viewof w"]').getAttribute("data-state")).toBe("fulfilled");
    } finally {
      await page.evaluate((source) => window.playground.edit("fitting", "data", source), original);
    }
    await set(page, "loss", "w", 0.6);
    await set(page, "loss", "b", 0.2);
    expect(await value(page, "loss", "loss")).toBeCloseTo(referenceL2(0.6, 0.2), 10);
  });
});

describe("derivative", () => {
  /** The slope the reader sees on the chart, as a number. */
  const shownSlope = async (page: Page) => {
    const text = await page.locator('[data-chapter="derivative"] [data-cell="curve_chart"]').textContent();
    const match = /slope = (−?\d+(?:\.\d{1,2})?)(?![\d.])/.exec(text ?? "");
    expect(match, text ?? "").not.toBeNull();
    return +match![1].replace("−", "-");
  };
  /** f′ at x by a central difference of the page's f. */
  const centralDifference = (page: Page, x: number) =>
    page.evaluate(async (x) => {
      const f = (await window.playground.value("derivative", "f")) as (x: number) => number;
      const h = 1e-5;
      return (f(x + h) - f(x - h)) / (2 * h);
    }, x);
  const f = (page: Page, x: number) => page.evaluate(async (x) => ((await window.playground.value("derivative", "f")) as (x: number) => number)(x), x);

  it("shows the slope to 2 decimals, matching a central difference of f", async () => {
    const {page} = opened;
    for (const x of [2, -2.5, -1.234, 0, 0.5, 1.333, 2.5]) {
      await set(page, "derivative", "x", x);
      const shown = (await value(page, "derivative", "x")) as number;
      expect(shown).toBeCloseTo(x, 10);
      const reference = await centralDifference(page, shown);
      expect(Math.abs((await shownSlope(page)) - reference), `x = ${x}`).toBeLessThanOrEqual(0.5e-2 + 1e-6);
    }
  });

  it("moving x redraws the tangent and the derivative chart", async () => {
    const {page} = opened;
    await set(page, "derivative", "x", 1);
    const curve = await drawn(page, "derivative", "curve_chart");
    const derivative = await drawn(page, "derivative", "derivative_chart");
    await set(page, "derivative", "x", -1);
    expect(await drawn(page, "derivative", "curve_chart")).not.toBe(curve);
    expect(await drawn(page, "derivative", "derivative_chart")).not.toBe(derivative);
  });

  const games: [start: number, valley: [number, number]][] = [[2, [1, 2]], [-0.5, [-2, -1]], [0.5, [1, 2]], [-2.5, [-2, -1]]];
  for (const [start, valley] of games) {
    it(`stepping downhill from x = ${start} lowers f and ends at the bottom of the valley in [${valley}]`, async () => {
      const {page} = opened;
      // The bottom of the valley, where f′ = 0, by bisection on the central difference.
      let [lo, hi] = valley;
      const loSign = Math.sign(await centralDifference(page, lo));
      for (let i = 0; i < 50; ++i) {
        const mid = (lo + hi) / 2;
        if (Math.sign(await centralDifference(page, mid)) === loSign) lo = mid;
        else hi = mid;
      }
      const bottom = (lo + hi) / 2;

      await set(page, "derivative", "x", start);
      const button = page.locator('[data-chapter="derivative"] [data-action="downhill"]');
      const xs: number[] = [start];
      for (let i = 0; i < 30; ++i) {
        await button.click();
        await idle(page);
        xs.push((await value(page, "derivative", "x")) as number);
      }
      const fs = await Promise.all(xs.map((x) => f(page, x)));
      // Every press that moves the point takes it downhill, and it never jumps over the bottom.
      expect(xs.filter((x, i) => i > 0 && x !== xs[i - 1]).length).toBeGreaterThan(5);
      for (let i = 1; i < xs.length; ++i) {
        if (xs[i] !== xs[i - 1]) expect(fs[i], `press ${i}`).toBeLessThan(fs[i - 1]);
        expect(Math.sign(xs[i] - bottom), `press ${i}`).toBe(Math.sign(start - bottom));
      }
      // Once at the bottom it stays there.
      expect(xs.at(-2)).toBe(xs.at(-1));
      // And it ends at the bottom: f′ ≈ 0 and f as low as the valley goes, to the slider's resolution.
      const end = xs.at(-1)!;
      expect(Math.abs(end - bottom)).toBeLessThanOrEqual(0.0011);
      expect(Math.abs(await centralDifference(page, end))).toBeLessThan(0.01);
      expect(fs.at(-1)! - (await f(page, bottom))).toBeLessThan(1e-5);
      // The slider shows where the point is.
      const number = page.locator('[data-chapter="derivative"] [data-cell="viewof x"] input[type=number]');
      expect(+(await number.inputValue())).toBeCloseTo(end, 10);
    });
  }
});
