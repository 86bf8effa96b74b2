import {afterEach, describe, expect, it, vi} from "vitest";
import * as Plot from "@observablehq/plot";
import {checkPoints, nearestPoint, pointPicker, type PointPicker} from "../../src/widgets/point-picker.js";

// The chart is 600 × 300 with x in [0, 10] and y in [0, 5]; Plot's default margins (top 20,
// right 20, bottom 30, left 40) put the frame at x from 40 to 580 and y from 270 up to 20.
const options = {x: {domain: [0, 10] as [number, number]}, y: {domain: [0, 5] as [number, number]}, width: 600, height: 300};
const frame = {left: 40, right: 580, top: 20, bottom: 270};
const toPixels = ([x, y]: [number, number]): [number, number] => [
  frame.left + (x / 10) * (frame.right - frame.left),
  frame.bottom - (y / 5) * (frame.bottom - frame.top)
];

/** The chart as a reader's screen shows it: drawn at `scale` times its size, its corner at (100, 50). */
function onScreen(scale = 1) {
  vi.spyOn(SVGElement.prototype, "getBoundingClientRect").mockImplementation(function (this: SVGElement) {
    const width = +this.getAttribute("width")! * scale;
    const height = +this.getAttribute("height")! * scale;
    return {left: 100, top: 50, x: 100, y: 50, width, height, right: 100 + width, bottom: 50 + height, toJSON: () => ({})} as DOMRect;
  });
  return (pixels: [number, number], init: MouseEventInit = {}): MouseEventInit => ({
    clientX: 100 + pixels[0] * scale,
    clientY: 50 + pixels[1] * scale,
    bubbles: true,
    ...init
  });
}

function clickAt(picker: PointPicker, init: MouseEventInit) {
  picker.querySelector("svg")!.dispatchEvent(new MouseEvent("click", init));
}

