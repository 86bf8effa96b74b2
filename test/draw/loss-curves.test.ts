import {describe, expect, it} from "vitest";
import * as Plot from "@observablehq/plot";
import {lossCurves, lossDomain} from "../../src/draw/loss-curves.js";

const chart = (marks: Plot.Markish[]) =>
  Plot.plot({width: 400, height: 200, x: {domain: [0, 10]}, y: {type: "log", domain: [0.01, 100]}, marks});

describe("lossCurves", () => {
  it("draws one line per run in its colour, leaving out what a log axis cannot show", () => {
    const svg = chart(lossCurves([
      {iterations: [0, 1, 2, 3], losses: [10, 5, 0, 1], color: "red"},
      {iterations: Float64Array.from([0, 5, 10]), losses: Float64Array.from([50, 20, Infinity]), color: "blue", dashed: true}
    ]));
    const red = svg.querySelector("[aria-label=line][stroke=red] path")!.getAttribute("d")!;
    expect(red.split("L")).toHaveLength(3); // the loss of 0 is left out
    const blue = svg.querySelector("[aria-label=line][stroke=blue]")!;
    expect(blue.querySelector("path")!.getAttribute("d")!.split("L")).toHaveLength(2); // overflowed: left out
    expect(svg.querySelector("[aria-label=line][stroke=blue]")!.getAttribute("stroke-dasharray")).toBe("5 4");
  });

  it("marks the moment shown with a rule, and its loss with a dot", () => {
    const svg = chart(lossCurves([], {at: {iteration: 4, loss: 2, color: "green"}}));
    expect(svg.querySelector("[aria-label=rule]")).not.toBeNull();
    expect(svg.querySelector("[aria-label=dot] circle")!.closest("[fill]")!.getAttribute("fill")).toBe("green");
    const none = chart(lossCurves([], {at: {iteration: 4, loss: 0}}));
    expect(none.querySelector("[aria-label=dot]")).toBeNull();
  });

  it("names a run whose columns disagree", () => {
    expect(() => lossCurves([{iterations: [0, 1], losses: [1]}])).toThrow(/2 iterations but 1 losses/);
  });
});

describe("lossDomain", () => {
  it("is whole powers of ten around every loss, at least the given range", () => {
    expect(lossDomain([{losses: [3, 0.5]}])).toEqual([0.01, 100]);
    expect(lossDomain([{losses: [3, 0.0004]}, {losses: [2000, NaN, 0, -1]}])).toEqual([0.0001, 10000]);
  });
});
