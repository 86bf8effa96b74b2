import {describe, expect, it} from "vitest";
import {sampleCurve} from "../../src/widgets/draw-curve.js";

describe("a drawn curve set from its own value", () => {
  it("keeps every bit (a fork of a fork exports the same target)", () => {
    const xs = Array.from({length: 201}, (_, i) => (-3 * (200 - i) + 3 * i) / 200);
    const first = sampleCurve((x) => Math.sin(7 * x) * 1.3 + 1e-9 * x, xs, [-5, 5]);
    const pairs = xs.map((x, i) => [x, first[i]] as [number, number]);
    const again = sampleCurve(pairs, xs, [-5, 5]);
    expect([...again]).toEqual([...first]);
    expect(sampleCurve([...again].map((y, i) => [xs[i], y] as [number, number]), xs, [-5, 5])).toEqual(again);
  });
});
