import * as Plot from "../draw/plot.js";
import {palette} from "../draw/palette.js";
import {topLayer, type TopLayer} from "../draw/top-layer.js";
import {onLongPress} from "./drag.js";

/** A point in data coordinates: [x, y]. */
export type Point = [number, number];

/** One axis of the chart. */
export interface PickerAxis {
  /** The fixed [lowest, highest] values shown; a click outside them adds nothing. */
  domain: [number, number];
  /** The axis title. Default the axis's name. */
  label?: string;
}

/** Options for the point picker. */
export interface PointPickerOptions {
  /** The starting points. Default none. */
  value?: Point[];
  /** The horizontal axis. Default [−10, 10], "x". */
  x?: PickerAxis;
  /** The vertical axis. Default [−10, 10], "y". */
  y?: PickerAxis;
  /** Width in pixels; the chart shrinks to fit a narrower column. Default 640. */
  width?: number;
  /** Height in pixels. Default 340. */
  height?: number;
  /** Marks drawn under the points (a model's curve, say); see overlay. Default none. */
  marks?: Plot.Markish[];
  /** How close to a point, in screen pixels, a click removes it. Default 10. */
  radius?: number;
  /** Placed coordinates are rounded to this many decimals. Default 2. */
  decimals?: number;
  document?: Document;
}

/**
 * A chart the reader fills with data by clicking. Like every Observable input, its `value`
 * (the points) changes as the reader adds or removes points, and each change fires a
 * bubbling `input` event.
 */
export interface PointPicker extends HTMLDivElement {
  /** The points, in the order they were placed; setting it redraws without firing `input`. */
  value: Point[];
  /** Replaces the marks drawn with the points (under them), and the width if given, keeping the points. */
  overlay(marks: Plot.Markish[], options?: {width?: number}): void;
}

/**
 * Click on empty space to add a point there; click on a point to remove it (alt-click only
 * ever removes). {@link PointPicker.overlay} lets a cell move a curve across the chart every
 * frame without recreating the input and losing what the reader placed; the points stay on
 * top, so they can always be clicked.
 */