function dots(picker: PointPicker) {
  return picker.querySelectorAll('g[aria-label="dot"] circle').length;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("pointPicker", () => {
  it("draws its starting points and holds them as its value", () => {
    const picker = pointPicker({...options, value: [[1, 1], [2, 3]]});
    expect(picker.value).toEqual([[1, 1], [2, 3]]);
    expect(dots(picker)).toBe(2);
    expect(picker.textContent).toContain("Click to add a point");
  });

  it("hands out copies, so a cell that changes its value does not change the chart", () => {
    const picker = pointPicker({...options, value: [[1, 1]]});
    picker.value[0][0] = 9;
    picker.value.push([5, 5]);
    expect(picker.value).toEqual([[1, 1]]);
  });

  it("setting the value redraws without firing input, as Inputs do", () => {
    const picker = pointPicker({...options, value: [[1, 1]]});
    const heard = vi.fn();
    picker.addEventListener("input", heard);
    picker.value = [[1, 1], [2, 2], [3, 3]];
    expect(dots(picker)).toBe(3);
    expect(heard).not.toHaveBeenCalled();
  });

  it("clicking empty space adds a point there and fires input", () => {
    const at = onScreen();
    const picker = pointPicker({...options, value: [[1, 1]]});
    const heard = vi.fn();
    picker.addEventListener("input", heard);
    clickAt(picker, at(toPixels([7.5, 2.25])));
    expect(picker.value).toEqual([[1, 1], [7.5, 2.25]]);
    expect(dots(picker)).toBe(2);
    expect(heard).toHaveBeenCalledTimes(1);
    expect(heard.mock.calls[0][0].bubbles).toBe(true);
  });

  it("places points right when the chart is shown smaller than it was drawn", () => {
    const at = onScreen(0.5);
    const picker = pointPicker({...options});
    clickAt(picker, at(toPixels([2.5, 4])));
    expect(picker.value).toEqual([[2.5, 4]]);
  });

  it("rounds placed coordinates to the decimals asked for", () => {
    const at = onScreen();
    const picker = pointPicker({...options, decimals: 1});
    clickAt(picker, at(toPixels([3.14159, 2.71828])));
    expect(picker.value).toEqual([[3.1, 2.7]]);
  });

  it("clicking a point, or near enough to it, removes it", () => {
    const at = onScreen();
    const picker = pointPicker({...options, value: [[1, 1], [5, 2], [8, 4]]});
    const heard = vi.fn();
    picker.addEventListener("input", heard);
    const [px, py] = toPixels([5, 2]);
    clickAt(picker, at([px + 6, py - 5]));
    expect(picker.value).toEqual([[1, 1], [8, 4]]);
    expect(dots(picker)).toBe(2);
    expect(heard).toHaveBeenCalledTimes(1);
  });

  it("the hit radius is in screen pixels, whatever the chart's size on screen", () => {
    const at = onScreen(0.5);
    const picker = pointPicker({...options, value: [[5, 2]]});
    const [px, py] = toPixels([5, 2]);
    // 16 chart pixels away is 8 on screen: a hit.
    clickAt(picker, at([px + 16, py]));
    expect(picker.value).toEqual([]);
  });

  it("alt-click removes a point but never adds one", () => {
    const at = onScreen();
    const picker = pointPicker({...options, value: [[5, 2]]});
    const heard = vi.fn();
    picker.addEventListener("input", heard);
    clickAt(picker, at(toPixels([1, 1]), {altKey: true}));
    expect(picker.value).toEqual([[5, 2]]);
    expect(heard).not.toHaveBeenCalled();
    clickAt(picker, at(toPixels([5, 2]), {altKey: true}));
    expect(picker.value).toEqual([]);
    expect(heard).toHaveBeenCalledTimes(1);
  });

  it("clicks in the margins, outside the axes' domains, add nothing", () => {
    const at = onScreen();
    const picker = pointPicker({...options});
    const heard = vi.fn();
    picker.addEventListener("input", heard);
    clickAt(picker, at([10, 150])); // left of the frame
    clickAt(picker, at([300, 295])); // under it
    expect(picker.value).toEqual([]);
    expect(heard).not.toHaveBeenCalled();
  });

  it("overlay draws marks under the points and keeps them, at a new width if given", () => {
    const picker = pointPicker({...options, value: [[1, 1], [2, 2]]});
    picker.overlay([Plot.lineY([1, 2, 3], {stroke: "red"})], {width: 400});
    const svg = picker.querySelector("svg")!;
    expect(svg.getAttribute("width")).toBe("400");
    // Stacked charts: the overlay's comes before (under) the points'.
    const labels = [...picker.querySelectorAll("g[aria-label]")].map((g) => g.getAttribute("aria-label"));
    expect(labels.indexOf("line")).toBeGreaterThan(-1);
    expect(labels.indexOf("line")).toBeLessThan(labels.indexOf("dot"));
    expect(picker.value).toEqual([[1, 1], [2, 2]]);
    // A click still lands on the chart as now drawn.
    const at = onScreen();
    picker.value = [];
    clickAt(picker, at([200, 150]));
    expect(picker.value).toHaveLength(1);
  });

  it("overlay and the points redraw only their own layer; the axes stay", () => {
    const picker = pointPicker({...options, value: [[1, 1]]});
    const axes = picker.querySelector("svg")!;
    picker.overlay([Plot.lineY([1, 2, 3], {stroke: "red"})]);
    picker.value = [[1, 1], [4, 4]];
    expect(picker.querySelector("svg")).toBe(axes);
    expect(dots(picker)).toBe(2);
    expect(picker.querySelectorAll('g[aria-label="line"]')).toHaveLength(1);
    // Every layer has the axes' size, so their scales agree.
    const charts = [...picker.querySelectorAll("svg")];
    expect(charts).toHaveLength(3);
    for (const chart of charts) expect(chart.getAttribute("viewBox")).toBe(axes.getAttribute("viewBox"));
    expect(charts.slice(1).every((c) => c.style.pointerEvents === "none")).toBe(true);
  });

  it("says which point is not a pair of numbers", () => {
    expect(() => pointPicker({value: [[1, 2], [3, "4"]] as never})).toThrow("pointPicker: value[1] is not a pair of numbers");
    const picker = pointPicker({...options});
    expect(() => (picker.value = [[NaN, 1]])).toThrow("pointPicker: value[0] is not a pair of numbers");
    expect(() => pointPicker({x: {domain: [5, 1]}})).toThrow("pointPicker: invalid x.domain");
    expect(() => pointPicker({width: 0})).toThrow("pointPicker: invalid width");
  });
});

describe("nearestPoint", () => {
  const identity = (p: [number, number]): [number, number] => p;
  it("finds the nearest point within the radius", () => {
    expect(nearestPoint([[0, 0], [10, 0], [12, 0]], [11.4, 0], identity, 5)).toBe(2);
    expect(nearestPoint([[0, 0], [10, 0]], [3, 4], identity, 5)).toBe(0);
  });
  it("finds nothing beyond the radius, or among no points", () => {
    expect(nearestPoint([[0, 0]], [3, 4.1], identity, 5)).toBe(-1);
    expect(nearestPoint([], [0, 0], identity, 5)).toBe(-1);
  });
});

describe("checkPoints", () => {
  it("copies good points and names the first bad one", () => {
    const points: [number, number][] = [[1, 2]];
    const checked = checkPoints(points, "data");
    expect(checked).toEqual(points);
    expect(checked[0]).not.toBe(points[0]);
    expect(() => checkPoints({}, "data")).toThrow("pointPicker: data is not an array of [x, y] pairs");
    expect(() => checkPoints([[1, 2], [1, 2, 3]], "data")).toThrow("pointPicker: data[1] is not a pair of numbers");
  });
});

describe("pointPicker from the keyboard", () => {
  it("selects, moves, removes and adds points, firing input each time", () => {
    const picker = pointPicker({value: [[1, 1], [2, 2]], x: {domain: [-5, 5]}, y: {domain: [-3, 3]}});
    let inputs = 0;
    picker.addEventListener("input", () => inputs++);
    const key = (k: string, shiftKey = false) => picker.dispatchEvent(new KeyboardEvent("keydown", {key: k, shiftKey, bubbles: true}));
    key("PageDown"); // selects the second point
    key("ArrowUp", true);
    expect(picker.value).toEqual([[1, 1], [2, 2.5]]);
    key("Delete");
    expect(picker.value).toEqual([[1, 1]]);
    key("Insert");
    expect(picker.value).toEqual([[1, 1], [0, 0]]);
    expect(inputs).toBe(3);
    expect(picker.querySelector("[aria-live]")!.textContent).toContain("x = 0, y = 0");
  });
});
