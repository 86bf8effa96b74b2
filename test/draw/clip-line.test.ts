import {describe, expect, it} from "vitest";
import {clipLine, type Boundary} from "../../src/draw/clip-line.js";

const box: [[number, number], [number, number]] = [[-3, 3], [-2, 2]];

/** Sorted ends, so a test doesn't depend on which end comes first. */
function ends(line: Boundary) {
  const segment = clipLine(line, ...box);
  return segment && segment.map((p) => p.map((v) => +v.toFixed(9))).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

describe("clipLine", () => {
  it("clips horizontal and vertical lines to the rectangle's width and height", () => {
    expect(ends({w1: 0, w2: 2, b: -2})).toEqual([[-3, 1], [3, 1]]); // y = 1
    expect(ends({w1: 1, w2: 0, b: 0.5})).toEqual([[-0.5, -2], [-0.5, 2]]); // x = −0.5
  });

  it("ends a slanted line where it leaves the rectangle, on the line", () => {
    const line = {w1: 1.5, w2: -1, b: 0.5};
    const segment = ends(line)!;
    expect(segment).toEqual([[-1.666666667, -2], [1, 2]]);
    for (const [x, y] of clipLine(line, ...box)!) expect(line.w1 * x + line.w2 * y + line.b).toBeCloseTo(0, 12);
  });

  it("runs corner to corner along a diagonal", () => {
    expect(ends({w1: 2, w2: -3, b: 0})).toEqual([[-3, -2], [3, 2]]);
  });

  it("is null when the line misses the rectangle or is no line", () => {
    expect(clipLine({w1: 0, w2: 1, b: -5}, ...box)).toBeNull();
    expect(clipLine({w1: 0, w2: 0, b: 1}, ...box)).toBeNull();
    expect(clipLine({w1: NaN, w2: 1, b: 0}, ...box)).toBeNull();
  });
});
