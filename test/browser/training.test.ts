import {beforeAll, describe, expect, it} from "vitest";
import type {Page} from "playwright-core";
import {drawn, idle, openForFile, set, value} from "./browser.js";
import {DATA, descend, gradientAt, lossAt, type Pair, type Params} from "../lesson-loop.js";

// The landscape, gradient, step and descent chapters, driven as a reader drives them, and
// checked against references written here: the lesson's loop, least squares, finite differences.

/** The least-squares line from the normal equations: [Σx² Σx; Σx n]·[w; b] = [Σxy; Σy]. */
function leastSquares(data: Pair[]): Params {
  let sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (const [x, y] of data) (sx += x), (sy += y), (sxx += x * x), (sxy += x * y);
  const n = data.length;
  const det = sxx * n - sx * sx;
  return {w: (sxy * n - sx * sy) / det, b: (sxx * sy - sx * sxy) / det};
}

const opened = openForFile();

const button = (page: Page, chapter: string, action: string) => page.locator(`[data-chapter="${chapter}"] [data-action="${action}"]`);
const cell = (page: Page, chapter: string, name: string) => page.locator(`[data-chapter="${chapter}"] [data-cell="${name}"]`);
const press = async (page: Page, chapter: string, action: string, times = 1) => {
  for (let i = 0; i < times; ++i) {
    await button(page, chapter, action).click();
    await idle(page);
  }
};
/** w, b and the iteration count, read together once the page has settled. */
const training = (page: Page, chapter: string, counter: string) =>
  page.evaluate(
    async ([chapter, counter]) => {
      await window.playground.idle();
      const [w, b, iteration] = await Promise.all(["w", "b", counter].map((name) => window.playground.value(chapter, name)));
      return {w: w as number, b: b as number, iteration: iteration as number};
    },
    [chapter, counter] as const
  );
/** The training controls' own reading, {playing, speed}. */
const speedOf = (page: Page) =>
  page.evaluate(async () => ((await window.playground.value("descent", "viewof training")) as {controls: {value: {playing: boolean; speed: number}}}).controls.value);
/** Waits n animation frames in the page. */
const frames = (page: Page, n: number) =>
  page.evaluate((n) => new Promise<void>((resolve) => {
    const tick = (k: number) => (k === 0 ? resolve() : requestAnimationFrame(() => tick(k - 1)));
    tick(n);
  }), n);

describe("the chapters share the fitting data", () => {
  it("is the lesson's data", async () => {
    expect(await value(opened.page, "fitting", "data")).toEqual(DATA);
  });
});

