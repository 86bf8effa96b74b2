import {formatNumber} from "./format.js";
import type {ColorScheme, Markish, PlotOptions} from "@observablehq/plot";
import * as Plot from "./plot.js";
import {clipLine, type Boundary} from "./clip-line.js";
import {colorRamp} from "./color-ramp.js";
import {zExtent, type Grid} from "./grid.js";
import {heatMap, type HeatMap} from "./heat-map.js";
import {legend} from "./legend.js";
import {palette} from "./palette.js";
import {topLayer, type TopLayer} from "./top-layer.js";

/** A point in the plane of a top view, in data coordinates. */
export type Point2 = [number, number];

/** How to draw a top view. */
export interface TopViewOptions {
  /** Width in pixels; the chart shrinks to fit a narrower column. Default 640. */
  width?: number;
  /** Height in pixels. Default 0.7 × width, at most 480 (or as aspectRatio implies). */
  height?: number;
  /**
   * As in Plot, the screen length of a unit of x over that of a unit of y; sets the height.
   * With 1, both axes share units, so a gradient arrow meets the contours at right angles.
   */
  aspectRatio?: number;
  /** Axis titles, and the colour legend's title for z. Default "x", "y" and "z". */
  labels?: {x?: string; y?: string; z?: string};
  /** The heights coloured, low to high; values outside take the end colours. Default: the grid's range. */
  zDomain?: [number, number];
  /** A Plot colour scheme name for the heights. Default "viridis", as in the surface. */
  scheme?: ColorScheme;
  /**
   * Contour levels: the levels themselves, or a count (a hint, as Plot's thresholds: evenly
   * spaced, nice values); 0 draws none. Default 10. For a loss, which grows as a square away
   * from its minimum, sampling √loss instead gives evenly spaced rings.
   */
  contours?: number | number[];
  /** Whether to show a colour legend for z above the chart. Default false. */
  legend?: boolean;
  /** More Plot marks for the base chart, drawn once over the heat map (data points, say). */
  marks?: Markish[];
  /**
   * A top view drawn before, such as a cell's `this`: it is repainted in place with this grid
   * and returned, instead of a new one being built, when nothing but the grid's values changed
   * (same size, domains, colours, labels and contour levels, and no `marks`). A slider that
   * changes the function then costs a repaint of the heat map, not a new chart. Anything else
   * is ignored.
   */
  reuse?: unknown;
  /** The document to create elements in (jsdom in tests). */
  document?: Document;
}

/** What the overlay shows; every field is optional and each call replaces the whole overlay. */
export interface TopViewMarks {
  /** A marked point (the model's current parameters), in palette.model. */
  point?: Point2;
  /** A path of points visited (gradient descent's steps), in palette.path. */
  path?: Point2[];
  /** An arrow (a gradient step), in palette.gradient. */
  arrow?: {from: Point2; to: Point2};
  /** A polyline in palette.model, drawn as given (clipped to the frame). */
  line?: Point2[];
  /** The straight line w1·x + w2·y + b = 0 (a decision boundary), clipped to the domain, in palette.model. */
  boundary?: Boundary;
  /**
   * More paths, each in its own colour (runs side by side, a preview of the next steps), drawn
   * under `path` and `point`; those with a label are listed in a legend under the chart.
   */
  paths?: TopViewPath[];
  /** More Plot marks for the overlay. */
  marks?: Markish[];
}

/** One of several paths on a top view. */
export interface TopViewPath {
  /** The points: [x, y] pairs, or one Float64Array interleaved [x₀, y₀, x₁, y₁, …] (as previewPath gives). */
  path: readonly Point2[] | Float64Array;
  /** Its colour. Default palette.path. */
  color?: string;
  /** What it is, for the legend ("η = 0.001, from (1, 0)"); unlabelled paths are not listed. */
  label?: string;
  /** Dashed, for a path not yet walked (a preview). */
  dashed?: boolean;
  /** A dot at its last point, as where that run stands. Default true. */
  end?: boolean;
}

/** A heat map with contours of f(x, y), and a light overlay redrawn by {@link TopView.mark}. */
export interface TopView extends HTMLDivElement {
  /** Replaces the overlay; the heat map below is not redrawn. */
  mark(marks: TopViewMarks): void;
}

const MARGINS = {marginTop: 20, marginRight: 20, marginBottom: 40, marginLeft: 50};

/** How to redraw each top view in place, for {@link TopViewOptions.reuse}. */
const redraws = new WeakMap<Element, (grid: Grid, options: TopViewOptions) => void>();

/** What is drawn once per size, domain, colours and labels; a new grid only repaints its heat map. */
interface Chart {
  /** The options that shape the chart, as a key: the same key, the same chart. */
  key: string;
  /** Size, margins and domains, shared by the base chart and the overlay. */
  frame: PlotOptions;
  /** The grid's x and y extents. */
  xDomain: Point2;
  yDomain: Point2;
  /** The heat map in the base chart, to repaint with a new grid. */
  heat: HeatMap;
}

