import type {ScaleLinear} from "d3-scale";
import {project, type Point3, type View} from "./project.js";
import {fixed, svgElement} from "./svg.js";

/** Half the height of the 3D box in world units; its floor spans [−1, 1]². */
export const HALF_HEIGHT = 0.6;

/** How data coordinates map into the box, and which axis names to write. */
export interface BoxFrame {
  /** Data x → world x in [−1, 1]. */
  x: ScaleLinear<number, number>;
  /** Data y → world y in [−1, 1]. */
  y: ScaleLinear<number, number>;
  /** Data z → world z in [−HALF_HEIGHT, HALF_HEIGHT], clamped. */
  z: ScaleLinear<number, number>;
  /** Axis titles, written beside each axis. */
  labels: {x: string; y: string; z: string};
}

/** Tick labels stop being written when their axis is shorter than this on screen. */
const MIN_AXIS_PIXELS = 28;
const LABEL_WIDTH = 26;
const LABEL_HEIGHT = 13;
const TICK_GAP = 7;

/**
 * Draws the box around a 3D chart for the current view, the way a reader expects from
 * paper: the floor and the two far walls with grid lines in `back` (to be painted under the
 * surface), ticks and titles along the near edges in `front` (painted over it).
 */
export function drawBoxAxes(back: SVGGElement, front: SVGGElement, frame: BoxFrame, view: View, document: Document): void {
  const m = view.rotation;
  const H = HALF_HEIGHT;
  // The camera sits on the side its direction (row 3) points to; the far walls face it.
  const xb = m[6] > 0 ? -1 : 1;
  const yb = m[7] > 0 ? -1 : 1;
  const xf = -xb;
  const yf = -yb;
  const P = (p: Point3) => project(p, view);
  const xt = frame.x.ticks(5).map(frame.x);
  const yt = frame.y.ticks(5).map(frame.y);
  const zt = frame.z.ticks(5).map(frame.z);

  const panes: Point3[][] = [
    [[-1, -1, -H], [1, -1, -H], [1, 1, -H], [-1, 1, -H]],
    [[xb, -1, -H], [xb, 1, -H], [xb, 1, H], [xb, -1, H]],
    [[-1, yb, -H], [1, yb, -H], [1, yb, H], [-1, yb, H]]
  ];
  const lines: [Point3, Point3][] = [
    ...xt.map((x): [Point3, Point3] => [[x, -1, -H], [x, 1, -H]]),
    ...yt.map((y): [Point3, Point3] => [[-1, y, -H], [1, y, -H]]),
    ...yt.map((y): [Point3, Point3] => [[xb, y, -H], [xb, y, H]]),
    ...zt.map((z): [Point3, Point3] => [[xb, -1, z], [xb, 1, z]]),
    ...xt.map((x): [Point3, Point3] => [[x, yb, -H], [x, yb, H]]),
    ...zt.map((z): [Point3, Point3] => [[-1, yb, z], [1, yb, z]])
  ];
  back.replaceChildren(
    svgElement(document, "path", {
      class: "panes",
      d: panes.map((pane) => polygon(pane.map(P))).join(""),
      fill: "var(--code-bg, #f4f2ec)",
      stroke: "var(--muted, #6a6f7a)",
      "stroke-opacity": 0.5,
      "stroke-linejoin": "round"
    }),
    svgElement(document, "path", {
      class: "grid",
      d: lines.map(([a, b]) => segment(P(a), P(b))).join(""),
      fill: "none",
      stroke: "var(--muted, #6a6f7a)",
      "stroke-opacity": 0.2
    })
  );

  front.replaceChildren();
  const axis = (
    scale: ScaleLinear<number, number>,
    at: (t: number) => Point3,
    outward: Point3,
    title: string,
    titleAt: Point3 | null
  ) => {
    const [lo, hi] = scale.range();
    const a = P(at(lo));
    const b = P(at(hi));
    if (Math.hypot(b[0] - a[0], b[1] - a[1]) < MIN_AXIS_PIXELS) return;
    const [ux, uy] = direction(outward, view);
    const format = scale.tickFormat(5);
    const ticks = scale.ticks(5);
    // Seen nearly end-on, an axis's labels would pile up; its title still says which it is.
    // Labels stacked vertically need a line of room each, side by side a label's width.
    const step = ticks.length > 1 ? (scale(ticks[1]) - scale(ticks[0])) / (hi - lo) : 1;
    const crowded = (((b[0] - a[0]) * step) / LABEL_WIDTH) ** 2 + (((b[1] - a[1]) * step) / LABEL_HEIGHT) ** 2 < 1;
    for (const t of crowded ? [] : ticks) {
      const [sx, sy] = P(at(scale(t)));
      // The z axis starts at a corner where a floor axis ends; its tick there would collide.
      if (!titleAt && Math.hypot(sx - a[0], sy - a[1]) < 10) continue;
      front.append(text(document, sx + ux * TICK_GAP, sy + uy * TICK_GAP, ux, uy, format(t), {class: "tick", "fill-opacity": 0.8}));
    }
    if (titleAt) {
      const [sx, sy] = P(titleAt);
      const gap = TICK_GAP + 18 + 16 * Math.abs(ux);
      front.append(text(document, sx + ux * gap, sy + uy * gap, ux, uy, title, {class: "title", "font-size": 12, "font-weight": 600}));
    } else {
      // The z title sits above the top of its axis, where there is always room.
      const [sx, sy] = P(at(hi));
      front.append(text(document, sx, sy - 12, 0, -1, title, {class: "title", "font-size": 12, "font-weight": 600}));
    }
  };
  axis(frame.x, (x) => [x, yf, -H], [0, yf, 0], frame.labels.x, [0, yf, -H]);
  axis(frame.y, (y) => [xf, y, -H], [xf, 0, 0], frame.labels.y, [xf, 0, -H]);
  // z goes up whichever of the two side corners is further left on screen.
  const corners: [number, number][] = [[xb, yf], [xf, yb]];
  const [cx, cy] = corners.reduce((left, c) => (P([c[0], c[1], 0])[0] < P([left[0], left[1], 0])[0] ? c : left));
  axis(frame.z, (z) => [cx, cy, z], [cx, cy, 0], frame.labels.z, null);
}

/** The screen direction (unit, y down) of a world direction; straight down if it points at the reader. */
function direction(v: Point3, view: View): [number, number] {
  const m = view.rotation;
  const x = m[0] * v[0] + m[1] * v[1] + m[2] * v[2];
  const y = -(m[3] * v[0] + m[4] * v[1] + m[5] * v[2]);
  const length = Math.hypot(x, y);
  return length < 0.2 ? [0, 1] : [x / length, y / length];
}

function text(
  document: Document,
  x: number,
  y: number,
  ux: number,
  uy: number,
  content: string,
  attributes: Record<string, string | number>
): SVGTextElement {
  return svgElement(
    document,
    "text",
    {
      x,
      y,
      "text-anchor": ux > 0.35 ? "start" : ux < -0.35 ? "end" : "middle",
      dy: uy > 0.35 ? "0.71em" : uy < -0.35 ? "0em" : "0.32em",
      ...attributes
    },
    [content]
  );
}

function polygon(points: Point3[]): string {
  return `M${points.map(([x, y]) => `${fixed(x)},${fixed(y)}`).join("L")}Z`;
}

function segment(a: Point3, b: Point3): string {
  return `M${fixed(a[0])},${fixed(a[1])}L${fixed(b[0])},${fixed(b[1])}`;
}
