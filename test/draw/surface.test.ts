// @vitest-environment jsdom
import {beforeAll, describe, expect, it} from "vitest";
import {sampleGrid} from "../../src/draw/grid.js";
import {surface} from "../../src/draw/surface.js";
import {installCanvas, shapesOf} from "./canvas.js";

beforeAll(() => installCanvas(window));

const bowl = sampleGrid((x, y) => x * x + 2 * y * y, [-1, 1], [-1, 1], 21);

function pointer(type: string, x: number, y: number): PointerEvent {
  return new PointerEvent(type, {pointerId: 1, button: 0, clientX: x, clientY: y, bubbles: true, cancelable: true});
}

/** The mesh's canvas and the quads painted on it, far to near, to compare before and after. */
function meshOf(view: Element) {
  const canvas = view.querySelector<HTMLCanvasElement>("g.mesh canvas")!;
  const quads = shapesOf(canvas).filter((s) => s.fill);
  return {canvas, quads, shapes: quads.map((s) => `${s.d}|${s.fill}`)};
}

describe("surface", () => {
  it("is an input: dragging turns it, changes its value and fires bubbling input events", async () => {
    const view = surface(bowl, {width: 400, azimuth: 0, elevation: 30});
    document.body.append(view);
    const values: unknown[] = [];
    document.body.addEventListener("input", (event) => values.push((event.target as typeof view).value));
    const svg = view.querySelector("svg")!;
    svg.dispatchEvent(pointer("pointerdown", 100, 100));
    svg.dispatchEvent(pointer("pointermove", 140, 100));
    svg.dispatchEvent(pointer("pointermove", 140, 120));
    svg.dispatchEvent(pointer("pointerup", 140, 120));
    svg.dispatchEvent(pointer("pointermove", 300, 300)); // after release: no effect
    expect(values).toEqual([
      {azimuth: 20, elevation: 30},
      {azimuth: 20, elevation: 40}
    ]);
    expect(view.value).toEqual({azimuth: 20, elevation: 40});
    // The picture follows on the next frame.
    const before = meshOf(view).shapes;
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(meshOf(view).shapes).not.toEqual(before);
    view.remove();
  });

  it("turns with the arrow keys, and stops at the zenith", () => {
    const view = surface(bowl, {width: 400, azimuth: 0, elevation: 85});
    let fired = 0;
    view.addEventListener("input", () => ++fired);
    const key = (key: string) => view.dispatchEvent(new KeyboardEvent("keydown", {key, bubbles: true, cancelable: true}));
    key("ArrowLeft");
    key("ArrowDown");
    key("ArrowDown"); // already at 90: nothing changes, nothing fires
    expect(view.value).toEqual({azimuth: -5, elevation: 90});
    expect(fired).toBe(2);
    expect(view.tabIndex).toBe(0);
    expect(view.getAttribute("aria-label")).toContain("arrow keys");
  });

  it("repaints the mesh on the same canvas when turned, and setting value does not fire input", () => {
    const view = surface(bowl, {width: 400});
    let fired = 0;
    view.addEventListener("input", () => ++fired);
    const before = meshOf(view);
    view.value = {azimuth: 100, elevation: 10};
    const after = meshOf(view);
    // The same canvas, the same quads and colours, painted in another order, in other places.
    expect(after.canvas).toBe(before.canvas);
    expect(after.quads.map((q) => q.fill).sort()).toEqual(before.quads.map((q) => q.fill).sort());
    expect(after.quads.map((q) => q.fill)).not.toEqual(before.quads.map((q) => q.fill));
    expect(new Set(after.shapes)).not.toEqual(new Set(before.shapes));
    expect(view.value).toEqual({azimuth: 100, elevation: 10});
    expect(fired).toBe(0);
  });

  it("mark redraws only the overlay: the mesh's nodes and shapes stay as they were", () => {
    const view = surface(bowl, {width: 400});
    const before = meshOf(view);
    const axes = [...view.querySelectorAll("g.back > *, g.front > *")];
    view.mark([{x: 0.5, y: 0.5, z: 0.75}], [[1, 1, 3], [0.5, 0.5, 0.75]]);
    view.mark([{x: 0.2, y: -0.1, z: 0.06, color: "red"}]);
    const after = meshOf(view);
    expect(after.canvas).toBe(before.canvas);
    expect(after.shapes).toEqual(before.shapes);
    expect([...view.querySelectorAll("g.back > *, g.front > *")]).toEqual(axes);
    const overlay = view.querySelector("g.overlay")!;
    expect(overlay.querySelectorAll("circle")).toHaveLength(2); // the point and its foot on the floor
    expect(overlay.querySelector("path.path")).toBeNull();
  });

  it("draws a quad per grid cell, thinning fine grids to at most 1600", () => {
    expect(meshOf(surface(bowl, {width: 300})).quads).toHaveLength(20 * 20);
    const fine = sampleGrid((x, y) => x * y, [0, 1], [0, 1], 101);
    expect(meshOf(surface(fine, {width: 300})).quads).toHaveLength(40 * 40);
  });

  it("leaves out quads with a missing corner", () => {
    const holed = sampleGrid((x, y) => (x > 0.5 && y > 0.5 ? NaN : x + y), [0, 1], [0, 1], 5);
    // Samples at 0, .25, .5, .75, 1: the 2 × 2 samples past 0.5 spoil the 2 × 2 quads touching them.
    expect(meshOf(surface(holed, {width: 300})).quads).toHaveLength(16 - 4);
  });

  it("paints nearer quads over farther ones", () => {
    // Seen from the −x, −y corner (azimuth 45° puts the eye there), the quad at the far +x, +y
    // corner is painted first and the one at the near corner last.
    const floor = sampleGrid(() => 0, [-1, 1], [-1, 1], 11);
    const view = surface(floor, {width: 400, azimuth: 45, elevation: 30});
    const {quads} = meshOf(view);
    const centre = (d: string) => {
      const xy = d.match(/-?[\d.]+/g)!.map(Number);
      return [0, 2, 4, 6].reduce((s, k) => [s[0] + xy[k] / 4, s[1] + xy[k + 1] / 4], [0, 0]);
    };
    // Lower on the screen is nearer to an eye above the floor.
    const ys = quads.map((q) => centre(q.d)[1]);
    expect(ys[0]).toBe(Math.min(...ys));
    expect(ys[ys.length - 1]).toBe(Math.max(...ys));
    expect(ys[ys.length - 1] - ys[0]).toBeGreaterThan(80);
  });

  it("reuse reshapes the same surface in place, at the reader's angle", () => {
    const view = surface(bowl, {width: 400, labels: {z: "loss"}});
    document.body.append(view);
    view.value = {azimuth: 60, elevation: 50};
    view.mark([{x: 0, y: 0, z: 0}]);
    const {canvas, shapes} = meshOf(view);
    const tilted = sampleGrid((x, y) => x * x + 2 * y * y + x, [-1, 1], [-1, 1], 21);
    const again = surface(tilted, {width: 400, labels: {z: "loss"}, azimuth: 0, reuse: view});
    expect(again).toBe(view);
    expect(again.value).toEqual({azimuth: 60, elevation: 50});
    const after = meshOf(again);
    expect(after.canvas).toBe(canvas);
    expect(after.shapes).not.toEqual(shapes);
    expect(after.shapes).toEqual(meshOf(surface(tilted, {width: 400, labels: {z: "loss"}, azimuth: 60, elevation: 50})).shapes);
    // The overlay stays until the next mark; the canvas says what heights it shows.
    expect(view.querySelectorAll("g.overlay circle")).toHaveLength(2);
    expect(canvas.getAttribute("aria-label")).toBe("loss from −0.25 to 4");
    // Anything but a surface is no surface to reuse.
    expect(surface(bowl, {reuse: {value: 3}})).not.toBe(view);
    view.remove();
  });

  it("while a slider keeps reshaping it, paints a quarter of the quads, and all of them once it rests", async () => {
    const fine = (k: number) => sampleGrid((x, y) => x * y * k, [-1, 1], [-1, 1], 31);
    const view = surface(fine(1), {width: 400});
    surface(fine(2), {width: 400, reuse: view}); // the first reshape after a rest: full
    expect(meshOf(view).quads).toHaveLength(30 * 30);
    surface(fine(3), {width: 400, reuse: view}); // straight after: the slider is moving
    expect(meshOf(view).quads).toHaveLength(15 * 15);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(meshOf(view).shapes).toEqual(meshOf(surface(fine(3), {width: 400})).shapes);
  });

  it("labels its axes", () => {
    const view = surface(bowl, {width: 400, labels: {x: "w", y: "b", z: "loss"}});
    const titles = [...view.querySelectorAll("text.title")].map((t) => t.textContent);
    expect(titles.sort()).toEqual(["b", "loss", "w"]);
    expect(view.querySelectorAll("text.tick").length).toBeGreaterThan(9);
  });
});
