// Descent's timeline, replay, kept runs and start preview, driven as a reader drives them and
// checked against the lesson's loop written out here.
import {beforeAll, describe, expect, it} from "vitest";
import type {Page} from "playwright-core";
import {idle, inView, openForFile, set, value} from "./browser.js";
import {DATA, descend, type Pair} from "../lesson-loop.js";


const opened = openForFile();
const within = (page: Page, name: string) => page.locator(`[data-chapter="descent"] [data-cell="${name}"]`);
const action = (page: Page, name: string) => page.locator(`[data-chapter="descent"] [data-action="${name}"]`);
const now = (page: Page) =>
  page.evaluate(async () => {
    await window.playground.idle();
    const [w, b, n] = await Promise.all(["w", "b", "iteration_counter"].map((x) => window.playground.value("descent", x)));
    return {w: w as number, b: b as number, n: n as number};
  });

/** Plays at the top speed until at least `n` iterations, then pauses. */
async function playTo(page: Page, n: number) {
  const speed = within(page, "viewof training").locator('input[aria-label="simulation speed"]');
  await speed.focus();
  await page.keyboard.press("End");
  await action(page, "play").click();
  await expect.poll(() => value<number>(page, "descent", "iteration_counter"), {timeout: 30_000}).toBeGreaterThan(n);
  await action(page, "pause").click();
  await idle(page);
}

/** Where (w, b) is on the map, on screen. */
async function onMap(page: Page, w: number, b: number): Promise<[number, number]> {
  const svg = within(page, "descent_views").locator(".draw-top-view svg").first();
  await inView(svg);
  return svg.evaluate((el, [w, b]) => {
    const chart = el as SVGSVGElement & {scale(n: string): {apply(v: number): number}};
    const rect = chart.getBoundingClientRect();
    const k = rect.width / chart.width.baseVal.value;
    return [rect.left + chart.scale("x").apply(w) * k, rect.top + chart.scale("y").apply(b) * k] as [number, number];
  }, [w, b] as const);
}

