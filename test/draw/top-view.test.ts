// @vitest-environment jsdom
import {beforeAll, describe, expect, it} from "vitest";
import {sampleGrid} from "../../src/draw/grid.js";
import {topView} from "../../src/draw/top-view.js";
import {installCanvas} from "./canvas.js";

beforeAll(() => installCanvas(window));

const grid = sampleGrid((x, y) => x * x + y * y, [-2, 2], [-1, 1], 21);

/** The base chart and the overlay stacked on it. */
function charts(view: Element): [SVGSVGElement, SVGSVGElement] {
  const [base, overlay] = view.querySelectorAll<SVGSVGElement>(":scope > div > svg");
  return [base, overlay];
}

describe("topView", () => {
  it("stacks a transparent overlay of the same size exactly on the base chart", () => {
    const view = topView(grid, {width: 500, height: 300, labels: {x: "w", y: "b"}});
    const [base, overlay] = charts(view);
    for (const name of ["width", "height", "viewBox"]) expect(overlay.getAttribute(name)).toBe(base.getAttribute(name));
    expect(overlay.getAttribute("style")).toContain("position: absolute");
    expect(base.querySelector("[aria-label='heat map'] canvas")).not.toBeNull();
    expect(base.querySelector("[aria-label=contour] path")).not.toBeNull();
    expect(overlay.querySelector("[aria-label^=x-axis], [aria-label^=y-axis]")).toBeNull();
  });

  it("mark replaces only the overlay; the heat map is drawn once", () => {
    const view = topView(grid, {width: 500, height: 300});
    const [base] = charts(view);
    const image = base.querySelector("canvas")!;
    view.mark({point: [1, 0.5], path: [[-2, 1], [0, 0.5], [1, 0.5]], arrow: {from: [1, 0.5], to: [0.5, 0.2]}});
    const [base2, overlay] = charts(view);
    expect(base2).toBe(base);
    expect(base2.querySelector("canvas")).toBe(image);
    expect(overlay.querySelectorAll("[aria-label=dot] circle")).toHaveLength(4); // 3 on the path, 1 point
    expect(overlay.querySelector("[aria-label=arrow] path")).not.toBeNull();
    view.mark({});
    expect(charts(view)[1].querySelector("circle")).toBeNull();
  });

  it("mark draws the overlay again in its own svg, and only what it was given last", () => {
    const view = topView(grid, {width: 500, height: 300});
    const overlay = charts(view)[1];
    const marks = {point: [1, 0.5], path: [[-2, 1], [0, 0.5]], line: [[-2, -1], [2, 1]]} satisfies Parameters<typeof view.mark>[0];
    view.mark({point: [0, 0]});
    view.mark(marks);
    expect(charts(view)[1]).toBe(overlay);
    expect(overlay.querySelectorAll("circle")).toHaveLength(3); // 2 on the path, 1 point
    expect(overlay.querySelectorAll("[aria-label=line] path")).toHaveLength(2);
    const fresh = topView(grid, {width: 500, height: 300});
    fresh.mark(marks);
    const drawing = (svg: Element) => svg.innerHTML.replace(/plot-clip-\d+/g, "clip");
    expect(drawing(overlay)).toBe(drawing(charts(fresh)[1]));
  });

  it("draws a boundary as the line's segment inside the domain", () => {
    const view = topView(grid, {width: 500, height: 300});
    view.mark({boundary: {w1: 0, w2: 1, b: -0.5}}); // y = 0.5, across the whole width
    const d = charts(view)[1].querySelector("[aria-label=line] path")!.getAttribute("d")!;
    const [start, end] = d.slice(1).split("L").map((p) => p.split(",").map(Number));
    // Plot's x range is [marginLeft, width − marginRight] = [50, 480].
    expect([start[0], end[0]]).toEqual([50, 480]);
    expect(start[1]).toBe(end[1]);
    view.mark({boundary: {w1: 0, w2: 1, b: -5}}); // y = 5: outside, nothing drawn
    expect(charts(view)[1].querySelector("[aria-label=line]")).toBeNull();
  });

  it("sets its height from aspectRatio, the same for both charts", () => {
    const view = topView(grid, {width: 470, aspectRatio: 1});
    const [base, overlay] = charts(view);
    // x spans 4 units over 400 px, so y's 2 units take 200 px, plus the margins 20 + 40.
    expect(base.getAttribute("height")).toBe("260");
    expect(overlay.getAttribute("height")).toBe("260");
  });

  it("paints each sample as a pixel of its colour, the first row at the bottom", () => {
    const ramp = sampleGrid((_, y) => y, [0, 1], [0, 1], 3); // 0 at the bottom, 1 at the top
    const view = topView(ramp, {width: 300, height: 300, zDomain: [0, 1], scheme: "greys", contours: 0});
    const canvas = charts(view)[0].querySelector("canvas")!;
    const {data} = canvas.getContext("2d")!.getImageData(0, 0, 3, 3);
    const grey = (row: number) => data[row * 3 * 4];
    // Plot's greys run from white (low) to black (high): the top row of pixels is the darkest.
    expect(grey(0)).toBeLessThan(grey(1));
    expect(grey(1)).toBeLessThan(grey(2));
    // Half a cell reaches past the domain on each side, and the frame clips it.
    const image = canvas.parentElement!;
    const frame = image.parentElement!;
    expect(Number(image.getAttribute("width"))).toBeCloseTo((Number(frame.getAttribute("width")) * 3) / 2, 6);
  });

  it("reuse repaints the heat map and contours in the same chart; other options draw it anew", () => {
    const view = topView(grid, {width: 500, height: 300, zDomain: [0, 5], contours: [1, 2, 3]});
    const [base] = charts(view);
    const canvas = base.querySelector("canvas")!;
    const contours = () => [...base.querySelectorAll("[aria-label=contour] path")].map((p) => p.getAttribute("d"));
    const before = contours();
    expect(before).toHaveLength(3);
    view.mark({point: [1, 0.5]});
    const shifted = sampleGrid((x, y) => (x - 1) ** 2 + y * y, [-2, 2], [-1, 1], 21);
    expect(topView(shifted, {width: 500, height: 300, zDomain: [0, 5], contours: [1, 2, 3], reuse: view})).toBe(view);
    expect(charts(view)[0]).toBe(base);
    expect(base.querySelector("canvas")).toBe(canvas);
    expect(contours()).not.toEqual(before);
    expect(contours()).toEqual([...charts(topView(shifted, {width: 500, height: 300, zDomain: [0, 5], contours: [1, 2, 3]}))[0].querySelectorAll("[aria-label=contour] path")].map((p) => p.getAttribute("d")));
    // Another z domain is another legend and other colours: a new chart, the overlay kept.
    topView(shifted, {width: 500, height: 300, zDomain: [0, 9], contours: [1, 2, 3], reuse: view});
    expect(charts(view)[0]).not.toBe(base);
    expect(charts(view)[1].querySelector("[aria-label=dot] circle")).not.toBeNull();
  });
});