describe("landscape", () => {
  it("has the lesson's cells and slider ranges", async () => {
    const {page} = opened;
    const cells = await page.evaluate(() => window.playground.cells("landscape"));
    expect(cells).toEqual(expect.arrayContaining(["data", "loss", "viewof w", "viewof b"]));
    const ranges = await page.$$eval('[data-chapter="landscape"] [data-cell^="viewof"] input[type=range]', (inputs) =>
      inputs.map((i) => [(i as HTMLInputElement).min, (i as HTMLInputElement).max].map(Number))
    );
    expect(ranges).toEqual([[-10, 10], [-15, 15]]);
  });

  it("loss is a function of w and b that matches ½ Σ (w·x + b − y)²", async () => {
    const {page} = opened;
    const points: Pair[] = [[1, 0], [-10, -15], [10, 15], [0.594, 0.222], [-3.3, 7.1]];
    const got = await page.evaluate(async (points) => {
      const loss = (await window.playground.value("landscape", "loss")) as (w: number, b: number) => number;
      return points.map(([w, b]) => loss(w, b));
    }, points);
    points.forEach(([w, b], i) => expect(got[i]).toBeCloseTo(lossAt(DATA, w, b), 9));
  });

  it("moving w moves the marked point without recomputing the grid or redrawing the surface", async () => {
    const {page} = opened;
    await page.evaluate(async () => {
      // Tag the heavy pieces; a recomputation would replace them with untagged ones.
      for (const name of ["grid", "surface_view", "top_view"]) {
        ((await window.playground.value("landscape", name)) as {tagged?: boolean}).tagged = true;
      }
    });
    // The mesh is painted on a canvas: compare its pixels.
    const meshPixels = () => cell(page, "landscape", "surface_view").locator("g.mesh canvas").evaluate((c: HTMLCanvasElement) => c.toDataURL());
    const mesh = await meshPixels();
    expect(mesh.length).toBeGreaterThan(5000); // painted, not blank
    const overlay = await cell(page, "landscape", "surface_view").locator("g.overlay").innerHTML();
    const map = await drawn(page, "landscape", "landscape_views");
    const slider = cell(page, "landscape", "viewof w").locator("input[type=range]");
    await slider.focus();
    for (let i = 0; i < 20; ++i) await page.keyboard.press("ArrowLeft");
    await idle(page);
    expect(await value(page, "landscape", "w")).toBeCloseTo(0.8, 10);
    const tagged = await page.evaluate(async () =>
      Promise.all(["grid", "surface_view", "top_view"].map(async (name) => ((await window.playground.value("landscape", name)) as {tagged?: boolean}).tagged))
    );
    expect(tagged).toEqual([true, true, true]);
    expect(await meshPixels()).toBe(mesh);
    expect(await cell(page, "landscape", "surface_view").locator("g.overlay").innerHTML()).not.toBe(overlay);
    expect(await drawn(page, "landscape", "landscape_views")).not.toBe(map);
    await expect(cell(page, "landscape", "landscape_views").textContent()).resolves.toContain(`loss L = ${+lossAt(DATA, 0.8, 0).toFixed(2)}`);
  });
});

describe("gradient", () => {
  it("has the lesson's cells and slider ranges", async () => {
    const {page} = opened;
    const cells = await page.evaluate(() => window.playground.cells("gradient"));
    expect(cells).toEqual(expect.arrayContaining(["data", "viewof w", "viewof b", "loss", "gradient"]));
    const ranges = await page.$$eval('[data-chapter="gradient"] [data-cell^="viewof"] input[type=range]', (inputs) =>
      inputs.map((i) => [(i as HTMLInputElement).min, (i as HTMLInputElement).max].map(Number))
    );
    expect(ranges).toEqual([[-2.5, 2.5], [-15, 15]]);
  });

  for (const chapter of ["gradient", "step", "descent"]) {
    it(`${chapter}: gradient equals central finite differences of loss, and the lesson's formula`, async () => {
      const {page} = opened;
      const points: Pair[] = [[1, 0], [-2.5, -15], [2.5, 15], [0.6, 0.2], [-1.2, 7.5], [0.594, 0.222]];
      const got = await page.evaluate(
        async ([chapter, points]) => {
          const loss = (await window.playground.value(chapter, "loss")) as (w: number, b: number) => number;
          const gradient = (await window.playground.value(chapter, "gradient")) as (w: number, b: number) => [number, number];
          const h = 1e-5;
          return points.map(([w, b]) => ({
            gradient: gradient(w, b),
            central: [(loss(w + h, b) - loss(w - h, b)) / (2 * h), (loss(w, b + h) - loss(w, b - h)) / (2 * h)]
          }));
        },
        [chapter, points] as const
      );
      points.forEach(([w, b], i) => {
        const {gradient, central} = got[i];
        const [dw, db] = gradientAt(DATA, w, b);
        expect(gradient).toHaveLength(2);
        // The loss is quadratic, so central differences are exact up to rounding.
        for (const k of [0, 1]) expect(Math.abs(gradient[k] - central[k])).toBeLessThan(1e-5 * Math.max(1, Math.abs(central[k])));
        expect(gradient[0]).toBeCloseTo(dw, 9);
        expect(gradient[1]).toBeCloseTo(db, 9);
      });
    });
  }

  it("the slices show the slopes, and the arrow on the map moves with w and b", async () => {
    const {page} = opened;
    await set(page, "gradient", "w", -1.5);
    await set(page, "gradient", "b", 4);
    const [dw, db] = gradientAt(DATA, -1.5, 4);
    const text = await cell(page, "gradient", "slices").textContent();
    expect(text).toContain(`slope ∂L/∂w = ${dw.toFixed(2)}`);
    expect(text).toContain(`slope ∂L/∂b = ${db.toFixed(2)}`);
    const before = await drawn(page, "gradient", "gradient_view");
    await set(page, "gradient", "w", 0.6);
    expect(await drawn(page, "gradient", "gradient_view")).not.toBe(before);
  });
});

