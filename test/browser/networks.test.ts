import {describe, expect, it} from "vitest";
import type {Page} from "playwright-core";
import {drawn, idle, nudge, openForFile, set, value} from "./browser.js";

// The neuron and network chapters, driven as a reader would, checked against sums written here.

const opened = openForFile();

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** A network with one input, a sigmoid hidden layer and a plain output, written out once more. */
function network(wi: number[], b: number[], wo: number[]): (x: number) => number {
  return (x) => {
    let y = 0;
    for (let i = 0; i < wi.length; ++i) y += wo[i] * sigmoid(wi[i] * x + b[i]);
    return y;
  };
}

/** The default tables of LESSON.md. */
const TABLES: Record<string, {wi: number[]; wo: number[]; b: number[]}> = {
  "network-1": {wi: [1], wo: [6.28], b: [0]},
  "network-2": {wi: [-1.5, 1.5], wo: [-5, 5], b: [-8, -8]},
  "network-4": {wi: [0.2, -0.5, 1.9, -0.8], wo: [7.2, 9.7, -6.3, -6.3], b: [1, -5.7, 0, 7.1]}
};

/** A function cell's values at some x, computed in the page. */
function valuesOf(page: Page, chapter: string, name: string, xs: number[]): Promise<number[]> {
  return page.evaluate(
    async ([c, n, xs]) => {
      const f = (await window.playground.value(c as string, n as string)) as (x: number) => number;
      return (xs as number[]).map(f);
    },
    [chapter, name, xs] as const
  );
}

/** The text a diagram shows, with real minus signs read as "-". */
async function diagramText(page: Page, chapter: string): Promise<string> {
  const text = await page.locator(`[data-chapter="${chapter}"] [data-cell="diagram"] svg`).textContent();
  return (text ?? "").replaceAll("−", "-");
}

/**
 * The points of a chart's line, in data coordinates: its path read back through the chart's
 * own scales, so the test sees what the reader sees.
 */
function curve(page: Page, chapter: string, cell: string, description: string): Promise<[number, number][]> {
  return page.locator(`[data-chapter="${chapter}"] [data-cell="${cell}"]`).evaluate((root, description) => {
    type Scaled = Element & {scale(name: string): {invert(v: number): number}};
    const path = [...root.querySelectorAll(`g[aria-description="${description}"] path`)][0];
    let plot: Element | null = path;
    while (plot && !("scale" in plot)) plot = plot.parentElement;
    const numbers = (path?.getAttribute("d") ?? "").match(/-?[\d.]+(?:e-?\d+)?/g)?.map(Number) ?? [];
    const points: [number, number][] = [];
    for (let i = 0; i + 1 < numbers.length; i += 2) points.push([(plot as Scaled).scale("x").invert(numbers[i]), (plot as Scaled).scale("y").invert(numbers[i + 1])]);
    return points;
  }, description);
}

/** The labels of a chart's y axis, to see that its scale stays put. */
function yTicks(page: Page, chapter: string, cell: string): Promise<string[]> {
  return page.$$eval(`[data-chapter="${chapter}"] [data-cell="${cell}"] g[aria-label="y-axis tick label"] text`, (texts) => texts.map((t) => t.textContent ?? ""));
}

