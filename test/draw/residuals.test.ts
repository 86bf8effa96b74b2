// @vitest-environment jsdom
import * as Plot from "@observablehq/plot";
import {describe, expect, it} from "vitest";
import {residuals} from "../../src/draw/residuals.js";

const data: [number, number][] = [[1, 3], [2, 1], [3, 3]];
const y = (x: number) => x;

describe("residuals", () => {
  it("draws one segment per point, from the point to the line", () => {
    const chart = Plot.plot({width: 400, height: 400, x: {domain: [0, 4]}, y: {domain: [0, 4]}, marks: residuals(data, y)});
    const lines = [...chart.querySelectorAll("[aria-label=link] path")].map((p) => p.getAttribute("d"));
    // Domain [0, 4] over [40, 380] and [370, 20] (Plot's default margins): 85 and 87.5 px per unit.
    expect(lines).toEqual(["M125,107.5L125,282.5", "M210,282.5L210,195", "M295,107.5L295,107.5"]);
  });

  it("with squares, adds a square of side |residual| beside each segment, in data units", () => {
    const chart = Plot.plot({width: 400, height: 400, x: {domain: [0, 4]}, y: {domain: [0, 4]}, marks: residuals(data, y, {squares: true})});
    const rects = [...chart.querySelectorAll("[aria-label=rect] rect")].map((r) => ["x", "y", "width", "height"].map((a) => +r.getAttribute(a)!));
    expect(rects).toEqual([
      [125, 107.5, 170, 175], // residual 2: two units wide, two units tall
      [210, 195, 85, 87.5], // residual −1: one unit each way
      [295, 107.5, 0, 0]
    ]);
  });

  it("says which datum is not a pair of numbers", () => {
    expect(() => residuals([[1, 2], [3, "4"]] as unknown as [number, number][], y)).toThrow("residuals: data[1] is not a pair of numbers");
  });
});
