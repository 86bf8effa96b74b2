import {describe, expect, it} from "vitest";
import type {Page} from "playwright-core";
import {drawn, idle, inView, openForFile} from "./browser.js";

/** The network's parameters, as the chapter keeps them. */
interface Params {
  wi: number[];
  b: number[];
  wo: number[];
  bo: number;
}
type Point = [number, number];

const opened = openForFile();

// The reference: the network and its loss written from the formulas, independent of the page.
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
function network(x: number, p: Params): number {
  return p.wo.reduce((y, wo, j) => y + wo * sigmoid(p.wi[j] * x + p.b[j]), p.bo);
}
function referenceLoss(p: Params, points: Point[]): number {
  return points.reduce((sum, [x, t]) => sum + (network(x, p) - t) ** 2, 0) / 2;
}

/** A small seeded generator, so a failing case can be replayed. */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 6 - 3;
}
function randomParams(n: number, seed: number): Params {
  const r = lcg(seed);
  return {wi: Array.from({length: n}, r), b: Array.from({length: n}, r), wo: Array.from({length: n}, r), bo: r()};
}

const value = <T>(page: Page, name: string) => page.evaluate((name) => window.playground.value("next", name), name) as Promise<T>;

describe("the next chapter", () => {
  it("its loss is the network's squared error over the points", async () => {
    const {page} = opened;
    const points = await value<Point[]>(page, "points");
    expect(points).toHaveLength(9);
    for (const [n, seed] of [[1, 1], [4, 2], [7, 3]]) {
      const p = randomParams(n, seed);
      const L = await page.evaluate(async (p) => ((await window.playground.value("next", "loss")) as (p: unknown) => number)(p), p);
      expect(L).toBeCloseTo(referenceLoss(p, points), 10);
    }
  });

  it("backpropagation gives the same gradient as central finite differences of the loss", async () => {
    const {page} = opened;
    for (const [n, seed] of [[1, 11], [3, 12], [6, 13], [12, 14]]) {
      const p = randomParams(n, seed);
      const {backprop, numeric} = await page.evaluate(async (p) => {
        const loss = (await window.playground.value("next", "loss")) as (p: unknown) => number;
        const gradient = (await window.playground.value("next", "gradient")) as (p: unknown) => Record<string, number | number[]>;
        const h = 1e-6;
        const numeric: Record<string, number | number[]> = {};
        // Nudge one parameter up and down, everything else held, and measure the loss's slope.
        const slope = (set: (q: typeof p, v: number) => void, v: number) => {
          const up = structuredClone(p), down = structuredClone(p);
          set(up, v + h);
          set(down, v - h);
          return (loss(up) - loss(down)) / (2 * h);
        };
        for (const key of ["wi", "b", "wo"] as const) numeric[key] = p[key].map((v, j) => slope((q, x) => (q[key][j] = x), v));
        numeric.bo = slope((q, x) => (q.bo = x), p.bo);
        return {backprop: gradient(p), numeric};
      }, p);
      expect(Object.keys(backprop).sort()).toEqual(["b", "bo", "wi", "wo"]);
      const flat = (g: Record<string, number | number[]>) => [g.wi, g.b, g.wo, g.bo].flat() as number[];
      const [a, b] = [flat(backprop), flat(numeric)];
      expect(a).toHaveLength(3 * n + 1);
      a.forEach((g, i) => expect(Math.abs(g - b[i])).toBeLessThan(1e-6 * Math.max(1, Math.abs(b[i]))));
    }
  });

  it("clicking on the chart with the mouse adds a point there and draws it; clicking it again removes it", async () => {
    const {page} = opened;
    const chart = page.locator('[data-chapter="next"] [data-cell="viewof points"]');
    await chart.evaluate((e) => e.scrollIntoView({block: "center"}));
    await inView(chart);
    const before = await drawn(page, "next", "viewof points");
    const status = await page.locator('[data-chapter="next"] [data-cell="status"]').textContent();
    // Where x = 2.5 and y = 1.25 are on screen, read from the axes' own tick labels.
    const label = async (axis: "x" | "y", text: string) => {
      const box = (await chart.locator(`g[aria-label="${axis}-axis tick label"] text`, {hasText: new RegExp(`^${text}$`)}).boundingBox())!;
      return axis === "x" ? box.x + box.width / 2 : box.y + box.height / 2;
    };
    const [x2, x3, y1, y15] = [await label("x", "2"), await label("x", "3"), await label("y", "1.0"), await label("y", "1.5")];
    await page.mouse.click((x2 + x3) / 2, (y1 + y15) / 2);
    await idle(page);

    const points = await value<Point[]>(page, "points");
    expect(points).toHaveLength(10);
    expect(points[9][0]).toBeCloseTo(2.5, 1);
    expect(points[9][1]).toBeCloseTo(1.25, 1);
    expect(await chart.locator('g[aria-label="dot"] circle').count()).toBe(10);
    expect(await drawn(page, "next", "viewof points")).not.toBe(before);
    // The loss now counts the new point too.
    await expect(page.locator('[data-chapter="next"] [data-cell="status"]').textContent()).resolves.toContain("10 points");
    expect(await page.locator('[data-chapter="next"] [data-cell="status"]').textContent()).not.toBe(status);

    await page.mouse.click((x2 + x3) / 2 + 3, (y1 + y15) / 2 - 2);
    await idle(page);
    expect(await value<Point[]>(page, "points")).toHaveLength(9);
    expect(await chart.locator('g[aria-label="dot"] circle').count()).toBe(9);
  });

  it("one step moves every parameter against its slope, by the learning rate", async () => {
    const {page} = opened;
    await page.locator('[data-chapter="next"] [data-action="reset"]').click();
    await idle(page);
    const points = await value<Point[]>(page, "points");
    const learningRate = await value<number>(page, "learning_rate");
    const start = await value<Params>(page, "params");
    expect(await value<number>(page, "iteration_counter")).toBe(0);
    await page.locator('[data-chapter="next"] [data-action="step"]').click();
    await idle(page);
    const next = await value<Params>(page, "params");
    expect(await value<number>(page, "iteration_counter")).toBe(1);
    // Reference: the slope of the reference loss, by central differences, in Node.
    const h = 1e-6;
    for (const key of ["wi", "b", "wo"] as const) {
      start[key].forEach((v, j) => {
        const up = structuredClone(start), down = structuredClone(start);
        up[key][j] = v + h;
        down[key][j] = v - h;
        const slope = (referenceLoss(up, points) - referenceLoss(down, points)) / (2 * h);
        expect(next[key][j]).toBeCloseTo(v - learningRate * slope, 7);
      });
    }
  });

  it("pressing play trains the network: after pause the loss is lower and the curve has moved", async () => {
    const {page} = opened;
    await page.locator('[data-chapter="next"] [data-action="reset"]').click();
    await idle(page);
    const points = await value<Point[]>(page, "points");
    const before = referenceLoss(await value<Params>(page, "params"), points);
    const chart = await drawn(page, "next", "viewof points");
    const lossChart = await drawn(page, "next", "loss_chart");
    await page.locator('[data-chapter="next"] [data-cell="viewof training"]').scrollIntoViewIfNeeded();
    await page.locator('[data-chapter="next"] [data-action="play"]').click();
    await expect.poll(() => page.evaluate(async () => (await window.playground.value("next", "iteration_counter")) as number), {timeout: 30_000}).toBeGreaterThanOrEqual(300);
    await page.locator('[data-chapter="next"] [data-action="pause"]').click();
    await idle(page);
    const params = await value<Params>(page, "params");
    const after = referenceLoss(params, points);
    expect(after).toBeLessThan(before / 2);
    expect(await drawn(page, "next", "viewof points")).not.toBe(chart);
    expect(await drawn(page, "next", "loss_chart")).not.toBe(lossChart);
    await expect(page.locator('[data-chapter="next"] [data-cell="status"]').textContent()).resolves.toContain(`loss = ${after.toFixed(4)}`);
  });

  it("the hidden-neuron slider rebuilds the network with that many neurons, from the start", async () => {
    const {page} = opened;
    await page.evaluate(() => window.playground.set("next", "hidden_count", 3));
    await idle(page);
    const params = await value<Params>(page, "params");
    expect([params.wi.length, params.b.length, params.wo.length]).toEqual([3, 3, 3]);
    expect(await value<number>(page, "iteration_counter")).toBe(0);
    const contributions = await page.locator('[data-chapter="next"] [data-cell="viewof points"] g[aria-label="line"]').first().locator("path").count();
    expect(contributions).toBe(3);
  });

  it("the backprop panel: a weight pressed on the diagram shows its slope, equal to finite differences, and one step of it", async () => {
    const {page} = opened;
    const picker = page.locator('[data-chapter="next"] [data-cell="viewof parameter"]');
    await inView(picker);
    await picker.locator('[data-parameter="wi2"]').click();
    await idle(page);
    expect(await value(page, "parameter")).toBe("wi2");
    await expect(picker.locator('[data-parameter="wi2"]').getAttribute("data-selected")).resolves.toBe("");
    const panel = page.locator('[data-chapter="next"] [data-cell="backprop"]');
    const read = async () => Number((await panel.locator("tfoot td").textContent())!.replace("−", "-"));
    const central = async (name: "wi" | "b" | "wo", j: number) => {
      const p = await value<Params>(page, "params");
      const points = await value<Point[]>(page, "points");
      const h = 1e-6;
      const at = (d: number) => referenceLoss({...p, [name]: p[name].map((v, k) => (k === j ? v + d : v))}, points);
      return {slope: (at(h) - at(-h)) / (2 * h), p};
    };
    const {slope, p} = await central("wi", 1);
    expect(await panel.locator(".backprop-formula").textContent()).toBe("∂L/∂wi₂ = Σ (y − t) · wo₂ · h₂(1 − h₂) · x");
    // The panel writes four significant digits: its sum is the finite difference to that many.
    expect(await read()).toBeCloseTo(+slope.toPrecision(4), 8);
    const lr = await value<number>(page, "learning_rate");
    await expect(panel.locator(".backprop-step").textContent()).resolves.toContain(`= ${String(+(p.wi[1] - lr * slope).toPrecision(4)).replace("-", "−")}.`);
    // And from the list, for a neuron's output weight.
    await picker.locator("select").selectOption("wo3");
    await idle(page);
    expect(await read()).toBeCloseTo(+(await central("wo", 2)).slope.toPrecision(4), 8);
  });

  it("shows no errors", () => {
    expect(opened.errors).toEqual([]);
  });
});
