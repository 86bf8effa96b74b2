import * as Plot from "../draw/plot.js";
import {layered, type Layered} from "../draw/layered.js";
import {palette} from "../draw/palette.js";

/** A curve y(x) as the reader sees it; also what a preset or a function of x becomes. */
export type Curve = ((x: number) => number) | [number, number][];

/** Options for a curve the reader draws. */
export interface DrawCurveOptions {
  /** The x domain, fixed, so drawing never rescales the chart. */
  x?: [number, number];
  /** The y domain; strokes above or below it stop at its edge. */
  y?: [number, number];
  /** How many evenly spaced x, ends included, the curve is held at. */
  samples?: number;
  /** Named curves shown as buttons; pressing one replaces the curve with it. */
  presets?: Record<string, (x: number) => number>;
  /** The starting curve: a preset's name, a function of x, or [x, y] pairs. */
  value?: string | Curve;
  /** The chart's width and height in pixels. */
  width?: number;
  height?: number;
  /** Axis labels. */
  xLabel?: string;
  yLabel?: string;
  /** The colour of the drawn curve. */
  stroke?: string;
  document?: Document;
}

/** The widget: an input whose value is the curve as [x, y] pairs at evenly spaced x. */
export type DrawCurve = HTMLElement & {
  value: [number, number][];
  /** Draws marks over the curve (a fitted model, say) without touching the curve. */
  overlay(marks: Plot.Markish[]): void;
};

/**
 * A chart the reader draws a curve on with the pointer, in the Inputs sense: `.value` holds
 * the curve and every stroke fires "input". Setting `.value` (pairs or a function of x)
 * redraws it without firing, as Inputs do.
 */
export function drawCurve(options: DrawCurveOptions = {}): DrawCurve {
  const {
    x: xDomain = [-10, 10],
    y: yDomain = [-10, 10],
    samples = 201,
    presets = {},
    width = 640,
    height = 320,
    xLabel = "x",
    yLabel = "y",
    stroke = palette.data,
    document = globalThis.document
  } = options;
  checkDomain(xDomain, "x");
  checkDomain(yDomain, "y");
  if (!Number.isInteger(samples) || samples < 2) throw new Error(`drawCurve: invalid samples; not an integer ≥ 2: ${samples}`);
  const xs = Array.from({length: samples}, (_, i) => (xDomain[0] * (samples - 1 - i) + xDomain[1] * i) / (samples - 1));
  let ys: Float64Array = new Float64Array(samples);
  let overlay: Plot.Markish[] = [];
  // The chart: the target and the axes below, drawn again when the target changes; the overlay
  // on a layer above, drawn again alone when only it changes (a slider in the chapter).
  let chart: Layered | null = null;
  let plot: SVGSVGElement | null = null; // the chart below, whose scales map the pointer
  let targetChanged = true;

  const root = document.createElement("div") as unknown as DrawCurve;
  root.className = "draw-curve";
  const bar = document.createElement("div");
  bar.setAttribute("role", "group");
  bar.setAttribute("aria-label", "target curves");
  bar.style.cssText = "display:flex;flex-wrap:wrap;align-items:center;gap:0.4rem;font:14px var(--font-ui, sans-serif);margin-bottom:0.3rem";
  const buttons = new Map<string, HTMLButtonElement>();
  for (const name of Object.keys(presets)) {
    const b = document.createElement("button");
    b.type = "button";
    b.dataset.preset = name;
    b.textContent = name;
    b.style.cssText = "font:inherit;padding:0.2rem 0.7rem;border:1px solid var(--rule, #ccc);border-radius:5px;background:var(--panel, transparent);color:var(--fg, inherit);cursor:pointer";
    b.addEventListener("click", () => {
      set(presets[name], name);
      root.dispatchEvent(new Event("input", {bubbles: true}));
    });
    buttons.set(name, b);
    bar.append(b);
  }
  const hint = document.createElement("span");
  hint.style.cssText = "color:var(--muted, gray);margin-left:0.4rem";
  hint.textContent = "or drag across the chart to draw your own";
  bar.append(hint);
  const surface = document.createElement("div");
  surface.style.cssText = "touch-action:none;cursor:crosshair;user-select:none;-webkit-user-select:none";
  root.append(bar, surface);

  // While the reader draws, pointer moves and overlays arrive many times a frame: draw once per frame.
  let frame = 0;
  function later() {
    const view = document.defaultView;
    if (!view?.requestAnimationFrame) return render();
    if (!frame) frame = view.requestAnimationFrame(render);
  }

  function render() {
    if (frame) {
      document.defaultView?.cancelAnimationFrame(frame);
      frame = 0;
    }
    if (chart && !targetChanged) return chart.mark(overlay);
    targetChanged = false;
    chart = layered(
      {document, width, height, grid: true, x: {domain: xDomain, label: xLabel}, y: {domain: yDomain, label: yLabel}},
      [
        Plot.ruleY([0], {stroke: "currentColor", strokeOpacity: 0.3}),
        Plot.line(xs, {ariaDescription: "target", x: (x: number) => x, y: (_: number, i: number) => ys[i], stroke, strokeWidth: 3, strokeOpacity: 0.8})
      ],
      overlay
    );
    plot = chart.querySelector("svg");
    surface.replaceChildren(chart);
  }

  function set(curve: string | Curve, name?: string) {
    if (typeof curve === "string") {
      if (!(curve in presets)) throw new Error(`drawCurve: no preset named "${curve}"`);
      name = curve;
      curve = presets[curve];
    }
    ys = sampleCurve(curve, xs, yDomain);
    targetChanged = true;
    pressed(name);
    render();
  }

  // Shows which preset the curve is, if it still is one.
  function pressed(name?: string) {
    for (const [n, b] of buttons) {
      b.setAttribute("aria-pressed", String(n === name));
      b.style.borderColor = n === name ? "var(--accent, currentColor)" : "var(--rule, #ccc)";
      b.style.fontWeight = n === name ? "600" : "";
    }
  }

  // Where the pointer is, in the chart's units, clamped to its domains.
  function at(event: PointerEvent): [number, number] | null {
    if (!plot) return null;
    const box = plot.getBoundingClientRect();
    // The chart may be shown narrower than it was drawn (max-width: 100%).
    const k = box.width ? width / box.width : 1;
    const {scale} = plot as unknown as ReturnType<typeof Plot.plot>;
    const sx = scale("x")!;
    const sy = scale("y")!;
    const x = sx.invert!((event.clientX - box.left) * k) as number;
    const y = sy.invert!((event.clientY - box.top) * k) as number;
    if (!Number.isFinite(x) || !Number.isFinite(y)) return null;
    return [clamp(x, xDomain), clamp(y, yDomain)];
  }

  let last: {id: number; point: [number, number]} | null = null;
  surface.addEventListener("pointerdown", (event) => {
    if (event.button !== 0 || last) return;
    const point = at(event);
    if (!point) return;
    event.preventDefault();
    surface.setPointerCapture?.(event.pointerId);
    last = {id: event.pointerId, point};
    paintStroke(ys, xs, point, point);
    targetChanged = true;
    pressed();
    later();
    root.dispatchEvent(new Event("input", {bubbles: true}));
  });
  surface.addEventListener("pointermove", (event) => {
    if (last?.id !== event.pointerId) return;
    const point = at(event);
    if (!point) return;
    paintStroke(ys, xs, last.point, point);
    last.point = point;
    targetChanged = true;
    later();
    root.dispatchEvent(new Event("input", {bubbles: true}));
  });
  const end = (event: PointerEvent) => {
    if (last?.id === event.pointerId) last = null;
  };
  surface.addEventListener("pointerup", end);
  surface.addEventListener("pointercancel", end);

  Object.defineProperty(root, "value", {
    get: () => Array.from(xs, (x, i): [number, number] => [x, ys[i]]),
    set: (curve: string | Curve) => set(curve)
  });
  root.overlay = (marks) => {
    overlay = marks;
    if (last) later();
    else render();
  };
  const first = options.value ?? Object.keys(presets)[0];
  set(first ?? ((): number => 0));
  return root;
}

