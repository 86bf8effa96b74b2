// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {sampleGrid} from "../../src/draw/grid.js";
import {surface} from "../../src/draw/surface.js";

const bowl = sampleGrid((x, y) => x * x + 2 * y * y, [-1, 1], [-1, 1], 21);

function pointer(type: string, x: number, y: number): PointerEvent {
  return new PointerEvent(type, {pointerId: 1, button: 0, clientX: x, clientY: y, bubbles: true, cancelable: true});
}

/** The mesh's path elements and their shapes, to compare before and after. */
function meshOf(view: Element) {
  const paths = [...view.querySelectorAll("g.mesh > path")];
  return {paths, shapes: paths.map((p) => `${p.getAttribute("d")}|${p.getAttribute("fill")}`)};
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

  it("redraws the mesh in place when turned, and setting value does not fire input", () => {
    const view = surface(bowl, {width: 400});
    let fired = 0;
    view.addEventListener("input", () => ++fired);
    const before = meshOf(view);
    view.value = {azimuth: 100, elevation: 10};
    const after = meshOf(view);
    // The same nodes, reordered for the new quadrant, reshaped for the new angle.
    expect(new Set(after.paths)).toEqual(new Set(before.paths));
    expect(after.paths).not.toEqual(before.paths);
    expect(new Set(after.shapes)).not.toEqual(new Set(before.shapes));
    expect(view.value).toEqual({azimuth: 100, elevation: 10});
    expect(fired).toBe(0);
  });

  it("mark redraws only the overlay: the mesh's nodes and shapes stay as they were", () => {
    const view = surface(bowl, {width: 400});
    const mesh = view.querySelector("g.mesh")!;
    const before = meshOf(view);
    const axes = [...view.querySelectorAll("g.back > *, g.front > *")];
    view.mark([{x: 0.5, y: 0.5, z: 0.75}], [[1, 1, 3], [0.5, 0.5, 0.75]]);
    view.mark([{x: 0.2, y: -0.1, z: 0.06, color: "red"}]);
    const after = meshOf(view);
    expect(view.querySelector("g.mesh")).toBe(mesh);
    after.paths.forEach((p, i) => expect(p).toBe(before.paths[i]));
    expect(after.shapes).toEqual(before.shapes);
    expect([...view.querySelectorAll("g.back > *, g.front > *")]).toEqual(axes);
    const overlay = view.querySelector("g.overlay")!;
    expect(overlay.querySelectorAll("circle")).toHaveLength(2); // the point and its foot on the floor
    expect(overlay.querySelector("path.path")).toBeNull();
  });

  it("draws a quad per grid cell, thinning fine grids to at most 1600", () => {
    expect(meshOf(surface(bowl, {width: 300})).paths).toHaveLength(20 * 20);
    const fine = sampleGrid((x, y) => x * y, [0, 1], [0, 1], 101);
    expect(meshOf(surface(fine, {width: 300})).paths).toHaveLength(40 * 40);
  });

  it("leaves out quads with a missing corner", () => {
    const holed = sampleGrid((x, y) => (x > 0.5 && y > 0.5 ? NaN : x + y), [0, 1], [0, 1], 5);
    // Samples at 0, .25, .5, .75, 1: the 2 × 2 samples past 0.5 spoil the 2 × 2 quads touching them.
    expect(meshOf(surface(holed, {width: 300})).paths).toHaveLength(16 - 4);
  });

  it("labels its axes", () => {
    const view = surface(bowl, {width: 400, labels: {x: "w", y: "b", z: "loss"}});
    const titles = [...view.querySelectorAll("text.title")].map((t) => t.textContent);
    expect(titles.sort()).toEqual(["b", "loss", "w"]);
    expect(view.querySelectorAll("text.tick").length).toBeGreaterThan(9);
  });
});
