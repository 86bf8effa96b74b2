// @vitest-environment jsdom
import {beforeAll, describe, expect, it} from "vitest";
import {sampleGrid} from "../../src/draw/grid.js";
import {topView} from "../../src/draw/top-view.js";
import {installCanvas} from "./canvas.js";

beforeAll(() => installCanvas(window));

const grid = sampleGrid((x, y) => x * x + y * y, [-2, 2], [-1, 1], 21);

describe("topView", () => {
  it("stacks a transparent overlay of the same size exactly on the base chart", () => {
    const view = topView(grid, {width: 500, height: 300, labels: {x: "w", y: "b"}});
    const [base, overlay] = view.querySelectorAll("svg");
    for (const name of ["width", "height", "viewBox"]) expect(overlay.getAttribute(name)).toBe(base.getAttribute(name));
    expect(overlay.getAttribute("style")).toContain("position: absolute");
    expect(base.querySelector("[aria-label=raster] image")).not.toBeNull();
    expect(base.querySelector("[aria-label=contour]")).not.toBeNull();
    expect(overlay.querySelector("[aria-label^=x-axis], [aria-label^=y-axis]")).toBeNull();
  });

  it("mark replaces only the overlay; the heat map is drawn once", () => {
    const view = topView(grid, {width: 500, height: 300});
    const base = view.querySelector("svg")!;
    const image = base.querySelector("image")!;
    view.mark({point: [1, 0.5], path: [[-2, 1], [0, 0.5], [1, 0.5]], arrow: {from: [1, 0.5], to: [0.5, 0.2]}});
    const [base2, overlay] = view.querySelectorAll("svg");
    expect(base2).toBe(base);
    expect(base2.querySelector("image")).toBe(image);
    expect(overlay.querySelectorAll("[aria-label=dot] circle")).toHaveLength(4); // 3 on the path, 1 point
    expect(overlay.querySelector("[aria-label=arrow] path")).not.toBeNull();
    view.mark({});
    expect(view.querySelectorAll("svg")).toHaveLength(2);
    expect(view.querySelectorAll("svg")[1].querySelector("circle")).toBeNull();
  });

  it("draws a boundary as the line's segment inside the domain", () => {
    const view = topView(grid, {width: 500, height: 300});
    view.mark({boundary: {w1: 0, w2: 1, b: -0.5}}); // y = 0.5, across the whole width
    const d = view.querySelectorAll("svg")[1].querySelector("[aria-label=line] path")!.getAttribute("d")!;
    const [start, end] = d.slice(1).split("L").map((p) => p.split(",").map(Number));
    // Plot's x range is [marginLeft, width − marginRight] = [50, 480].
    expect([start[0], end[0]]).toEqual([50, 480]);
    expect(start[1]).toBe(end[1]);
    view.mark({boundary: {w1: 0, w2: 1, b: -5}}); // y = 5: outside, nothing drawn
    expect(view.querySelectorAll("svg")[1].querySelector("[aria-label=line]")).toBeNull();
  });

  it("sets its height from aspectRatio, the same for both charts", () => {
    const view = topView(grid, {width: 470, aspectRatio: 1});
    const [base, overlay] = view.querySelectorAll("svg");
    // x spans 4 units over 400 px, so y's 2 units take 200 px, plus the margins 20 + 40.
    expect(base.getAttribute("height")).toBe("260");
    expect(overlay.getAttribute("height")).toBe("260");
  });
});