/**
 * Paints a straight stroke from one point to another onto the curve: every sample whose x
 * lies between the two gets the stroke's height there. A fast stroke skips no samples.
 */
export function paintStroke(ys: Float64Array, xs: readonly number[], [x0, y0]: [number, number], [x1, y1]: [number, number]): void {
  const lo = Math.min(x0, x1);
  const hi = Math.max(x0, x1);
  const spacing = (xs[xs.length - 1] - xs[0]) / (xs.length - 1);
  let touched = false;
  for (let i = 0; i < xs.length; ++i) {
    if (xs[i] < lo || xs[i] > hi) continue;
    ys[i] = x1 === x0 ? y1 : y0 + ((xs[i] - x0) / (x1 - x0)) * (y1 - y0);
    touched = true;
  }
  // A stroke shorter than the spacing between samples still moves the sample nearest its end.
  if (!touched) {
    const i = Math.max(0, Math.min(xs.length - 1, Math.round((x1 - xs[0]) / spacing)));
    ys[i] = y1;
  }
}

/** A curve held at xs: a function is evaluated there, pairs are joined by straight lines. */
export function sampleCurve(curve: Curve, xs: readonly number[], [lo, hi]: [number, number]): Float64Array {
  let f: (x: number) => number;
  if (typeof curve === "function") f = curve;
  else if (Array.isArray(curve)) f = interpolate(curve);
  else throw new Error(`drawCurve: the curve is neither a function of x nor [x, y] pairs: ${curve}`);
  return Float64Array.from(xs, (x) => {
    const y = +f(x);
    if (!Number.isFinite(y)) throw new Error(`drawCurve: the curve is not a finite number at x = ${x}: ${y}`);
    return Math.max(lo, Math.min(hi, y));
  });
}

function interpolate(pairs: [number, number][]): (x: number) => number {
  pairs.forEach((p, i) => {
    if (!Array.isArray(p) || p.length !== 2 || !p.every(Number.isFinite)) throw new Error(`drawCurve: value[${i}] is not a pair of numbers`);
  });
  if (pairs.length === 0) throw new Error("drawCurve: the curve has no points");
  const sorted = [...pairs].sort((a, b) => a[0] - b[0]);
  return (x) => {
    if (x <= sorted[0][0]) return sorted[0][1];
    for (let i = 1; i < sorted.length; ++i) {
      const [xa, ya] = sorted[i - 1];
      const [xb, yb] = sorted[i];
      // At a pair's own x, its own y exactly: a curve set from its own value keeps every bit.
      if (x === xb) return yb;
      if (x < xb) return xb === xa ? yb : ya + ((x - xa) / (xb - xa)) * (yb - ya);
    }
    return sorted[sorted.length - 1][1];
  };
}

function clamp(v: number, [lo, hi]: [number, number]): number {
  return Math.max(lo, Math.min(hi, v));
}

function checkDomain(domain: [number, number], name: string): void {
  if (!Array.isArray(domain) || domain.length !== 2 || !domain.every(Number.isFinite) || domain[0] >= domain[1]) {
    throw new Error(`drawCurve: invalid ${name}; not two ascending finite numbers: ${JSON.stringify(domain)}`);
  }
}