export function pointPicker(options: PointPickerOptions = {}): PointPicker {
  const {height = 340, radius = 10, decimals = 2, document = globalThis.document} = options;
  const x = axis(options.x, "x");
  const y = axis(options.y, "y");
  let width = options.width ?? 640;
  let marks = options.marks ?? [];
  let points = checkPoints(options.value ?? [], "value");
  checkPositive(width, "width");
  checkPositive(height, "height");

  const root = document.createElement("div") as unknown as PointPicker;
  root.className = "point-picker";
  root.tabIndex = 0;
  root.setAttribute("role", "application");
  root.setAttribute("aria-label", "points: click to add one, click a point to remove it; from the keyboard, Page Up and Page Down select a point, arrow keys move it, Delete removes it, Insert adds one");
  let selected = -1; // the point the keyboard moves; -1 until the keyboard is used
  const live = document.createElement("div");
  live.setAttribute("aria-live", "polite");
  live.className = "sr-only";
  const help = document.createElement("div");
  help.textContent = "Click to add a point, click a point to remove it (on a touch screen: press and hold); or focus the chart: arrows, Page Up/Down, Delete, Insert.";
  help.style.cssText = "font: 13px var(--font-ui, sans-serif); color: var(--muted, gray);";
  // Three charts of the same size and scales, stacked: the axes (drawn again only for a new
  // width), the overlay's marks and the points, so moving a curve or a point redraws only its own.
  const stack = document.createElement("div");
  stack.style.position = "relative";
  let chart = base();
  let under = layer(marks);
  let over = layer(pointMarks());
  stack.append(chart, under.svg, over.svg);
  root.append(stack, help, live);

  /** Shared by the three charts; explicit margins, since Plot's defaults change without axes. */
  function frame(): Plot.PlotOptions {
    return {document, width, height, marginTop: 20, marginRight: 20, marginBottom: 30, marginLeft: 40};
  }
  function base(): SVGSVGElement & Plot.Plot {
    const svg = Plot.plot({...frame(), grid: true, x: {domain: x.domain, label: x.label}, y: {domain: y.domain, label: y.label}}) as SVGSVGElement & Plot.Plot;
    svg.style.cursor = "crosshair";
    svg.style.touchAction = "manipulation";
    return svg;
  }
  function layer(marks: Plot.Markish[]): TopLayer {
    return topLayer({...frame(), x: {domain: x.domain, axis: null}, y: {domain: y.domain, axis: null}}, marks, (svg) => {
      svg.style.cssText += "position: absolute; left: 0; top: 0; width: 100%; height: auto; pointer-events: none; background: none;";
      // The axes below describe the chart; the points are announced as the reader moves them.
      svg.setAttribute("aria-hidden", "true");
    });
  }
  function pointMarks(): Plot.Markish[] {
    return [
      Plot.dot(points, {x: "0", y: "1", r: 5, fill: palette.data, stroke: "var(--bg, white)"}),
      selected >= 0 && points[selected] ? Plot.dot([points[selected]], {x: "0", y: "1", r: 9, stroke: "currentColor", strokeWidth: 1.5}) : null
    ];
  }
  /** Draws the points again (after they changed). */
  function redraw() {
    over.mark(pointMarks());
  }

  /** The pointer's place in the chart's own pixels (the chart may be drawn smaller than its width). */
  function pixel(event: MouseEvent): [number, number] {
    const rect = chart.getBoundingClientRect();
    return [((event.clientX - rect.left) * width) / rect.width, ((event.clientY - rect.top) * height) / rect.height];
  }
  /** Pixels on screen per chart pixel, so the hit radius means the same at any size. */
  function zoom(): number {
    const rect = chart.getBoundingClientRect();
    return rect.width / width;
  }
  function scales() {
    return {x: chart.scale("x")!, y: chart.scale("y")!};
  }

  // A tap on a touch screen changes nothing (the reader may be scrolling): a finger adds or
  // removes a point by resting on the spot (a long press).
  let touched = false;
  root.addEventListener("pointerdown", (event) => {
    touched = event.pointerType === "touch";
    if (!touched || !chart.contains(event.target as Node)) return;
    onLongPress(event, () => toggle(event));
  });
  root.addEventListener("contextmenu", (event) => touched && event.preventDefault());
  root.addEventListener("click", (event) => {
    if (!chart.contains(event.target as Node) || touched) return;
    toggle(event);
  });
  function toggle(event: MouseEvent) {
    const at = pixel(event);
    const s = scales();
    const hit = nearestPoint(points, at, ([px, py]) => [s.x.apply(px), s.y.apply(py)], radius / zoom());
    if (hit >= 0) points = points.filter((_, i) => i !== hit);
    else if (event.altKey) return;
    else {
      const placed: Point = [round(s.x.invert!(at[0]), decimals), round(s.y.invert!(at[1]), decimals)];
      if (!within(placed[0], x.domain) || !within(placed[1], y.domain)) return;
      points = [...points, placed];
    }
    redraw();
    root.dispatchEvent(new Event("input", {bubbles: true}));
  }
  root.addEventListener("pointermove", (event) => {
    if (!chart.contains(event.target as Node)) return;
    const s = scales();
    const hit = nearestPoint(points, pixel(event), ([px, py]) => [s.x.apply(px), s.y.apply(py)], radius / zoom());
    chart.style.cursor = hit >= 0 ? "pointer" : "crosshair";
  });

  root.addEventListener("keydown", (event) => {
    const n = points.length;
    const say = (text: string) => void (live.textContent = text);
    const describe = (i: number) => `point ${i + 1} of ${points.length}: x = ${points[i][0]}, y = ${points[i][1]}`;
    const step = event.shiftKey ? 0.5 : 0.05;
    const move = (dx: number, dy: number) => {
      if (!n) return;
      const i = (selected = Math.max(0, Math.min(selected, n - 1)));
      const [px, py] = points[i];
      const moved: Point = [round(clamp(px + dx, x.domain), decimals), round(clamp(py + dy, y.domain), decimals)];
      points = points.map((p, j) => (j === i ? moved : p));
      say(describe(i));
    };
    switch (event.key) {
      case "ArrowLeft": move(-step, 0); break;
      case "ArrowRight": move(step, 0); break;
      case "ArrowUp": move(0, step); break;
      case "ArrowDown": move(0, -step); break;
      case "PageUp":
      case "PageDown":
        if (!n) return;
        selected = (Math.max(selected, 0) + (event.key === "PageDown" ? 1 : n - 1)) % n;
        say(`selected ${describe(selected)}`);
        redraw();
        event.preventDefault();
        return;
      case "Delete":
      case "Backspace": {
        if (!n) return;
        const i = Math.max(0, Math.min(selected, n - 1));
        say(`removed ${describe(i)}`);
        points = points.filter((_, j) => j !== i);
        selected = Math.min(i, points.length - 1);
        break;
      }
      case "Insert": {
        const added: Point = [round((x.domain[0] + x.domain[1]) / 2, decimals), round((y.domain[0] + y.domain[1]) / 2, decimals)];
        points = [...points, added];
        selected = points.length - 1;
        say(`added ${describe(selected)}`);
        break;
      }
      default:
        return;
    }
    event.preventDefault();
    redraw();
    root.dispatchEvent(new Event("input", {bubbles: true}));
  });

  Object.defineProperty(root, "value", {
    get: () => points.map(([px, py]) => [px, py]),
    set: (value: unknown) => {
      points = checkPoints(value, "value");
      redraw();
    }
  });
  root.overlay = (next, options = {}) => {
    marks = next;
    if (options.width !== undefined && options.width !== width) {
      checkPositive(options.width, "width");
      width = options.width;
      stack.replaceChildren((chart = base()), (under = layer(marks)).svg, (over = layer(pointMarks())).svg);
      return;
    }
    under.mark(marks);
  };
  return root;
}

