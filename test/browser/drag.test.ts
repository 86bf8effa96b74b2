import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {Browser, Page} from "playwright-core";
import {idle, inView, launch, open} from "./browser.js";

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

/** Where a data point of a chart cell is on screen, read through the chart's own Plot scales. */
async function screen(page: Page, chapter: string, cell: string, x: number, y: number): Promise<[number, number]> {
  const locator = page.locator(`[data-chapter="${chapter}"] [data-cell="${cell}"] svg`).first();
  await inView(locator);
  return locator.evaluate((svg, [x, y]) => {
    const chart = svg as SVGSVGElement & {scale(n: string): {apply(v: number): number}};
    const rect = chart.getBoundingClientRect();
    const k = rect.width / chart.width.baseVal.value;
    return [rect.left + chart.scale("x").apply(x) * k, rect.top + chart.scale("y").apply(y) * k] as [number, number];
  }, [x, y] as const);
}

async function drag(page: Page, from: [number, number], to: [number, number], modifiers: {alt?: boolean} = {}): Promise<void> {
  if (modifiers.alt) await page.keyboard.down("Alt");
  await page.mouse.move(...from);
  await page.mouse.down();
  await page.mouse.move(...to, {steps: 12});
  await page.mouse.up();
  if (modifiers.alt) await page.keyboard.up("Alt");
  await idle(page);
}

const loss = (data: [number, number][], w: number, b: number) => data.reduce((s, [x, t]) => s + (w * x + b - t) ** 2, 0) / 2;

describe("dragging the data", () => {
  it("moves a point: data, its code and later chapters follow", async () => {
    const {page} = await open(browser);
    const before = (await page.evaluate(() => window.playground.value("fitting", "data"))) as [number, number][];
    await drag(page, await screen(page, "fitting", "fit_chart", 3, 1.92), await screen(page, "fitting", "fit_chart", 3, 5));
    await page.waitForFunction(() => (window.playground.source("fitting", "data") as string).includes("[3, 5"));
    await idle(page);
    const data = (await page.evaluate(() => window.playground.value("fitting", "data"))) as [number, number][];
    expect(data).toHaveLength(8);
    expect(data[2][0]).toBeCloseTo(3, 1);
    expect(data[2][1]).toBeCloseTo(5, 1);
    expect(data.filter((_, i) => i !== 2)).toEqual(before.filter((_, i) => i !== 2));
    expect(await page.evaluate(() => window.playground.source("fitting", "data"))).toContain(`[${data[2][0]}, ${data[2][1]}]`);
    // The loss chapter imports the data: its loss is the loss of the new points.
    const [w, b] = (await page.evaluate(() => Promise.all([window.playground.value("loss", "w"), window.playground.value("loss", "b")]))) as number[];
    expect(await page.evaluate(() => window.playground.value("loss", "loss"))).toBeCloseTo(loss(data, w, b), 10);
    await page.close();
  });

  it("adds a point with a click on empty space and removes one with a double-click", async () => {
    const {page} = await open(browser);
    await page.mouse.click(...(await screen(page, "fitting", "fit_chart", 6.5, 0.5)));
    // (waitForFunction does not await an async predicate: a promise counts as true at once.)
    await expect.poll(() => page.evaluate(async () => ((await window.playground.value("fitting", "data")) as unknown[]).length)).toBe(9);
    const data = (await page.evaluate(() => window.playground.value("fitting", "data"))) as [number, number][];
    expect(data[8][0]).toBeCloseTo(6.5, 1);
    expect(data[8][1]).toBeCloseTo(0.5, 1);
    await idle(page);
    await page.mouse.dblclick(...(await screen(page, "fitting", "fit_chart", 1, 0.85)));
    await expect.poll(() => page.evaluate(async () => ((await window.playground.value("fitting", "data")) as unknown[]).length)).toBe(8);
    const after = (await page.evaluate(() => window.playground.value("fitting", "data"))) as [number, number][];
    expect(after.some(([x]) => x === 1)).toBe(false);
    await page.close();
  });

  it("nudges the selected point from the keyboard", async () => {
    const {page} = await open(browser);
    await page.locator('[data-chapter="fitting"] [data-cell="fit_chart"] .editable-points').focus();
    await page.keyboard.press("PageDown"); // select the second point
    await page.keyboard.press("Shift+ArrowUp");
    await expect.poll(() => page.evaluate(async () => ((await window.playground.value("fitting", "data")) as number[][])[1][1])).not.toBe(1.43);
    const data = (await page.evaluate(() => window.playground.value("fitting", "data"))) as [number, number][];
    expect(data[1]).toEqual([2, 1.93]);
    await expect(page.locator('[data-chapter="fitting"] [data-cell="fit_chart"] [aria-live]').textContent()).resolves.toContain("y = 1.93");
    await page.close();
  });
});

describe("grabbing the line", () => {
  it("drag its middle to shift b, an end to tilt w; the sliders follow", async () => {
    const {page} = await open(browser);
    await drag(page, await screen(page, "line", "chart", 2, 2), await screen(page, "line", "chart", 2, 5));
    const b = (await page.evaluate(() => window.playground.value("line", "b"))) as number;
    expect(b).toBeCloseTo(3, 0);
    expect(+(await page.locator('[data-chapter="line"] [data-cell="viewof b"] input[type=number]').inputValue())).toBeCloseTo(b, 6);
    await drag(page, await screen(page, "line", "chart", -8, -8 + b), await screen(page, "line", "chart", -8, b + 8));
    const w = (await page.evaluate(() => window.playground.value("line", "w"))) as number;
    expect(w).toBeCloseTo(-1, 0);
    expect(await page.evaluate(() => window.playground.value("line", "b"))).toBe(b);
    // The chart is drawn once; its name, which a screen reader says, follows the sliders.
    const grab = page.locator('[data-chapter="line"] [data-cell="chart"] [role=application]');
    await expect(grab.getAttribute("aria-label")).resolves.toContain(`line y = ${w.toFixed(2)} x + ${b.toFixed(2)}`);
    await page.evaluate(() => window.playground.set("line", "w", 2.5));
    await page.evaluate(() => window.playground.idle());
    await expect(grab.getAttribute("aria-label")).resolves.toContain(`line y = 2.50 x + ${b.toFixed(2)}`);
    await page.close();
  });
});