describe("neuron", () => {
  it("its output, in the cell and on the diagram, is σ(w1·x1 + w2·x2 + w3·x3 + b)", async () => {
    const {page} = opened;
    const settings = [
      {x1: 1, x2: 2, x3: -1, w1: 1.5, w2: -0.5, w3: 2, b: 1}, // as shipped
      {x1: -3, x2: 0.5, x3: 4, w1: 0.25, w2: -2, w3: 1.2, b: -0.7},
      {x1: 10, x2: -10, x3: 0, w1: -1, w2: -1, w3: 9, b: 2.5}
    ];
    for (const [k, s] of settings.entries()) {
      if (k > 0) for (const [name, v] of Object.entries(s)) await set(page, "neuron", name, v);
      const names = ["x1", "x2", "x3", "w1", "w2", "w3", "b"];
      expect(await Promise.all(names.map((n) => value(page, "neuron", n)))).toEqual(names.map((n) => s[n as keyof typeof s]));
      const sum = s.w1 * s.x1 + s.w2 * s.x2 + s.w3 * s.x3 + s.b;
      expect(await value<number>(page, "neuron", "sum")).toBeCloseTo(sum, 12);
      expect(await value<number>(page, "neuron", "output")).toBeCloseTo(sigmoid(sum), 12);
      const shown = await page.locator('[data-chapter="neuron"] [data-cell="diagram"] text.output').textContent();
      expect(+shown!.replace("−", "-")).toBeCloseTo(sigmoid(sum), 2);
      const shownSum = await page.locator('[data-chapter="neuron"] [data-cell="diagram"] text.sum').textContent();
      expect(+shownSum!.replace("−", "-")).toBeCloseTo(sum, 2);
    }
  });

  it("a slider moved with the keyboard changes the numbers on the diagram", async () => {
    const {page} = opened;
    await set(page, "neuron", "w2", 1);
    const before = await diagramText(page, "neuron");
    await nudge(page, "neuron", "w2", "ArrowRight", 7);
    expect(await value(page, "neuron", "w2")).toBeCloseTo(1.07, 10);
    const after = await diagramText(page, "neuron");
    expect(after).not.toBe(before);
    expect(after).toContain("1.07");
  });
});

describe.each(Object.keys(TABLES))("%s", (chapter) => {
  const {wi, wo, b} = TABLES[chapter];
  const n = wi.length;
  const names = (prefix: string) => Array.from({length: n}, (_, i) => `${prefix}${i + 1}`);

  it("starts at the lesson's table, with sliders from −10 to 10, and y(x) = Σ wo_i·σ(wi_i·x + b_i)", async () => {
    const {page} = opened;
    for (const [prefix, values] of [["wi", wi], ["wo", wo], ["b", b]] as const) {
      for (const [i, name] of names(prefix).entries()) {
        expect(await value(page, chapter, name), name).toBe(values[i]);
        const slider = page.locator(`[data-chapter="${chapter}"] [data-cell="viewof ${name}"] input[type=range]`);
        expect([await slider.getAttribute("min"), await slider.getAttribute("max")], name).toEqual(["-10", "10"]);
      }
    }
    const xs = [-10, -7.5, -3, -1, 0, 0.5, 2, 4.25, 8, 10];
    const reference = network(wi, b, wo);
    const ys = await valuesOf(page, chapter, "y", xs);
    xs.forEach((x, k) => expect(ys[k], `y(${x})`).toBeCloseTo(reference(x), 12));
    // The chart draws that same curve.
    const points = await curve(page, chapter, "chart", "y(x)");
    expect(points.length).toBeGreaterThan(200);
    for (const [x, y] of points) if (Math.abs(reference(x)) < 10) expect(Math.abs(y - reference(x))).toBeLessThan(0.05);
  });

  it("writes every weight and bias on the diagram", async () => {
    const {page} = opened;
    const text = await diagramText(page, chapter);
    for (const v of [...wi, ...wo]) expect(text).toContain(String(v));
    for (const v of b) expect(text).toContain(`b = ${v}`);
  });

  it("each slider changes the diagram's text and redraws y, on fixed axes", async () => {
    const {page} = opened;
    const ticks = await yTicks(page, chapter, "chart");
    for (const name of [...names("wi"), ...names("b"), ...names("wo")]) {
      const diagram = await diagramText(page, chapter);
      const chart = await drawn(page, chapter, "chart");
      await nudge(page, chapter, name, "ArrowRight", 3);
      expect(await diagramText(page, chapter), name).not.toBe(diagram);
      expect(await drawn(page, chapter, "chart"), name).not.toBe(chart);
      const v = (await value(page, chapter, name)) as number;
      expect(await diagramText(page, chapter), name).toContain(String(+v.toFixed(2)));
    }
    expect(await yTicks(page, chapter, "chart")).toEqual(ticks);
    // The chart follows the sliders wherever they are, and still matches the sum written here.
    const now = async (prefix: string) => Promise.all(names(prefix).map((name) => value<number>(page, chapter, name)));
    const reference = network(await now("wi"), await now("b"), await now("wo"));
    const xs = [-9, -2, 0, 3.3, 9];
    const ys = await valuesOf(page, chapter, "y", xs);
    xs.forEach((x, k) => expect(ys[k]).toBeCloseTo(reference(x), 12));
  });

  if (n > 1) {
    it("charts each neuron's contribution wo_i·h_i, and their sum is y", async () => {
      const {page} = opened;
      const now = async (prefix: string) => Promise.all(names(prefix).map((name) => value<number>(page, chapter, name)));
      const [wiNow, bNow, woNow] = [await now("wi"), await now("b"), await now("wo")];
      const subscripts = "₁₂₃₄";
      for (let i = 0; i < n; ++i) {
        const points = await curve(page, chapter, "contributions", `wo${subscripts[i]}·h${subscripts[i]}`);
        expect(points.length).toBeGreaterThan(100);
        for (const [x, c] of points) {
          const expected = woNow[i] * sigmoid(wiNow[i] * x + bNow[i]);
          if (Math.abs(expected) < 10) expect(Math.abs(c - expected)).toBeLessThan(0.1);
        }
      }
      const total = await curve(page, chapter, "contributions", "y");
      const reference = network(wiNow, bNow, woNow);
      for (const [x, y] of total) if (Math.abs(reference(x)) < 10) expect(Math.abs(y - reference(x))).toBeLessThan(0.1);
      const before = await drawn(page, chapter, "contributions");
      await nudge(page, chapter, "wo1", "ArrowLeft", 4);
      expect(await drawn(page, chapter, "contributions")).not.toBe(before);
    });
  }
});