describe("topView paths", () => {
  it("draws several paths in their colours, from pairs or interleaved values, and lists the labelled ones", () => {
    const view = topView(grid, {width: 500, height: 300});
    view.mark({
      paths: [
        {path: [[-2, 1], [0, 0.5], [1, 0.5]], color: "red", label: "η = 0.1"},
        {path: new Float64Array([1, 1, 0, 0, -1, -0.5]), color: "blue", label: "η = 0.01", dashed: true},
        {path: [[0, 0], [1, 1]]}
      ]
    });
    const overlay = charts(view)[1];
    const strokes = [...overlay.querySelectorAll("[aria-label=line] > g")].map((g) => g.getAttribute("stroke"));
    expect(strokes.filter((s) => s === "red")).toHaveLength(1);
    expect(strokes.filter((s) => s === "blue")).toHaveLength(1);
    expect(overlay.querySelector("[aria-label=line] > g[stroke=blue]")!.getAttribute("stroke-dasharray")).toBe("5 4");
    // The interleaved path goes through (1, 1), (0, 0), (−1, −0.5): three points, one line.
    expect(overlay.querySelector("[aria-label=line] > g[stroke=blue] path")!.getAttribute("d")!.split("L")).toHaveLength(3);
    const legend = view.querySelector("ul.draw-legend")!;
    expect([...legend.querySelectorAll("li")].map((li) => li.textContent)).toEqual(["η = 0.1", "η = 0.01"]);
    expect(legend.getAttribute("aria-label")).toBe("paths");
    // Marking without paths takes the legend away; the chart itself stays.
    const [base] = charts(view);
    view.mark({point: [0, 0]});
    expect(view.querySelector("ul.draw-legend")).toBeNull();
    expect(charts(view)[0]).toBe(base);
  });

  it("keeps the legend under the chart when the chart is drawn again in place", () => {
    const view = topView(grid, {width: 500, height: 300});
    view.mark({paths: [{path: [[0, 0], [1, 1]], label: "run 1"}]});
    const other = sampleGrid((x, y) => x * y, [-2, 2], [-1, 1], 21);
    topView(other, {width: 500, height: 300, contours: 3, reuse: view});
    expect(view.lastElementChild!.matches("ul.draw-legend")).toBe(true);
    expect(view.querySelector("ul.draw-legend")!.textContent).toBe("run 1");
  });

  it("says what is wrong with a path of interleaved values", () => {
    const view = topView(grid, {width: 500, height: 300});
    expect(() => view.mark({paths: [{path: new Float64Array(3)}]})).toThrow(/odd length: 3/);
  });
});
