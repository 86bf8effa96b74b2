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

  it("keeps the layers' scales equal when the chart's height comes from its aspect ratio", () => {
    const chart = layered({width: 864, aspectRatio: 1, grid: true, x: {domain: [0, 9], label: "x"}, y: {domain: [-1, 6], label: "y"}}, []);
    const [base, top] = chart.querySelectorAll("svg") as unknown as (SVGSVGElement & {scale(n: string): {range: number[]}})[];
    expect(top.getAttribute("height")).toBe(base.getAttribute("height"));
    expect(top.scale("y").range).toEqual(base.scale("y").range);
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

  it("puts the layer over the plot, not over its legend", () => {
    const chart = layered({...options, color: {legend: true, domain: ["a", "b"]}}, [Plot.dot([[1, 2, "a"]], {x: "0", y: "1", fill: "2"})]);
    const figure = chart.querySelector("figure")!;
    const [plot, top] = [...figure.querySelectorAll(":scope > div > svg")];
    expect(plot.parentElement).toBe(top.parentElement);
    expect(plot.parentElement!.style.position).toBe("relative");
    expect(figure.querySelector(":scope > div > svg:first-child")).toBe(plot);
    chart.mark([Plot.line([[0, 0], [9, 5]])]);
    expect(figure.querySelectorAll(":scope > div > svg")).toHaveLength(2);
  });

  it("with reuse, keeps the chart below when the options are the same and draws only the layer on top", () => {
    const first = layered({...options, grid: true}, [Plot.ruleY([0])], [Plot.line([[0, 0], [9, 5]])]);
    const [base, top] = first.querySelectorAll("svg");
    const before = top.querySelector("path")!.getAttribute("d");
    const again = layered({...options, grid: true, reuse: first}, [Plot.ruleY([0])], [Plot.line([[0, 1], [9, 6]])]);
    expect(again).toBe(first);
    expect(again.querySelector("svg")).toBe(base);
    expect(again.querySelectorAll("svg")).toHaveLength(2);
    expect(again.querySelectorAll("svg")[1].querySelector("path")!.getAttribute("d")).not.toBe(before);
    // Other options (a new width, another tick format) draw it all again; so does anything else given as reuse.
    expect(layered({...options, grid: true, width: 500, reuse: first}, [], [])).not.toBe(first);
    expect(layered({...options, grid: true, x: {...options.x, tickFormat: (d: number) => `${d}!`}, reuse: first}, [], [])).not.toBe(first);
    expect(layered({...options, grid: true, reuse: document.createElement("div")}, [], [])).not.toBe(first);
  });

  // What the top layer's svg holds, its clip paths' numbers aside.
  const drawing = (svg: Element) => svg.innerHTML.replace(/plot-clip-\d+/g, "clip");
  const topOf = (chart: Element) => chart.querySelectorAll("svg")[1];
  const fresh = (marks: Plot.Markish[]) => topOf(layered(options, [], marks));

  it("redraws the top layer in its own svg, drawing the marks as a new chart would", () => {
    const moving = (w: number) => [
      Plot.line([0, 9], {x: (x: number) => x, y: (x: number) => w * x, stroke: "red", strokeWidth: 3, clip: true}),
      Plot.dot([[4, w]], {x: "0", y: "1", r: 5, fill: "red"}),
      Plot.ruleX([w], {strokeDasharray: "2 3"}),
      Plot.text([`w = ${w}`], {frameAnchor: "top-left", dx: 6, dy: 6})
    ];
    const chart = layered(options, [Plot.ruleY([0])], moving(0.2));
    const top = topOf(chart);
    chart.mark(moving(0.5));
    expect(topOf(chart)).toBe(top);
    expect(drawing(top)).toBe(drawing(fresh(moving(0.5))));
    chart.mark([]);
    expect(top.querySelectorAll("g")).toHaveLength(0);
  });

  it("leaves the marks drawn as before untouched", () => {
    const marks = (w: number) => [Plot.ruleY([1]), Plot.line([0, 9], {x: (x: number) => x, y: (x: number) => w * x})];
    const chart = layered(options, [], marks(0.2));
    const [rule, line] = topOf(chart).querySelectorAll(":scope > g");
    chart.mark(marks(0.5));
    const [rule2, line2] = topOf(chart).querySelectorAll(":scope > g");
    expect(rule2).toBe(rule);
    expect(line2).not.toBe(line);
    expect(drawing(topOf(chart))).toBe(drawing(fresh(marks(0.5))));
  });

  it("draws a new top layer for marks that need more than the chart's scales: a tip, a colour scale", () => {
    const chart = layered(options, []);
    const top = topOf(chart);
    const tipped = [Plot.dot([[1, 2]], {x: "0", y: "1", tip: true})];
    chart.mark(tipped);
    expect(topOf(chart)).not.toBe(top);
    expect(drawing(topOf(chart))).toBe(drawing(fresh(tipped)));
    const pointing = [Plot.tip([[1, 2]], Plot.pointer({x: "0", y: "1"}))];
    const before = topOf(chart);
    chart.mark(pointing);
    expect(topOf(chart)).not.toBe(before);
    const coloured = [Plot.dot([[1, 2, "a"], [3, 4, "b"]], {x: "0", y: "1", fill: "2"})];
    chart.mark(coloured);
    expect(drawing(topOf(chart))).toBe(drawing(fresh(coloured)));
  });

  it("keeps the last marks when new ones throw", () => {
    const chart = layered(options, [], [Plot.line([[0, 0], [9, 5]])]);
    const before = drawing(topOf(chart));
    const broken = Plot.line([0, 9], {x: (x: number) => x, y: () => { throw new Error("y is broken"); }});
    expect(() => chart.mark([Plot.dot([[1, 1]], {x: "0", y: "1"}), broken])).toThrow("y is broken");
    expect(drawing(topOf(chart))).toBe(before);
  });

  it("asks for fixed domains, which keep the layers' scales equal", () => {
    expect(() => layered({width: 400, height: 200, x: {domain: [0, 1]}}, [])).toThrow(/y needs a fixed domain/);
  });
});