describe("network-n", () => {
  /** A smooth target for the reference checks, as pairs at the widget's 201 points. */
  const smooth = (x: number) => 3 * Math.sin(x / 2) + 0.2 * x;
  const grid = Array.from({length: 201}, (_, i) => -10 + i / 10);

  type Hidden = {wi: number; b: number}[];

  /** Fits through the page's own cells, for a layer of m neurons and a target. */
  function fit(page: Page, m: number, points: [number, number][]): Promise<{hidden: Hidden; wo: number[]}> {
    return page.evaluate(
      async ([m, points]) => {
        const layer = (await window.playground.value("network-n", "hidden_layer")) as (n: number) => Hidden;
        const solve = (await window.playground.value("network-n", "fit_output_weights")) as (h: Hidden, p: [number, number][]) => number[];
        const hidden = layer(m as number);
        return {hidden, wo: solve(hidden, points as [number, number][])};
      },
      [m, points] as const
    );
  }

  /** Root mean square gap between the network and the target, computed here. */
  function rms(hidden: Hidden, wo: number[], points: [number, number][]): number {
    const y = network(hidden.map((h) => h.wi), hidden.map((h) => h.b), wo);
    return Math.sqrt(points.reduce((s, [x, t]) => s + (y(x) - t) ** 2, 0) / points.length);
  }

  it("starts with 10 neurons on the sine, and its y and error are the network's, computed here", async () => {
    const {page} = opened;
    expect(await value(page, "network-n", "n")).toBe(10);
    const slider = page.locator('[data-chapter="network-n"] [data-cell="viewof n"] input[type=range]');
    expect([await slider.getAttribute("min"), await slider.getAttribute("max")]).toEqual(["1", "50"]);
    const target = await value<[number, number][]>(page, "network-n", "target");
    expect(target.length).toBe(201);
    target.forEach(([x, t], i) => {
      expect(x).toBeCloseTo(grid[i], 12);
      expect(t).toBeCloseTo(6 * Math.sin(x / 2), 12);
    });
    const hidden = await value<Hidden>(page, "network-n", "hidden");
    const wo = await value<number[]>(page, "network-n", "wo");
    expect(hidden.length).toBe(10);
    expect(wo.length).toBe(10);
    const reference = network(hidden.map((h) => h.wi), hidden.map((h) => h.b), wo);
    const xs = [-10, -4.4, 0, 1.7, 10];
    const ys = await valuesOf(page, "network-n", "y", xs);
    xs.forEach((x, k) => expect(ys[k]).toBeCloseTo(reference(x), 12));
    expect(await value<number>(page, "network-n", "error")).toBeCloseTo(rms(hidden, wo, target), 12);
  });

  it("the output weights satisfy the normal equations, and match a least-squares solve by QR", async () => {
    const {page} = opened;
    const points = grid.map((x): [number, number] => [x, smooth(x)]);
    for (const m of [1, 2, 7, 25, 50]) {
      const {hidden, wo} = await fit(page, m, points);
      expect(hidden.length).toBe(m);
      // H[k][i] = σ(wi_i·x_k + b_i); the normal equations say Hᵀ(H·wo − t) = 0.
      const H = points.map(([x]) => hidden.map(({wi, b}) => sigmoid(wi * x + b)));
      const residual = points.map(([, t], k) => H[k].reduce((s, h, i) => s + h * wo[i], 0) - t);
      for (let i = 0; i < m; ++i) {
        const gradient = H.reduce((s, row, k) => s + row[i] * residual[k], 0);
        const scale = H.reduce((s, row, k) => s + Math.abs(row[i] * points[k][1]), 0);
        expect(Math.abs(gradient) / scale, `m = ${m}, equation ${i + 1}`).toBeLessThan(1e-9);
      }
      // An independent solve: Gram–Schmidt QR of H, then back substitution of R·wo = Qᵀt.
      const Q = H.map((row) => [...row]);
      const R = Array.from({length: m}, () => new Array<number>(m).fill(0));
      for (let j = 0; j < m; ++j) {
        for (let i = 0; i < j; ++i) {
          R[i][j] = Q.reduce((s, row) => s + row[i] * row[j], 0);
          for (const row of Q) row[j] -= R[i][j] * row[i];
        }
        R[j][j] = Math.sqrt(Q.reduce((s, row) => s + row[j] ** 2, 0));
        for (const row of Q) row[j] /= R[j][j];
      }
      const qt = Array.from({length: m}, (_, j) => Q.reduce((s, row, k) => s + row[j] * points[k][1], 0));
      const reference = new Array<number>(m);
      for (let i = m - 1; i >= 0; --i) {
        let s = qt[i];
        for (let k = i + 1; k < m; ++k) s -= R[i][k] * reference[k];
        reference[i] = s / R[i][i];
      }
      const largest = Math.max(...reference.map(Math.abs));
      wo.forEach((w, i) => expect(Math.abs(w - reference[i]) / largest, `m = ${m}, wo${i + 1}`).toBeLessThan(1e-6));
    }
  });

  it("on a smooth target the error shrinks as the neurons grow in number", async () => {
    const {page} = opened;
    const points = grid.map((x): [number, number] => [x, smooth(x)]);
    const errors: number[] = [];
    for (const m of [8, 16, 32, 50]) {
      const {hidden, wo} = await fit(page, m, points);
      errors.push(rms(hidden, wo, points));
    }
    for (let i = 1; i < errors.length; ++i) expect(errors[i]).toBeLessThan(errors[i - 1]);
    expect(errors.at(-1)).toBeLessThan(0.02);
    // And the page says the same as the reader moves the slider: the shown error falls.
    await set(page, "network-n", "target", points);
    await set(page, "network-n", "n", 8);
    const few = await value<number>(page, "network-n", "error");
    await nudge(page, "network-n", "n", "ArrowRight", 24);
    expect(await value(page, "network-n", "n")).toBe(32);
    const many = await value<number>(page, "network-n", "error");
    expect(few).toBeCloseTo(errors[0], 10);
    expect(many).toBeCloseTo(errors[2], 10);
    await expect(page.locator('[data-chapter="network-n"] .prose').filter({hasText: "misses the target by"}).textContent()).resolves.toContain(many.toFixed(3));
  });

  it("a preset button replaces the target with its curve, and the network refits", async () => {
    const {page} = opened;
    await set(page, "network-n", "n", 20);
    const before = await drawn(page, "network-n", "viewof target");
    const wo = await value<number[]>(page, "network-n", "wo");
    await page.locator('[data-chapter="network-n"] [data-preset="step"]').click();
    await idle(page);
    const target = await value<[number, number][]>(page, "network-n", "target");
    target.forEach(([x, t]) => expect(t).toBe(x < 0 ? -4 : 4));
    expect(await value<number[]>(page, "network-n", "wo")).not.toEqual(wo);
    expect(await drawn(page, "network-n", "viewof target")).not.toBe(before);
    await expect(page.locator('[data-chapter="network-n"] [data-preset="step"]').getAttribute("aria-pressed")).resolves.toBe("true");
  });

  it("drawing on the chart with the mouse changes the target and the fit", async () => {
    const {page} = opened;
    await page.locator('[data-chapter="network-n"] [data-preset="sine"]').click();
    await set(page, "network-n", "n", 12);
    const chart = page.locator('[data-chapter="network-n"] [data-cell="viewof target"]');
    await chart.scrollIntoViewIfNeeded();
    const before = {picture: await drawn(page, "network-n", "viewof target"), wo: await value<number[]>(page, "network-n", "wo"), error: await value<number>(page, "network-n", "error")};
    // Where the axes' own labels sit tells where x = −4, x = 4 and y = 8 are on the screen.
    const at = (axis: "x" | "y", label: string) =>
      chart.locator(`g[aria-label="${axis}-axis tick label"] text`, {hasText: new RegExp(`^${label}$`)}).evaluate((t, axis) => {
        const box = t.getBoundingClientRect();
        return axis === "x" ? box.x + box.width / 2 : box.y + box.height / 2;
      }, axis);
    const [left, right, high] = [await at("x", "−4"), await at("x", "4"), await at("y", "8")];
    await page.mouse.move(left, high);
    await page.mouse.down();
    await page.mouse.move(right, high, {steps: 10});
    await page.mouse.up();
    await idle(page);
    const target = await value<[number, number][]>(page, "network-n", "target");
    for (const [x, t] of target) {
      if (x > -3.9 && x < 3.9) expect(Math.abs(t - 8), `target at x = ${x}`).toBeLessThan(0.2);
      else if (x < -4.5 || x > 4.5) expect(t).toBeCloseTo(6 * Math.sin(x / 2), 12);
    }
    const wo = await value<number[]>(page, "network-n", "wo");
    expect(wo).not.toEqual(before.wo);
    // The refit follows the new plateau and is still the least-squares one for it.
    const hidden = await value<Hidden>(page, "network-n", "hidden");
    const y = network(hidden.map((h) => h.wi), hidden.map((h) => h.b), wo);
    expect(Math.abs(y(0) - 8)).toBeLessThan(1);
    expect(await value<number>(page, "network-n", "error")).toBeCloseTo(rms(hidden, wo, target), 12);
    expect(await value<number>(page, "network-n", "error")).not.toBeCloseTo(before.error, 3);
    expect(await drawn(page, "network-n", "viewof target")).not.toBe(before.picture);
    // The chart's curve is the network's, drawn over the reader's target.
    const points = await curve(page, "network-n", "viewof target", "network");
    for (const [x, v] of points) if (Math.abs(y(x)) < 10) expect(Math.abs(v - y(x))).toBeLessThan(0.05);
    const presets = await page.$$eval('[data-chapter="network-n"] [data-preset]', (bs) => bs.map((b) => b.getAttribute("aria-pressed")));
    expect(presets.every((p) => p === "false")).toBe(true);
  });
});