/**
 * The index of the point nearest to `at` (in pixels) if it lies within `radius` pixels, else
 * −1. `toPixels` places a data point on the chart.
 */
export function nearestPoint(points: readonly Point[], at: [number, number], toPixels: (point: Point) => [number, number], radius: number): number {
  let best = -1;
  let bestDistance = radius;
  points.forEach((point, i) => {
    const [px, py] = toPixels(point);
    const distance = Math.hypot(px - at[0], py - at[1]);
    if (distance <= bestDistance) (best = i), (bestDistance = distance);
  });
  return best;
}

/** The points as [x, y] pairs of finite numbers, or an error that names the first bad one. */
export function checkPoints(value: unknown, name: string): Point[] {
  if (!Array.isArray(value)) throw new Error(`pointPicker: ${name} is not an array of [x, y] pairs`);
  return value.map((p: unknown, i) => {
    if (!Array.isArray(p) || p.length !== 2 || !p.every((v) => typeof v === "number" && Number.isFinite(v))) {
      throw new Error(`pointPicker: ${name}[${i}] is not a pair of numbers`);
    }
    return [p[0], p[1]] as Point;
  });
}

function axis(option: PickerAxis | undefined, name: "x" | "y"): Required<PickerAxis> {
  const domain = option?.domain ?? [-10, 10];
  if (!Array.isArray(domain) || domain.length !== 2 || !(domain[0] < domain[1])) {
    throw new Error(`pointPicker: invalid ${name}.domain; not [lowest, highest]: ${JSON.stringify(domain)}`);
  }
  return {domain, label: option?.label ?? name};
}

function checkPositive(value: number, name: string) {
  if (!(value > 0)) throw new Error(`pointPicker: invalid ${name}; not a positive number: ${value}`);
}

function clamp(value: number, [lo, hi]: [number, number]): number {
  return Math.max(Math.min(lo, hi), Math.min(Math.max(lo, hi), value));
}

function within(value: number, [lo, hi]: [number, number]): boolean {
  return lo <= value && value <= hi;
}

function round(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}