describe("scrubbing numbers in code", () => {
  it("Alt-dragging a number changes the source and the chart", async () => {
    const {page} = await open(browser);
    await page.evaluate(() => window.playground.edit("line", "y", "y = (x) => w * x + 1.5"));
    const editor = page.locator('[data-chapter="line"] [data-editor="y"] .cm-content');
    await editor.waitFor();
    const box = await page.locator('[data-chapter="line"] [data-editor="y"] .cm-line', {hasText: "1.5"}).boundingBox();
    const text = await page.locator('[data-chapter="line"] [data-editor="y"] .cm-line').first().textContent();
    const at = text!.indexOf("1.5") + 1;
    const x = box!.x + (box!.width * (at + 0.5)) / text!.length;
    const y = box!.y + box!.height / 2;
    await drag(page, [x, y], [x + 40, y], {alt: true});
    const source = await page.evaluate(() => window.playground.source("line", "y"));
    expect(source).toBe("y = (x) => w * x + 2.5");
    const y0 = await page.evaluate(async () => ((await window.playground.value("line", "y")) as (x: number) => number)(0));
    expect(y0).toBe(2.5);
    await page.close();
  });
});

describe("dragging on maps and curves", () => {
  it("pressing and dragging on the landscape map moves (w, b) and the sliders", async () => {
    const {page} = await open(browser);
    // The map's base chart: the first of the stacked charts under the colour legend.
    const map = page.locator('[data-chapter="landscape"] .draw-top-view > div > svg').first();
    await inView(map);
    const at = (w: number, b: number) =>
      map.evaluate((svg, [w, b]) => {
        const chart = svg as SVGSVGElement & {scale(n: string): {apply(v: number): number}};
        const rect = chart.getBoundingClientRect();
        const k = rect.width / chart.width.baseVal.value;
        return [rect.left + chart.scale("x").apply(w) * k, rect.top + chart.scale("y").apply(b) * k] as [number, number];
      }, [w, b] as const);
    await drag(page, await at(1, 0), await at(-4, 6));
    const [w, b] = (await page.evaluate(() => Promise.all([window.playground.value("landscape", "w"), window.playground.value("landscape", "b")]))) as number[];
    expect(w).toBeCloseTo(-4, 0);
    expect(b).toBeCloseTo(6, 0);
    expect(+(await page.locator('[data-chapter="landscape"] [data-cell="viewof w"] input[type=number]').inputValue())).toBeCloseTo(w, 6);
    await page.close();
  });

  it("dragging the derivative's point moves x along the curve; the keyboard nudges it", async () => {
    const {page} = await open(browser);
    await drag(page, await screen(page, "derivative", "curve_chart", 2, 2.6), await screen(page, "derivative", "curve_chart", -1, 2.6));
    expect(await page.evaluate(() => window.playground.value("derivative", "x"))).toBeCloseTo(-1, 1);
    const before = (await page.evaluate(() => window.playground.value("derivative", "x"))) as number;
    await page.locator('[data-chapter="derivative"] [data-cell="curve_chart"] .drag-point').focus();
    await page.keyboard.press("ArrowRight");
    await idle(page);
    expect(await page.evaluate(() => window.playground.value("derivative", "x"))).toBeCloseTo(before + 0.05, 2);
    await page.close();
  });
});

describe("dragging on the 3D view", () => {
  it("grabbing the landscape's dot slides (w, b); pressing elsewhere still turns the view", async () => {
    const {page} = await open(browser);
    const view = page.locator('[data-chapter="landscape"] .draw-surface');
    await inView(view);
    const dot = page.locator('[data-chapter="landscape"] .draw-surface .overlay circle[r="5"]').first(); // the point, not its shadow on the floor
    const box = (await dot.boundingBox())!;
    const from: [number, number] = [box.x + box.width / 2, box.y + box.height / 2];
    const angles = await view.evaluate((el) => (el as unknown as {value: unknown}).value);
    await drag(page, from, [from[0] + 60, from[1] - 30]);
    const [w, b] = (await page.evaluate(() => Promise.all([window.playground.value("landscape", "w"), window.playground.value("landscape", "b")]))) as number[];
    expect([w, b]).not.toEqual([1, 0]);
    expect(await view.evaluate((el) => (el as unknown as {value: unknown}).value)).toEqual(angles);
    expect(+(await page.locator('[data-chapter="landscape"] [data-cell="viewof b"] input[type=number]').inputValue())).toBeCloseTo(b, 6);
    // Away from the dot, a drag turns the surface and leaves (w, b) alone.
    const frame = (await view.boundingBox())!;
    await drag(page, [frame.x + 30, frame.y + 40], [frame.x + 130, frame.y + 40]);
    expect(await view.evaluate((el) => (el as unknown as {value: unknown}).value)).not.toEqual(angles);
    expect(await page.evaluate(() => window.playground.value("landscape", "w"))).toBe(w);
    await page.close();
  });
});