describe("step", () => {
  it("has the lesson's cells, starting at w = 1, b = 0 with a learning rate of 0.01", async () => {
    const {page} = opened;
    const cells = await page.evaluate(() => window.playground.cells("step"));
    expect(cells).toEqual(expect.arrayContaining(["data", "viewof learning_rate", "w", "b", "gradient", "loss", "update"]));
    expect(await value(page, "step", "learning_rate")).toBe(0.01);
    expect(await value(page, "step", "w")).toBe(1);
    expect(await value(page, "step", "b")).toBe(0);
  });

  it("the default learning rate diverges: the page says so, and Reset recovers", async () => {
    const {page} = opened;
    await press(page, "step", "reset");
    const lr = await value<number>(page, "step", "learning_rate");
    // The first step at which the reference loop's loss has risen three times in a row.
    const losses = [lossAt(DATA, 1, 0)];
    for (let k = 1; k <= 20; ++k) {
      const {w, b} = descend(DATA, lr, k);
      losses.push(lossAt(DATA, w, b));
    }
    const first = losses.findIndex((l, k) => k >= 3 && l > losses[k - 1] && losses[k - 1] > losses[k - 2] && losses[k - 2] > losses[k - 3]);
    expect(first).toBeGreaterThan(0);
    const notice = cell(page, "step", "numbers").locator("[data-diverged]");
    for (let k = 1; k <= first; ++k) {
      expect(await notice.count()).toBe(0);
      await press(page, "step", "step");
    }
    await expect(notice.textContent()).resolves.toMatch(/diverging/i);
    await expect(notice.textContent()).resolves.toMatch(/smaller learning rate/i);
    const {w, b} = descend(DATA, lr, first);
    expect(Object.is(await value(page, "step", "w"), w)).toBe(true);
    expect(Object.is(await value(page, "step", "b"), b)).toBe(true);
    await press(page, "step", "reset");
    expect(await value(page, "step", "w")).toBe(1);
    expect(await value(page, "step", "b")).toBe(0);
    expect(await notice.count()).toBe(0);
    await expect(cell(page, "step", "numbers").textContent()).resolves.toMatch(/step 0/);
  });

  it("Step k times gives, bit for bit, k iterations of the lesson's loop", async () => {
    const {page} = opened;
    await set(page, "step", "learning_rate", 0.005);
    const lr = await value<number>(page, "step", "learning_rate");
    expect(lr).toBeCloseTo(0.005, 12);
    await press(page, "step", "reset");
    const map = await drawn(page, "step", "step_views");
    const k = 7;
    await press(page, "step", "step", k);
    const {w, b} = descend(DATA, lr, k);
    expect(Object.is(await value(page, "step", "w"), w)).toBe(true);
    expect(Object.is(await value(page, "step", "b"), b)).toBe(true);
    const numbers = await cell(page, "step", "numbers").textContent();
    expect(numbers).toContain(`step ${k}`);
    expect(numbers).toContain(String(+w.toFixed(3)).replace("-", "−"));
    expect(numbers).not.toMatch(/diverging/i);
    expect(await drawn(page, "step", "step_views")).not.toBe(map);
    // The path holds every spot visited, the start included.
    const path = await value<Pair[]>(page, "step", "path");
    expect(path).toHaveLength(k + 1);
    expect(path.at(-1)).toEqual([w, b]);
    await press(page, "step", "reset");
    await set(page, "step", "learning_rate", 0.01);
  });

  it("the exercise: the page says too large, too slow or good for the reader's rate, and never names one", async () => {
    const {page} = opened;
    const verdict = () => cell(page, "step", "rate_check").locator("[data-verdict]");
    const rate = page.locator('[data-chapter="step"] [data-cell="viewof learning_rate"] input[type=number]');
    const type = async (text: string) => {
      await rate.fill(text);
      await rate.press("Enter");
      await idle(page);
    };
    try {
      // As shipped, 0.01: every step overshoots.
      expect(await verdict().getAttribute("data-verdict")).toBe("error");
      await expect(verdict().textContent()).resolves.toMatch(/overshoots.*smaller/);
      await type("0.0005");
      expect(await verdict().getAttribute("data-verdict")).toBe("hint");
      await expect(verdict().textContent()).resolves.toMatch(/slow.*larger/);
      await type("0.008");
      expect(await verdict().getAttribute("data-verdict")).toBe("solved");
      // The page judged by running the rate: 200 steps of the lesson's loop end near least squares.
      const best = leastSquares(DATA);
      const end = descend(DATA, 0.008, 200);
      expect(Math.hypot(end.w - best.w, end.b - best.b)).toBeLessThan(0.1 * Math.hypot(1 - best.w, 0 - best.b));
      // No answer is given away: the only rate the chapter's reader-visible text names in its
      // verdict is the reader's own.
      const text = await page.locator('[data-chapter="step"]').innerText();
      expect(text).not.toMatch(/between 0\.009 and 0\.01|around 0\.005/);
    } finally {
      await set(page, "step", "learning_rate", 0.01);
    }
  });
});

