import {describe, expect, it} from "vitest";
import {dataDomains, landscapeWindow, paddedDomain} from "../../src/data/domains.js";
import type {Pair} from "../../src/data/csv.js";

const lesson: Pair[] = [[1, 0.85], [2, 1.43], [3, 1.92], [4, 2.59], [5, 3.2], [6, 3.82], [7, 4.38], [8, 4.97]];
const loss = (data: Pair[], w: number, b: number) => data.reduce((s, [x, t]) => s + (w * x + b - t) ** 2, 0) / 2;

describe("paddedDomain", () => {
  it("holds every value with room to spare, on nice numbers", () => {
    expect(paddedDomain([1, 8])).toEqual([0, 9]);
    expect(paddedDomain([0.85, 4.97], {include: [0]})).toEqual([-0.5, 5.5]);
    const [lo, hi] = paddedDomain([1, 8], {nice: false});
    expect(lo).toBeCloseTo(0.3, 12);
    expect(hi).toBeCloseTo(8.7, 12);
  });

  it("never collapses: one value, none, or only non-numbers", () => {
    expect(paddedDomain([3, 3])).toEqual([2, 4]);
    expect(paddedDomain([500])).toEqual([450, 550]);
    expect(paddedDomain([])).toEqual([0, 1]);
    expect(paddedDomain([NaN, Infinity])).toEqual([0, 1]);
  });

  it("fits data of any units", () => {
    const {x, y} = dataDomains([[1990, 0.002], [2020, 0.009]]);
    expect(x[0]).toBeLessThan(1990);
    expect(x[1]).toBeGreaterThan(2020);
    expect(x[1] - x[0]).toBeLessThan(60);
    expect(y[0]).toBeLessThanOrEqual(0.002);
    expect(y[1] - y[0]).toBeLessThan(0.02);
  });
});

describe("landscapeWindow", () => {
  it("is centred on the least-squares line, checked against the normal equations' answer", () => {
    const {best, w, b} = landscapeWindow(lesson);
    // Least squares for the lesson's data: w ≈ 0.594, b ≈ 0.222 (the descent chapter's answer).
    expect(best![0]).toBeCloseTo(0.594048, 5);
    expect(best![1]).toBeCloseTo(0.221786, 5);
    expect(w[0]).toBeLessThan(best![0]);
    expect(w[1]).toBeGreaterThan(best![0]);
    expect(b[0]).toBeLessThan(best![1]);
    expect(b[1]).toBeGreaterThan(best![1]);
  });

  it("reaches the contour of the flat line at the mean: its w and b ends are on or outside it", () => {
    for (const data of [lesson, lesson.map(([x, y]): Pair => [x * 100, y * 0.01 + 3])]) {
      const {best, w, b} = landscapeWindow(data, {pad: 0, reach: 1});
      const mean = data.reduce((s, d) => s + d[1], 0) / data.length;
      const flat = loss(data, 0, mean);
      // Along w through the best line, the window's edges lie at (or, rounded out, past) that contour.
      expect(loss(data, w[0], best![1])).toBeGreaterThanOrEqual(flat * 0.999);
      expect(loss(data, w[1], best![1])).toBeGreaterThanOrEqual(flat * 0.999);
      expect(loss(data, best![0], b[0])).toBeGreaterThanOrEqual(flat * 0.999);
      // …and not absurdly far beyond it, after rounding out to nice numbers: at most about three
      // times as far from the best line (the loss grows as the square of the distance).
      expect(loss(data, w[1], best![1])).toBeLessThan(flat * 10);
    }
  });

  it("holds the points asked for, and zooms in with a smaller reach", () => {
    const {w, b} = landscapeWindow(lesson, {include: [[3, -6]]});
    expect(w[1]).toBeGreaterThanOrEqual(3);
    expect(b[0]).toBeLessThanOrEqual(-6);
    const near = landscapeWindow(lesson, {reach: 0.3});
    const far = landscapeWindow(lesson);
    expect(near.w[1] - near.w[0]).toBeLessThan(far.w[1] - far.w[0]);
  });

  it("has a window even when least squares has no single answer", () => {
    expect(landscapeWindow([[2, 1], [2, 3]])).toEqual({w: [-1.2, 1.2], b: [0.8, 3.2], best: null});
    expect(landscapeWindow([]).best).toBeNull();
    expect(() => landscapeWindow(lesson, {reach: 0})).toThrow(/invalid reach/);
  });
});
