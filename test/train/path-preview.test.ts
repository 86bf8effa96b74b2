import {describe, expect, it, vi} from "vitest";
import {previewPath} from "../../src/train/path-preview.js";

const data: [number, number][] = [[1, 0.85], [2, 1.43], [3, 1.92], [4, 2.59], [5, 3.2], [6, 3.82], [7, 4.38], [8, 4.97]];
const updateAt = (rate: number) => ({w, b}: {w: number; b: number}) => {
  let dw = 0, db = 0;
  for (const [x, target] of data) {
    const error = w * x + b - target;
    dw += error * x;
    db += error;
  }
  return {w: w - rate * dw, b: b - rate * db};
};

describe("previewPath", () => {
  it("is the walk training takes, to the bit, interleaved in one typed array", () => {
    const update = updateAt(0.001);
    const path = previewPath({w: 1, b: 0}, update, 300);
    expect(path).toBeInstanceOf(Float64Array);
    expect(path.length).toBe(301 * 2);
    let state = {w: 1, b: 0};
    for (let i = 1; i <= 300; ++i) state = update(state);
    expect([path[600], path[601]]).toEqual([state.w, state.b]);
    expect([path[0], path[1]]).toEqual([1, 0]);
  });

  it("takes fields in the order asked for, and arrays as they are", () => {
    const path = previewPath({b: 0, w: 1}, updateAt(0.001), 1, {keys: ["w", "b"]});
    expect(path[0]).toBe(1);
    const arrays = previewPath([1, 2], ([a, b]) => [a * 2, b + 1], 3);
    expect(Array.from(arrays)).toEqual([1, 2, 2, 3, 4, 4, 8, 5]);
  });

  it("stops a diverging walk once it overshoots far, keeping that stride", () => {
    const update = vi.fn(updateAt(0.05));
    const path = previewPath({w: 1, b: 0}, update, 1000);
    const n = path.length / 2;
    expect(n).toBeLessThan(100);
    expect(update).toHaveBeenCalledTimes(n - 1);
    expect(Math.abs(path[path.length - 2])).toBeGreaterThan(1e6);
    expect(Array.from(path).every(Number.isFinite)).toBe(true);
  });

  it("drops a step that is no longer a number", () => {
    const path = previewPath([1], ([x]) => [x < 4 ? x * 2 : NaN], 10);
    expect(Array.from(path)).toEqual([1, 2, 4]);
  });

  it("with no steps is the start alone", () => {
    expect(Array.from(previewPath({w: 1, b: 0}, updateAt(0.001), 0))).toEqual([1, 0]);
    expect(() => previewPath({w: 1}, (p) => p, -1)).toThrow(/invalid steps/);
  });
});
