import {describe, expect, it} from "vitest";
import * as Plot from "@observablehq/plot";
import {layered} from "../../src/draw/layered.js";

describe("layered", () => {
  const options = {width: 400, height: 200, x: {domain: [0, 9]}, y: {domain: [-1, 7]}};

  it("stacks a layer with the same size and scales as the chart below", () => {
    const chart = layered(options, [Plot.dot([[1, 2]], {x: "0", y: "1"})]);
    const [base, top] = chart.querySelectorAll("svg") as unknown as (SVGSVGElement & {scale(n: string): {apply(v: number): number}})[];
    expect([top.getAttribute("width"), top.getAttribute("height")]).toEqual([base.getAttribute("width"), base.getAttribute("height")]);
    for (const v of [0, 4.5, 9]) expect(top.scale("x").apply(v)).toBe(base.scale("x").apply(v));
    for (const v of [-1, 3, 7]) expect(top.scale("y").apply(v)).toBe(base.scale("y").apply(v));
  });

  it("mark() replaces only the top layer", () => {
    const chart = layered(options, [Plot.dot([[1, 2]], {x: "0", y: "1"})]);
    const base = chart.querySelector("svg");
    chart.mark([Plot.line([[0, 0], [9, 5]])]);
    chart.mark([Plot.line([[0, 1], [9, 6]])]);
    expect(chart.querySelector("svg")).toBe(base);
    expect(chart.querySelectorAll("svg")).toHaveLength(2);
    expect(chart.querySelectorAll("svg")[1].querySelector("path")).not.toBeNull();
  });

  it("asks for fixed domains, which keep the layers' scales equal", () => {
    expect(() => layered({width: 400, height: 200, x: {domain: [0, 1]}}, [])).toThrow(/y needs a fixed domain/);
  });
});