describe("descent's timeline", () => {
  beforeAll(async () => {
    await action(opened.page, "solution").click();
    await idle(opened.page);
    await inView(within(opened.page, "descent_views"));
  });

  it("scrubs back to any iteration: the numbers, the line and the loss cursor show that moment, exactly", async () => {
    const {page} = opened;
    await action(page, "reset").click();
    await playTo(page, 20_000);
    const end = await now(page);
    const range = within(page, "viewof moment").locator('input[aria-label="iteration"]');
    const line = () => within(page, "descent_views").locator(".draw-layered svg").nth(1).locator("path").getAttribute("d");
    const cursor = () => within(page, "loss_chart").locator("svg").nth(1).locator('[aria-label="rule"] line').getAttribute("x1");
    const [lineAtEnd, cursorAtEnd] = [await line(), await cursor()];
    await range.focus();
    await page.keyboard.press("Home");
    await idle(page);
    expect(await now(page)).toEqual({w: 1, b: 0, n: 0});
    expect(await line()).not.toBe(lineAtEnd);
    await expect(within(page, "status").textContent()).resolves.toContain("iteration 0 · w = 1 · b = 0 ·");
    await page.keyboard.press("PageUp");
    await page.keyboard.press("ArrowRight");
    await idle(page);
    const k = Math.round(end.n / 10) + 1;
    const at = await now(page);
    const reference = descend(DATA, 0.001, k);
    expect(at.n).toBe(k);
    expect(Object.is(at.w, reference.w) && Object.is(at.b, reference.b)).toBe(true);
    await expect(within(page, "status").textContent()).resolves.toContain(`w = ${+reference.w.toFixed(3)}`);
    expect(await range.getAttribute("aria-valuetext")).toBe(`iteration ${k.toLocaleString("en-US")} of ${end.n.toLocaleString("en-US")}`);
    expect(Number(await cursor())).toBeLessThan(Number(cursorAtEnd));
    // Back at the end, all is as training left it.
    await page.keyboard.press("End");
    expect(await now(page)).toEqual(end);
    expect(await line()).toBe(lineAtEnd);
  });

  it("replay runs again from the same start and ends on the same bits", async () => {
    const {page} = opened;
    await within(page, "viewof moment").locator('input[aria-label="iteration"]').focus();
    await page.keyboard.press("End");
    const first = await now(page);
    await page.keyboard.press("Home");
    await action(page, "replay").click();
    await expect.poll(() => within(page, "viewof training").textContent(), {timeout: 30_000}).toContain("Replayed");
    await expect(within(page, "viewof training").textContent()).resolves.toContain(`Replayed ${first.n.toLocaleString("en-US")} iterations from the same start: the same state, to the last bit.`);
    const again = await now(page);
    expect(again.n).toBe(first.n);
    expect(Object.is(again.w, first.w) && Object.is(again.b, first.b)).toBe(true);
  });

  it("keeps two runs: two paths on the map and two loss curves, with a legend; each can be removed", async () => {
    const {page} = opened;
    try {
      await action(page, "keep-run").click();
      await set(page, "descent", "learning_rate", 0.005);
      await action(page, "reset").click();
      await playTo(page, 2_000);
      await action(page, "keep-run").click();
      await idle(page);
      const legend = within(page, "viewof moment").locator(".kept-runs li");
      await expect(legend.allTextContents()).resolves.toEqual(["η = 0.001, from w = 1, b = 0×", "η = 0.005, from w = 1, b = 0×"]);
      for (const color of ["var(--run-1)", "var(--run-2)"]) {
        await expect(within(page, "descent_views").locator(`.draw-top-view [stroke="${color}"] path`).count()).resolves.toBe(1);
        await expect(within(page, "loss_chart").locator(`[stroke="${color}"] path`).count()).resolves.toBe(1);
      }
      await within(page, "viewof moment").locator('[data-action="remove-run"]').first().click();
      await idle(page);
      await expect(legend.allTextContents()).resolves.toEqual(["η = 0.005, from w = 1, b = 0×"]);
      await expect(within(page, "loss_chart").locator('[stroke="var(--run-1)"] path').count()).resolves.toBe(0);
    } finally {
      await set(page, "descent", "learning_rate", 0.001);
    }
  });

  it("dragging the start shows the path of the next steps before Play; the learning rate reshapes it", async () => {
    const {page} = opened;
    await action(page, "reset").click();
    await idle(page);
    const from = await onMap(page, 1, 0);
    const to = await onMap(page, 0.4, 0.5);
    await page.mouse.move(...from);
    await page.mouse.down();
    await page.mouse.move(...to, {steps: 8});
    await page.mouse.up();
    await idle(page);
    const start = await value<Pair>(page, "descent", "start_at");
    expect(start[0]).toBeCloseTo(0.4, 1);
    expect(start[1]).toBeCloseTo(0.5, 1);
    expect((await now(page)).n).toBe(0);
    const preview = Array.from(Object.values(await value<Record<string, number>>(page, "descent", "preview")));
    expect(preview).toHaveLength(602);
    const next = descend(DATA, 0.001, 300, {w: start[0], b: start[1]});
    expect(preview.slice(-2)).toEqual([next.w, next.b]);
    const dashed = within(page, "descent_views").locator('.draw-top-view [stroke-dasharray="5 4"] path');
    const drawn = await dashed.getAttribute("d");
    expect(drawn?.split("L").length).toBeGreaterThan(100);
    await set(page, "descent", "learning_rate", 0.004);
    expect(await dashed.getAttribute("d")).not.toBe(drawn);
    // Play walks that path: after it, the dashed preview is gone.
    await set(page, "descent", "learning_rate", 0.001);
    await action(page, "step").click();
    await idle(page);
    await expect(dashed.count()).resolves.toBe(0);
    const stepped = await now(page);
    const one = descend(DATA, 0.001, 1, {w: start[0], b: start[1]});
    expect(Object.is(stepped.w, one.w) && Object.is(stepped.b, one.b)).toBe(true);
    expect(opened.errors).toEqual([]);
  });
});
