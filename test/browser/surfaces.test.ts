import {describe, expect, it} from "vitest";
import type {Page} from "playwright-core";
import {idle, nudge, openForFile, set, value} from "./browser.js";

// The chapters with a plane, a sigmoid and a sigmoid of a plane, driven as a reader would.

const opened = openForFile();

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** What a cell shows: its markup and the pixels of its canvases (a surface's mesh, a heat map). */
function picture(page: Page, chapter: string, cell: string): Promise<string> {
  return page
    .locator(`[data-chapter="${chapter}"] [data-cell="${cell}"]`)
    .evaluate((el) => [el.innerHTML, ...[...el.querySelectorAll("canvas")].map((c) => c.toDataURL())].join("\n"));
}

/** The camera angles of a chapter's 3D view, read from the element the reader turns. */
function angles(page: Page, chapter: string): Promise<{azimuth: number; elevation: number}> {
  return page
    .locator(`[data-chapter="${chapter}"] [data-cell="surface_view"] .draw-surface`)
    .evaluate((el) => (el as HTMLElement & {value: {azimuth: number; elevation: number}}).value);
}

/** Drags across the middle of a chapter's 3D view with the mouse. */
async function drag(page: Page, chapter: string, dx: number, dy: number): Promise<void> {
  const view = page.locator(`[data-chapter="${chapter}"] [data-cell="surface_view"] svg`).first();
  await view.scrollIntoViewIfNeeded();
  const box = (await view.boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx, y + dy, {steps: 10});
  await page.mouse.up();
  await idle(page);
}

/**
 * Where a mark of a Plot chart is drawn, in data coordinates: the points of its path, the
 * centre of its circle, or the ends of its line, taken back through the chart's own scales.
 */
async function marked(page: Page, chapter: string, cell: string, chart: string, mark: string): Promise<[number, number][]> {
  return page.locator(`[data-chapter="${chapter}"] [data-cell="${cell}"]`).evaluate(
    (root, [chart, mark]) => {
      type Scaled = Element & {scale(name: string): {invert(v: number): number}};
      const plot = root.querySelector(chart) as Scaled;
      const element = plot.querySelector(mark);
      if (!element) return [];
      const attribute = (name: string) => +element.getAttribute(name)!;
      const numbers =
        element.tagName === "circle"
          ? [attribute("cx"), attribute("cy")]
          : element.tagName === "line"
            ? [attribute("x1"), attribute("y1"), attribute("x2"), attribute("y2")]
            : (element.getAttribute("d") ?? "").match(/-?[\d.]+(?:e-?\d+)?/g)!.map(Number);
      const points: [number, number][] = [];
      for (let i = 0; i + 1 < numbers.length; i += 2) points.push([plot.scale("x").invert(numbers[i]), plot.scale("y").invert(numbers[i + 1])]);
      return points;
    },
    [chart, mark]
  );
}

describe("plane", () => {
  it("starts flat, and y is w1·x1 + w2·x2 + b for the sliders' values", async () => {
    const {page} = opened;
    for (const name of ["w1", "w2", "b"]) expect(await value(page, "plane", name)).toBe(0);
    await set(page, "plane", "w1", 1.5);
    await set(page, "plane", "w2", -0.25);
    await set(page, "plane", "b", 2);
    const ys = await page.evaluate(async () => {
      const y = (await window.playground.value("plane", "y")) as (x1: number, x2: number) => number;
      return [y(0, 0), y(3, -2), y(-10, 10)];
    });
    expect(ys).toEqual([2, 1.5 * 3 + -0.25 * -2 + 2, 1.5 * -10 + -0.25 * 10 + 2]);
    // The surface samples the same plane on its grid, with holes where it leaves the ±30 box.
    const sampled = await page.evaluate(async () => {
      const g = (await window.playground.value("plane", "grid")) as {x: Float64Array; y: Float64Array; z: Float64Array; nx: number};
      return {x: [...g.x], y: [...g.y], z: [...g.z], nx: g.nx};
    });
    expect(sampled.nx).toBe(31);
    sampled.z.forEach((z, k) => {
      const expected = 1.5 * sampled.x[k % 31] - 0.25 * sampled.y[Math.floor(k / 31)] + 2;
      if (Math.abs(expected) <= 30) expect(z).toBeCloseTo(expected, 10);
      else expect(z).toBeNaN();
    });
  });

  it("points the top view's arrow from the origin the way y climbs fastest, (w1, w2)", async () => {
    const {page} = opened;
    for (const [w1, w2] of [[1.5, -0.25], [-3, 4], [0, -2]]) {
      await set(page, "plane", "w1", w1);
      await set(page, "plane", "w2", w2);
      const [from, to] = await marked(page, "plane", "top_view", "svg[aria-hidden=true]", 'g[aria-label="arrow"] path');
      expect(Math.hypot(...from)).toBeLessThan(0.05);
      const cos = ((to[0] - from[0]) * w1 + (to[1] - from[1]) * w2) / (Math.hypot(to[0] - from[0], to[1] - from[1]) * Math.hypot(w1, w2));
      expect(cos).toBeGreaterThan(0.999);
    }
  });

  it("each slider redraws the surface and the top view", async () => {
    const {page} = opened;
    for (const name of ["w1", "w2", "b"]) {
      const surface = await picture(page, "plane", "surface_view");
      const top = await picture(page, "plane", "top_view");
      await nudge(page, "plane", name, "ArrowRight");
      expect(await picture(page, "plane", "surface_view"), name).not.toBe(surface);
      expect(await picture(page, "plane", "top_view"), name).not.toBe(top);
    }
  });

  it("a slider reshapes the same surface in place, and the arrow keys turn it", async () => {
    const {page} = opened;
    const view = page.locator('[data-chapter="plane"] [data-cell="surface_view"] .draw-surface');
    await set(page, "plane", "w1", 2);
    await view.evaluate((el) => ((el as HTMLElement & {tagged?: boolean}).tagged = true));
    const shown = await picture(page, "plane", "surface_view");
    await set(page, "plane", "w1", -2);
    expect(await view.evaluate((el) => (el as HTMLElement & {tagged?: boolean}).tagged)).toBe(true);
    expect(await picture(page, "plane", "surface_view")).not.toBe(shown);
    // The mesh says, for screen readers, the heights it shows: the grid's, within the ±30 box.
    const range = await page.evaluate(async () => {
      const g = (await window.playground.value("plane", "grid")) as {zMin: number; zMax: number};
      return [g.zMin, g.zMax];
    });
    const label = await view.locator("canvas").getAttribute("aria-label");
    expect(label?.replaceAll("−", "-")).toBe(`y from ${+range[0].toFixed(2)} to ${+range[1].toFixed(2)}`);
    const before = await angles(page, "plane");
    await view.focus();
    await page.keyboard.press("ArrowRight");
    await idle(page);
    expect((await angles(page, "plane")).azimuth).toBeCloseTo(before.azimuth + 5, 6);
    expect(await picture(page, "plane", "surface_view")).not.toBe(shown);
  });

  it("dragging the 3D view with the mouse turns it, and a slider keeps the reader's angle", async () => {
    const {page} = opened;
    const before = await angles(page, "plane");
    const shown = await picture(page, "plane", "surface_view");
    await drag(page, "plane", 80, 30);
    const after = await angles(page, "plane");
    expect(after.azimuth).not.toBeCloseTo(before.azimuth, 0);
    expect(after.elevation).not.toBeCloseTo(before.elevation, 0);
    expect(await picture(page, "plane", "surface_view")).not.toBe(shown);
    await nudge(page, "plane", "w2", "ArrowLeft", 3);
    expect(await angles(page, "plane")).toEqual(after);
  });
});

describe("sigmoid", () => {
  it("is 1 / (1 + e^−x)", async () => {
    const {page} = opened;
    const values = await page.evaluate(async () => {
      const s = (await window.playground.value("sigmoid", "sigmoid")) as (x: number) => number;
      return [-30, -2, 0, 0.5, 3, 30].map(s);
    });
    expect(values).toEqual([-30, -2, 0, 0.5, 3, 30].map((x) => 1 / (1 + Math.exp(-x))));
  });

  it("each slider redraws the chart", async () => {
    const {page} = opened;
    for (const name of ["w", "b"]) {
      const chart = await picture(page, "sigmoid", "chart");
      await nudge(page, "sigmoid", name, "ArrowLeft");
      expect(await picture(page, "sigmoid", "chart"), name).not.toBe(chart);
    }
  });

  it("draws σ(wx + b) and marks its centre at x = −b/w", async () => {
    const {page} = opened;
    for (const [w, b] of [[2, 3], [-0.5, 1], [4, -7.2]]) {
      await set(page, "sigmoid", "w", w);
      await set(page, "sigmoid", "b", b);
      const [centre] = await marked(page, "sigmoid", "chart", "figure", 'g[aria-description="centre point"] circle');
      expect(centre[0]).toBeCloseTo(-b / w, 1);
      expect(centre[1]).toBeCloseTo(0.5, 2);
      const rule = await marked(page, "sigmoid", "chart", "figure", 'g[aria-description="centre"] line');
      expect(rule[0][0]).toBeCloseTo(-b / w, 1);
      const curve = await marked(page, "sigmoid", "chart", "figure", 'g[aria-description="σ(wx + b)"] path');
      expect(curve.length).toBeGreaterThan(100);
      for (const [x, s] of curve) expect(Math.abs(s - sigmoid(w * x + b))).toBeLessThan(0.01);
    }
  });

  it("with w = 0 draws a flat line at σ(b) and no centre, and says why", async () => {
    const {page} = opened;
    await set(page, "sigmoid", "w", 0);
    await set(page, "sigmoid", "b", 1);
    const chart = page.locator('[data-chapter="sigmoid"] [data-cell="chart"]');
    await expect(chart.locator('g[aria-description="centre"]').count()).resolves.toBe(0);
    await expect(chart.textContent()).resolves.toContain(`σ(b) = ${sigmoid(1).toFixed(3)} everywhere`);
    const curve = await marked(page, "sigmoid", "chart", "figure", 'g[aria-description="σ(wx + b)"] path');
    for (const [, s] of curve) expect(s).toBeCloseTo(sigmoid(1), 2);
    // A centre beyond the chart is named, not drawn.
    await set(page, "sigmoid", "w", 0.1);
    await set(page, "sigmoid", "b", 5);
    await expect(chart.locator('g[aria-description="centre"]').count()).resolves.toBe(0);
    await expect(chart.textContent()).resolves.toContain("−50 is off the chart");
  });
});

describe("sigmoid-2d", () => {
  it("starts at w1 = 1, w2 = 2, b = 0 and is σ(w1·x1 + w2·x2 + b)", async () => {
    const {page} = opened;
    expect([await value(page, "sigmoid-2d", "w1"), await value(page, "sigmoid-2d", "w2"), await value(page, "sigmoid-2d", "b")]).toEqual([1, 2, 0]);
    const ys = await page.evaluate(async () => {
      const y = (await window.playground.value("sigmoid-2d", "y")) as (x1: number, x2: number) => number;
      return [y(0, 0), y(1, -1), y(-3, 2.5)];
    });
    expect(ys[0]).toBe(0.5);
    expect(ys[1]).toBeCloseTo(sigmoid(1 - 2), 12);
    expect(ys[2]).toBeCloseTo(sigmoid(-3 + 5), 12);
  });

  it("each slider redraws the surface and the top view", async () => {
    const {page} = opened;
    for (const name of ["w1", "w2", "b"]) {
      const surface = await picture(page, "sigmoid-2d", "surface_view");
      const top = await picture(page, "sigmoid-2d", "top_view");
      await nudge(page, "sigmoid-2d", name, "ArrowRight");
      expect(await picture(page, "sigmoid-2d", "surface_view"), name).not.toBe(surface);
      expect(await picture(page, "sigmoid-2d", "top_view"), name).not.toBe(top);
    }
  });

  it("dragging the 3D view with the mouse turns it", async () => {
    const {page} = opened;
    const before = await angles(page, "sigmoid-2d");
    const shown = await picture(page, "sigmoid-2d", "surface_view");
    await drag(page, "sigmoid-2d", -60, 0);
    const after = await angles(page, "sigmoid-2d");
    expect(after.azimuth).not.toBeCloseTo(before.azimuth, 0);
    expect(after.elevation).toBeCloseTo(before.elevation, 6);
    expect(await picture(page, "sigmoid-2d", "surface_view")).not.toBe(shown);
  });

  it("draws the boundary w1·x1 + w2·x2 + b = 0 across the top view, with the weights' arrow at right angles", async () => {
    const {page} = opened;
    for (const [w1, w2, b] of [[1, 2, 0], [1.5, -2, 3], [0, 4, -6], [-3, 0.5, 9.5]]) {
      await set(page, "sigmoid-2d", "w1", w1);
      await set(page, "sigmoid-2d", "w2", w2);
      await set(page, "sigmoid-2d", "b", b);
      const ends = await marked(page, "sigmoid-2d", "top_view", "svg[aria-hidden=true]", 'g[aria-label="line"] path');
      expect(ends.length, `${[w1, w2, b]}`).toBe(2);
      const norm = Math.hypot(w1, w2);
      for (const [x1, x2] of ends) {
        // Each end is on the line (to within a fraction of a pixel) and on the chart's edge.
        expect(Math.abs(w1 * x1 + w2 * x2 + b) / norm).toBeLessThan(0.05);
        expect(Math.max(Math.abs(x1), Math.abs(x2))).toBeCloseTo(10, 1);
      }
      const arrow = await marked(page, "sigmoid-2d", "top_view", "svg[aria-hidden=true]", 'g[aria-label="arrow"] path');
      const [from, to] = arrow;
      expect(Math.abs(w1 * from[0] + w2 * from[1] + b) / norm).toBeLessThan(0.05);
      const direction = [to[0] - from[0], to[1] - from[1]];
      const cos = (direction[0] * w1 + direction[1] * w2) / (Math.hypot(...direction) * norm);
      expect(cos).toBeGreaterThan(0.999);
    }
  });

  it("with both weights zero there is no boundary, and the output is σ(b) everywhere", async () => {
    const {page} = opened;
    await set(page, "sigmoid-2d", "w1", 0);
    await set(page, "sigmoid-2d", "w2", 0);
    await set(page, "sigmoid-2d", "b", -1);
    const top = page.locator('[data-chapter="sigmoid-2d"] [data-cell="top_view"]');
    await expect(top.locator('svg[aria-hidden=true] g[aria-label="line"]').count()).resolves.toBe(0);
    const states = await page.$$eval('[data-chapter="sigmoid-2d"] [data-cell]', (els) => els.map((e) => e.getAttribute("data-state")));
    expect(states.every((s) => s === "fulfilled")).toBe(true);
    const y = await page.evaluate(async () => ((await window.playground.value("sigmoid-2d", "y")) as (x1: number, x2: number) => number)(7, -4));
    expect(y).toBe(sigmoid(-1));
  });
});

describe("the three chapters", () => {
  it("load with no console errors", () => {
    expect(opened.errors).toEqual([]);
  });
});