/**
 * Draws the grid's function seen from above, as Plot charts: a heat map with contour lines
 * and labelled axes, drawn once, and a transparent chart of the same size and scales stacked
 * exactly on top of it for the marks that move.
 */
export function topView(grid: Grid, options: TopViewOptions = {}): TopView {
  const reused = options.reuse instanceof Element ? redraws.get(options.reuse) : undefined;
  if (reused) {
    reused(grid, options);
    return options.reuse as TopView;
  }
  const {document = globalThis.document} = options;
  const wrapper = document.createElement("div");
  wrapper.className = "draw-top-view";
  const stack = document.createElement("div");
  stack.style.position = "relative";
  let chart: Chart | null = null;
  let marked: TopViewMarks = {};
  let overlay: TopLayer | null = null;
  // The legend of labelled paths, under the chart; there only while some path has a label.
  let key: HTMLUListElement | null = null;
  const showLegend = (marks: TopViewMarks) => {
    const items = (marks.paths ?? []).filter((p) => p.label).map((p) => ({label: p.label!, color: p.color ?? palette.path, dashed: p.dashed}));
    const next = items.length ? legend(items, {document, label: "paths"}) : null;
    if (key) key.replaceWith(...(next ? [next] : []));
    else if (next) wrapper.append(next);
    key = next;
  };
  let seen = "";
  // The map's text alternative follows the point on it; a widget that makes the map draggable
  // (role application) gives its own.
  const describe = () => {
    if (wrapper.getAttribute("role") === "application") return;
    const p = marked.point;
    const text = p ? `${seen}; the point is at ${formatNumber(p[0])}, ${formatNumber(p[1])}` : seen;
    wrapper.setAttribute("role", "img");
    if (wrapper.getAttribute("aria-label") !== text) wrapper.setAttribute("aria-label", text);
  };
  const redraw = (grid: Grid, options: TopViewOptions) => {
    const next = settings(grid, options);
    // Extra base marks are the reader's, and may differ with the grid: draw those anew.
    if (chart && next.key === chart.key && !options.marks?.length) return chart.heat.update(grid);
    const {base, legend, ...drawn} = draw(grid, options, next);
    chart = drawn;
    const {x = "x", y = "y", z = "z"} = options.labels ?? {};
    const [lo, hi] = next.zScale;
    seen = `Map of ${z} over ${x} and ${y}, seen from above: ${z} from ${formatNumber(lo)} to ${formatNumber(hi)} as colour`;
    describe();
    wrapper.style.maxWidth = `${next.frame.width}px`;
    overlay = overlayChart(overlayMarks(marked, chart.xDomain, chart.yDomain), chart.frame);
    stack.replaceChildren(base, overlay.svg);
    wrapper.replaceChildren(...(legend ? [legend] : []), stack, ...(key ? [key] : []));
  };
  redraw(grid, options);
  redraws.set(wrapper, redraw);

  return Object.defineProperty(wrapper, "mark", {
    value: (marks: TopViewMarks) => {
      marked = marks;
      // Drawn again in the overlay's own svg where it can be (see top-layer.ts).
      overlay!.mark(overlayMarks(marks, chart!.xDomain, chart!.yDomain));
      if (marks.paths?.length || key) showLegend(marks);
      describe();
    }
  }) as TopView;
}

/** Checks the options, and works out the chart's size, domains and colours. */
function settings(grid: Grid, options: TopViewOptions) {
  const {width = 640, aspectRatio, labels = {}, zDomain, scheme = "viridis", contours = 10, legend = false, document = globalThis.document} = options;
  if (aspectRatio !== undefined && !(aspectRatio > 0)) throw new Error(`topView: invalid aspectRatio; not a positive number: ${aspectRatio}`);
  const {nx, ny} = grid;
  const xDomain: Point2 = [grid.x[0], grid.x[nx - 1]];
  const yDomain: Point2 = [grid.y[0], grid.y[ny - 1]];
  // Computed here rather than by Plot, whose aspectRatio counts its default margins, not ours.
  const {
    height = aspectRatio === undefined
      ? Math.min(Math.round(width * 0.7), 480)
      : ((width - MARGINS.marginLeft - MARGINS.marginRight) * Math.abs(yDomain[1] - yDomain[0])) / Math.abs(xDomain[1] - xDomain[0]) / aspectRatio +
        MARGINS.marginTop +
        MARGINS.marginBottom
  } = options;
  if (!(width > 0) || !(height > 0)) throw new Error(`topView: invalid size; not positive numbers: ${width} × ${height}`);
  const zScale = zExtent(grid, zDomain);
  // Both charts share size, margins and domains, so their x and y scales are the same.
  const frame: PlotOptions = {width, height, ...MARGINS, document, x: {domain: xDomain}, y: {domain: yDomain}};
  const key = JSON.stringify([width, height, nx, ny, xDomain, yDomain, zScale, scheme, contours, legend, labels]);
  return {frame, xDomain, yDomain, zScale, key};
}

