import {describe, expect, it} from "vitest";
import {sampleGrid, zExtent} from "../../src/draw/grid.js";

describe("sampleGrid", () => {
  it("stores rows of constant y: z[j * nx + i] = f(x[i], y[j])", () => {
    const f = (x: number, y: number) => 10 * x + y;
    const grid = sampleGrid(f, [0, 2], [-1, 1], 3);
    expect([...grid.x]).toEqual([0, 1, 2]);
    expect([...grid.y]).toEqual([-1, 0, 1]);
    expect([...grid.z]).toEqual([-1, 9, 19, 0, 10, 20, 1, 11, 21]);
    expect(grid).toMatchObject({nx: 3, ny: 3, zMin: -1, zMax: 21});
  });

  it("hits both ends of each domain exactly, 41 samples by default", () => {
    const grid = sampleGrid(() => 0, [-1, 3], [-3, 5]);
    expect(grid.nx).toBe(41);
    expect([grid.x[0], grid.x[40], grid.y[0], grid.y[40], grid.x[10]]).toEqual([-1, 3, -3, 5, 0]);
  });

  it("keeps non-finite values out of the range, as NaN", () => {
    const grid = sampleGrid((x, y) => (x === 0 ? Infinity : x * y), [-1, 1], [1, 2], 3);
    expect(grid.z[1]).toBeNaN();
    expect([grid.zMin, grid.zMax]).toEqual([-2, 2]);
    expect(sampleGrid(() => NaN, [0, 1], [0, 1], 2).zMin).toBeNaN();
  });

  it("says what is wrong with its arguments", () => {
    expect(() => sampleGrid((x) => x, [1, 1], [0, 1])).toThrow("sampleGrid: invalid xDomain; not two different finite numbers: [1,1]");
    expect(() => sampleGrid((x) => x, [0, 1], [0, 1], 1)).toThrow("sampleGrid: invalid n; not an integer ≥ 2: 1");
  });
});

describe("zExtent", () => {
  it("uses the range, widened when flat, or the domain given", () => {
    expect(zExtent(sampleGrid((x) => x, [0, 1], [0, 1], 2))).toEqual([0, 1]);
    expect(zExtent(sampleGrid(() => 3, [0, 1], [0, 1], 2))).toEqual([2, 4]);
    expect(zExtent(sampleGrid(() => 3, [0, 1], [0, 1], 2), [0, 10])).toEqual([0, 10]);
    expect(() => zExtent(sampleGrid(() => 3, [0, 1], [0, 1], 2), [1, 0])).toThrow("invalid zDomain");
  });
});
