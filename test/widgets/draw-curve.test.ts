import {describe, expect, it} from "vitest";
import * as Plot from "@observablehq/plot";
import {drawCurve, paintStroke, sampleCurve} from "../../src/widgets/draw-curve.js";

const grid = (n: number, lo = -10, hi = 10) => Array.from({length: n}, (_, i) => lo + ((hi - lo) * i) / (n - 1));

describe("paintStroke", () => {
  it("sets every sample between the stroke's ends to the straight line joining them", () => {
    const xs = grid(21);
    const ys = new Float64Array(21);
    paintStroke(ys, xs, [-5, 2], [5, -2]); // runs right to left just as well
    xs.forEach((x, i) => expect(ys[i]).toBeCloseTo(x >= -5 && x <= 5 ? 2 - ((x + 5) / 10) * 4 : 0, 12));
  });

  it("a stroke that crosses no sample still moves the one nearest its end", () => {
    const xs = grid(21);
    const ys = new Float64Array(21);
    paintStroke(ys, xs, [0.2, 3], [0.3, 4]);
    expect([...ys].filter((y) => y !== 0)).toEqual([4]);
    expect(ys[10]).toBe(4);
  });
});

describe("sampleCurve", () => {
  it("evaluates a function and joins pairs with straight lines, clamped to the y domain", () => {
    const xs = [-2, -1, 0, 1, 2];
    expect([...sampleCurve((x) => x * x, xs, [-10, 3])]).toEqual([3, 1, 0, 1, 3]);
    expect([...sampleCurve([[1, 10], [-1, 0]], xs, [-10, 10])]).toEqual([0, 0, 5, 10, 10]);
  });

  it("says which pair is broken", () => {
    expect(() => sampleCurve([[0, 1], [2, Number.NaN]], [0], [0, 1])).toThrow("drawCurve: value[1] is not a pair of numbers");
  });
});

describe("drawCurve", () => {
  const presets = {flat: () => 1, line: (x: number) => x / 2};

  it("is an input: starts at its first preset, and a preset button sets the curve and fires input", () => {
    const widget = drawCurve({presets, samples: 11});
    expect(widget.value).toEqual(grid(11).map((x) => [x, 1]));
    let fired = 0;
    widget.addEventListener("input", () => ++fired);
    widget.querySelector<HTMLButtonElement>('[data-preset="line"]')!.click();
    expect(fired).toBe(1);
    expect(widget.value).toEqual(grid(11).map((x) => [x, x / 2]));
    expect(widget.querySelector('[data-preset="line"]')!.getAttribute("aria-pressed")).toBe("true");
  });

  it("setting .value redraws without firing input, as Inputs do", () => {
    const widget = drawCurve({presets, samples: 5, value: "line"});
    let fired = 0;
    widget.addEventListener("input", () => ++fired);
    const before = widget.innerHTML;
    widget.value = [[-10, 0], [10, 4]];
    expect(widget.value.map(([, y]) => y)).toEqual([0, 1, 2, 3, 4]);
    expect(widget.innerHTML).not.toBe(before);
    expect(fired).toBe(0);
  });

  it("overlay draws marks over the curve and leaves the curve alone", () => {
    const widget = drawCurve({presets, samples: 5});
    const value = widget.value;
    const paths = widget.querySelectorAll("path").length;
    widget.overlay([Plot.line([[-10, 0], [10, 0]])]);
    expect(widget.querySelectorAll("path").length).toBeGreaterThan(paths);
    expect(widget.value).toEqual(value);
  });

  it("rejects what it cannot draw, in the reader's terms", () => {
    expect(() => drawCurve({x: [1, 1]})).toThrow("drawCurve: invalid x; not two ascending finite numbers: [1,1]");
    expect(() => drawCurve({presets, value: "wiggle"})).toThrow('drawCurve: no preset named "wiggle"');
  });
});