/** The base chart (axes, frame, heat map and the options' marks) and the legend, drawn anew. */
function draw(grid: Grid, options: TopViewOptions, {frame, xDomain, yDomain, zScale, key}: ReturnType<typeof settings>) {
  const {labels = {}, scheme = "viridis", contours = 10, legend = false, marks = [], document = globalThis.document} = options;
  const heat = heatMap(grid, {color: colorRamp(zScale, scheme), zDomain: zScale, contours, label: labels.z ?? "z"});
  const base = Plot.plot({
    ...frame,
    x: {domain: xDomain, label: labels.x ?? "x"},
    y: {domain: yDomain, label: labels.y ?? "y"},
    marks: [heat.mark, Plot.frame({stroke: "currentColor", strokeOpacity: 0.3}), ...marks]
  });
  const color = {type: "linear", scheme, domain: zScale, clamp: true, label: labels.z ?? "z"} as const;
  // Plot's types leave out legend's document option, which its createContext does read.
  const legendOptions: Plot.LegendScales & {document: Document} = {color, marginLeft: MARGINS.marginLeft, width: 240 + MARGINS.marginLeft, document};
  return {base, legend: legend ? Plot.legend(legendOptions) : null, key, frame, xDomain, yDomain, heat};
}

function overlayChart(marks: Markish[], frame: PlotOptions): TopLayer {
  return topLayer(
    {
      ...frame,
      x: {...frame.x, axis: null},
      y: {...frame.y, axis: null},
      style: "position: absolute; left: 0; top: 0; width: 100%; height: auto; pointer-events: none; background: none;"
    },
    marks,
    // The base chart already describes the axes and heat map to assistive technology.
    (svg) => svg.setAttribute("aria-hidden", "true")
  );
}

/** The overlay's marks: the point, paths, arrow and lines given, then the caller's own. */
function overlayMarks({point, path, paths = [], arrow, line, boundary, marks = []}: TopViewMarks, xDomain: Point2, yDomain: Point2): Markish[] {
  const x = (d: Point2) => d[0];
  const y = (d: Point2) => d[1];
  const segment = boundary && clipLine(boundary, xDomain, yDomain);
  return [
    segment ? Plot.line(segment, {x, y, stroke: palette.model, strokeWidth: 2.5, clip: true}) : null,
    line ? Plot.line(line, {x, y, stroke: palette.model, strokeWidth: 2, clip: true}) : null,
    ...paths.flatMap(pathMarks),
    path ? Plot.line(path, {x, y, stroke: palette.path, strokeWidth: 2, clip: true}) : null,
    path && path.length <= 200 ? Plot.dot(path, {x, y, r: 2.5, fill: palette.path, clip: true}) : null,
    arrow
      ? Plot.arrow([arrow], {
          x1: (d: {from: Point2}) => d.from[0],
          y1: (d: {from: Point2}) => d.from[1],
          x2: (d: {to: Point2}) => d.to[0],
          y2: (d: {to: Point2}) => d.to[1],
          stroke: palette.gradient,
          strokeWidth: 2.5,
          headLength: 10,
          clip: true
        })
      : null,
    point ? Plot.dot([point], {x, y, r: 5.5, fill: palette.model, stroke: "var(--bg, white)", strokeWidth: 1.5, clip: true}) : null,
    ...marks
  ];
}

/** One of several paths: a line with a thin halo, so it shows on any colour of the heat map, and its end. */
function pathMarks({path, color = palette.path, dashed = false, end = true}: TopViewPath): Markish[] {
  const [xs, ys] = columns(path);
  if (xs.length === 0) return [];
  const data = {length: xs.length};
  const line = {x: xs, y: ys, clip: true, strokeLinejoin: "round", strokeLinecap: "round"} as const;
  const last = {length: 1};
  return [
    Plot.line(data, {...line, stroke: "var(--bg, white)", strokeOpacity: 0.5, strokeWidth: 4.5}),
    Plot.line(data, {...line, stroke: color, strokeWidth: 2.5, ...(dashed ? {strokeDasharray: "5 4"} : {})}),
    end ? Plot.dot(last, {x: [xs[xs.length - 1]], y: [ys[ys.length - 1]], r: 4, fill: color, stroke: "var(--bg, white)", strokeWidth: 1, clip: true}) : null
  ];
}

/** A path's x and y as two columns, from pairs or from interleaved values. */
export function columns(path: readonly Point2[] | Float64Array): [Float64Array, Float64Array] {
  if (path instanceof Float64Array) {
    if (path.length % 2) throw new Error(`topView: a path of interleaved x and y has an odd length: ${path.length}`);
    const n = path.length / 2;
    const xs = new Float64Array(n);
    const ys = new Float64Array(n);
    for (let i = 0; i < n; ++i) (xs[i] = path[2 * i]), (ys[i] = path[2 * i + 1]);
    return [xs, ys];
  }
  return [Float64Array.from(path, (p) => p[0]), Float64Array.from(path, (p) => p[1])];
}