describe("descent, once the reader's loop calls update", () => {
  beforeAll(async () => {
    await button(opened.page, "descent", "solution").click();
    await idle(opened.page);
  });

  it("play then pause: w and b equal, bit for bit, iteration_counter iterations of the lesson's loop", async () => {
    const {page} = opened;
    await page.locator('[data-chapter="descent"] [data-cell="descent_views"]').scrollIntoViewIfNeeded();
    await press(page, "descent", "reset");
    const lr = await value<number>(page, "descent", "learning_rate");
    expect(lr).toBe(0.001);
    await button(page, "descent", "play").click();
    await expect.poll(() => value<number>(page, "descent", "iteration_counter"), {timeout: 30_000}).toBeGreaterThan(30);
    await button(page, "descent", "pause").click();
    const {w, b, iteration} = await training(page, "descent", "iteration_counter");
    const reference = descend(DATA, lr, iteration);
    expect(Object.is(w, reference.w)).toBe(true);
    expect(Object.is(b, reference.b)).toBe(true);
    // Paused means paused: a few frames later nothing has moved.
    await frames(page, 10);
    expect(await training(page, "descent", "iteration_counter")).toEqual({w, b, iteration});
    // Single steps continue the same loop.
    await press(page, "descent", "step", 3);
    const stepped = await training(page, "descent", "iteration_counter");
    expect(stepped.iteration).toBe(iteration + 3);
    expect(Object.is(stepped.w, descend(DATA, lr, 3, {w, b}).w)).toBe(true);
    expect(Object.is(stepped.b, descend(DATA, lr, 3, {w, b}).b)).toBe(true);
  });

  it("at full speed it walks to the least-squares line, and the map shows the path", async () => {
    const {page} = opened;
    await page.locator('[data-chapter="descent"] [data-cell="descent_views"]').scrollIntoViewIfNeeded();
    await press(page, "descent", "reset");
    const map = await drawn(page, "descent", "descent_views");
    const speed = page.locator('[data-chapter="descent"] input[aria-label="simulation speed"]');
    await speed.focus();
    await page.keyboard.press("End");
    // The last notch is "as many as fit in a frame"; the one below it counts.
    expect((await speedOf(page)).speed).toBe(Infinity);
    await expect(cell(page, "descent", "viewof training").locator("output").textContent()).resolves.toBe("as many iterations per frame as fit");
    await button(page, "descent", "play").click();
    await expect.poll(() => value<number>(page, "descent", "iteration_counter"), {timeout: 30_000}).toBeGreaterThan(40_000);
    await button(page, "descent", "pause").click();
    const {w, b, iteration} = await training(page, "descent", "iteration_counter");
    const best = leastSquares(DATA);
    expect(Math.abs(w - best.w)).toBeLessThan(1e-9);
    expect(Math.abs(b - best.b)).toBeLessThan(1e-9);
    const reference = descend(DATA, 0.001, iteration);
    expect(Object.is(w, reference.w)).toBe(true);
    expect(Object.is(b, reference.b)).toBe(true);
    expect(await drawn(page, "descent", "descent_views")).not.toBe(map);
    const {run} = await value<{run: {path: [number, number][]; iterations: number[]}}>(page, "descent", "moment");
    expect(run.path[0]).toEqual([1, 0]);
    expect(run.path.at(-1)).toEqual([w, b]);
    expect(run.iterations.at(-1)).toBe(iteration);
    await expect(cell(page, "descent", "status").textContent()).resolves.toContain(`w = ${+w.toFixed(3)}`);
    // The loss curve is drawn over axes that have room for the whole run.
    const curve = cell(page, "descent", "loss_chart").locator("svg").nth(1).locator("path");
    await expect.poll(async () => ((await curve.first().getAttribute("d")) ?? "").split("L").length).toBeGreaterThan(5);
    const ticks = (await cell(page, "descent", "loss_chart").locator("svg").first().locator('[aria-label="x-axis tick label"] text').allTextContents()).map((t) => Number(t.replace(/,/g, "")));
    expect(Math.max(...ticks)).toBeGreaterThanOrEqual(iteration / 2);
    await speed.focus();
    await page.keyboard.press("Home");
    await press(page, "descent", "reset");
  });

  it("pauses while the chapter is off screen and resumes when it is back", async () => {
    const {page} = opened;
    await page.locator('[data-chapter="descent"] [data-cell="descent_views"]').scrollIntoViewIfNeeded();
    await press(page, "descent", "reset");
    await button(page, "descent", "play").click();
    await expect.poll(() => value<number>(page, "descent", "iteration_counter"), {timeout: 30_000}).toBeGreaterThan(0);
    await page.locator('[data-chapter="line"]').scrollIntoViewIfNeeded();
    await frames(page, 5);
    const away = await value<number>(page, "descent", "iteration_counter");
    await frames(page, 30);
    expect(await value<number>(page, "descent", "iteration_counter")).toBe(away);
    await page.locator('[data-chapter="descent"] [data-cell="descent_views"]').scrollIntoViewIfNeeded();
    await expect.poll(() => value<number>(page, "descent", "iteration_counter"), {timeout: 30_000}).toBeGreaterThan(away);
    await button(page, "descent", "pause").click();
    await press(page, "descent", "reset");
  });

  it("a learning rate that is too large stops training and says so; Reset recovers", async () => {
    const {page} = opened;
    await page.locator('[data-chapter="descent"] [data-cell="descent_views"]').scrollIntoViewIfNeeded();
    await press(page, "descent", "reset");
    await set(page, "descent", "learning_rate", 0.02);
    // At the slowest speed most frames run no iteration at all; divergence must still be noticed.
    await page.locator('[data-chapter="descent"] input[aria-label="simulation speed"]').focus();
    await page.keyboard.press("Home");
    expect((await speedOf(page)).speed).toBe(1 / 8);
    try {
      await button(page, "descent", "play").click();
      await expect.poll(() => cell(page, "descent", "viewof training").textContent(), {timeout: 30_000}).toMatch(/Training stopped/);
      await expect(cell(page, "descent", "viewof training").textContent()).resolves.toMatch(/smaller learning rate/);
      expect((await speedOf(page)).playing).toBe(false);
    } finally {
      await press(page, "descent", "reset");
      await set(page, "descent", "learning_rate", 0.001);
    }
    await expect(cell(page, "descent", "status").textContent()).resolves.toMatch(/iteration 0 · w = 1 · b = 0 · loss/);
  });
});
