import type {ColorScheme} from "@observablehq/plot";
import {scaleLinear} from "d3-scale";
import {drawBoxAxes, HALF_HEIGHT, type BoxFrame} from "./box-axes.js";
import {colorRamp} from "./color-ramp.js";
import {formatNumber} from "./format.js";
import {zExtent, type Grid} from "./grid.js";
import {buildMesh, paintMesh, paintOrder, type Mesh} from "./mesh.js";
import {palette} from "./palette.js";
import {project, rotation, type Point3, type View} from "./project.js";
import {repaintOnDisplayChange} from "./on-canvas.js";
import {normalizeAngles, rotatable, type Angles} from "./rotate.js";
import {fixed, setAttributes, svgElement} from "./svg.js";

/** How to draw a surface. */
export interface SurfaceOptions {
  /** Width in pixels; the chart shrinks to fit a narrower column. Default 640. */
  width?: number;
  /** Height in pixels. Default 0.7 × width, at most 560. */
  height?: number;
  /** Initial turn around the vertical axis, in degrees. Default −35. */
  azimuth?: number;
  /** Initial height of the eye above the floor, in degrees (0 to 90). Default 30. */
  elevation?: number;
  /** Axis titles. Default "x", "y" and "z". */
  labels?: {x?: string; y?: string; z?: string};
  /** The heights shown, bottom to top; values outside are clamped to it. Default: the grid's range. */
  zDomain?: [number, number];
  /** A Plot colour scheme name for the heights. Default "viridis". */
  scheme?: ColorScheme;
  /** At most this many quads are drawn; finer grids are thinned out. Default 1600. */
  maxQuads?: number;
  /**
   * Called as the reader drags the first marked point (pressing within a few pixels of it): it
   * slides in its own horizontal plane, and this gets its new data x and y. Without it, a
   * press anywhere turns the view.
   */
  onDragPoint?: (x: number, y: number) => void;
  /**
   * A surface drawn before, such as a cell's `this`: it is redrawn in place with this grid and
   * these options, at the angle the reader turned it to, and returned, instead of a new one
   * being built. That keeps a slider that reshapes the surface as quick as turning it.
   * Anything else is ignored (a new surface is drawn).
   */
  reuse?: unknown;
  /** The document to create elements in (jsdom in tests). */
  document?: Document;
}

/** A point marked on the surface, in data coordinates. */
export interface SurfacePoint {
  /** Data x. */
  x: number;
  /** Data y. */
  y: number;
  /** Data z (clamped to the z domain). */
  z: number;
  /** Fill colour. Default palette.model. */
  color?: string;
}

/**
 * A rotatable 3D surface. Like every Observable input, its `value` ({azimuth, elevation})
 * changes as the reader turns it and each change fires a bubbling `input` event.
 */
export interface SurfaceView extends HTMLDivElement {
  /** The camera's angles in degrees; setting it turns the view without firing `input`. */
  value: Angles;
  /** Replaces the overlay (points with drop lines, and a path of [x, y, z]) without touching the mesh. */
  mark(points: SurfacePoint[], path?: Point3[]): void;
}

const MARGIN = {top: 30, right: 40, bottom: 36, left: 40};

/** A slider that reshapes the surface again within this many ms is still moving. */
const REST_MS = 150;
/** A mesh coarser than this many quads a side is not made coarser while it moves. */
const MIN_COARSE_SIDE = 10;

/** What a surface shows for one grid and one set of options. */
interface Drawing {
  /** The SVG's size in pixels. */
  width: number;
  height: number;
  /** How data coordinates map into the box, and the axes' titles. */
  frame: BoxFrame;
  /** The quads to paint. */
  mesh: Mesh;
  /** Pixels per world unit. */
  scale: number;
  /** The screen position of the box's centre. */
  origin: [number, number];
  /** Where a drag of the marked point goes (see {@link SurfaceOptions.onDragPoint}). */
  onDragPoint?: (x: number, y: number) => void;
}

/** How to redraw each surface in place, for {@link SurfaceOptions.reuse}. */
const redraws = new WeakMap<Element, (grid: Grid, options: SurfaceOptions) => void>();

/**
 * Draws f(x, y) from a sampled grid as a 3D surface: quads painted far to near, coloured by
 * height and shaded by a fixed light, inside a box with labelled axes. Dragging or the arrow
 * keys turn it. The mesh is painted on a canvas between the box's back walls and its labels,
 * all in one SVG; {@link SurfaceView.mark} moves a point at animation speed without
 * repainting it, and {@link SurfaceOptions.reuse} reshapes it without building it again.
 */
export function surface(grid: Grid, options: SurfaceOptions = {}): SurfaceView {
  const reused = options.reuse instanceof Element ? redraws.get(options.reuse) : undefined;
  if (reused) {
    reused(grid, options);
    return options.reuse as SurfaceView;
  }
  const {document = globalThis.document} = options;
  let drawing = prepare(grid, options);
  let angles = normalizeAngles({azimuth: options.azimuth ?? -35, elevation: options.elevation ?? 30});

  const back = svgElement(document, "g", {class: "back"});
  const canvas = document.createElement("canvas");
  // Screen readers get the wrapper's label and the axes' text; the picture says how high it is.
  canvas.setAttribute("role", "img");
  canvas.style.display = "block";
  const canvasHolder = svgElement(document, "foreignObject", {x: 0, y: 0}, [canvas]);
  const mesh = svgElement(document, "g", {class: "mesh"}, [canvasHolder]);
  const front = svgElement(document, "g", {class: "front"});
  const overlay = svgElement(document, "g", {class: "overlay"});
  const svg = svgElement(
    document,
    "svg",
    {
      fill: "currentColor",
      "font-family": "system-ui, sans-serif",
      "font-size": 11,
      style: "display: block; max-width: 100%; height: auto; touch-action: pan-y; user-select: none;"
    },
    [back, mesh, front, overlay]
  );
  const wrapper = document.createElement("div");
  wrapper.className = "draw-surface";
  wrapper.tabIndex = 0;
  wrapper.setAttribute("role", "application");
  wrapper.setAttribute("aria-roledescription", "3D chart");
  wrapper.append(svg);

  let view: View = {rotation: rotation(angles.azimuth, angles.elevation), scale: drawing.scale, origin: drawing.origin};
  let marked: {points: SurfacePoint[]; path: Point3[]} = {points: [], path: []};
  let order: {quadrant: string; quads: Uint32Array} | null = null;

  /** Sizes the SVG and the canvas for the current drawing, and names what it shows. */
  const layout = (grid: Grid) => {
    const {width, height, frame} = drawing;
    if (svg.getAttribute("width") !== String(width) || svg.getAttribute("height") !== String(height)) {
      setAttributes(svg, {width, height, viewBox: `0 0 ${width} ${height}`});
      setAttributes(canvasHolder, {width, height});
      canvas.style.width = `${width}px`;
      canvas.style.height = `${height}px`;
      wrapper.style.maxWidth = `${width}px`;
    }
    const {x, y, z} = frame.labels;
    label(wrapper, `Surface of ${z} over ${x} and ${y}; drag it, or use the arrow keys, to turn it.`);
    const [lo, hi] = frame.z.domain();
    const shown = (v: number) => formatNumber(Math.max(lo, Math.min(hi, v)));
    label(canvas, Number.isNaN(grid.zMin) ? `no ${z} to show` : `${z} from ${shown(grid.zMin)} to ${shown(grid.zMax)}`);
    order = null;
  };
  const paint = () => {
    // As many canvas pixels as screen pixels (four times as many on a high-density screen, and
    // more once the reader zooms in), so the mesh is as crisp as the axes.
    const ratio = document.defaultView?.devicePixelRatio || 1;
    const [w, h] = [Math.round(drawing.width * ratio), Math.round(drawing.height * ratio)];
    if (canvas.width !== w || canvas.height !== h) (canvas.width = w), (canvas.height = h);
    const context = canvas.getContext("2d");
    if (!context) return;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, drawing.width, drawing.height);
    const [, , , , , , towardX, towardY] = view.rotation;
    const quadrant = `${towardX > 0} ${towardY > 0}`;
    if (order?.quadrant !== quadrant) order = {quadrant, quads: paintOrder(drawing.mesh, towardX > 0, towardY > 0)};
    paintMesh(context, drawing.mesh, order.quads, view, {color: textColor(document), opacity: 0.15, width: 0.5});
  };
  let axesDrawn = "";
  const render = () => {
    view = {rotation: rotation(angles.azimuth, angles.elevation), scale: drawing.scale, origin: drawing.origin};
    // A slider that reshapes the surface within a fixed z domain leaves the box as it was.
    const {frame} = drawing;
    const axes = JSON.stringify([angles, drawing.width, drawing.height, frame.x.domain(), frame.y.domain(), frame.z.domain(), frame.labels]);
    if (axes !== axesDrawn) drawBoxAxes(back, front, frame, view, document), (axesDrawn = axes);
    paint();
    drawOverlay(overlay, marked, drawing.frame, view, document);
  };
  const defaultView = document.defaultView;
  // Pointer events can outpace the screen; the mesh is redrawn at most once per frame.
  let frameRequest = 0;
  const renderSoon = () => {
    if (!defaultView?.requestAnimationFrame) return render();
    frameRequest ||= defaultView.requestAnimationFrame(() => {
      frameRequest = 0;
      render();
    });
  };
  const renderNow = () => {
    if (frameRequest) defaultView?.cancelAnimationFrame(frameRequest), (frameRequest = 0);
    render();
  };
  const EventType = defaultView?.Event ?? Event;
  grabPoint(wrapper, svg, () => drawing, () => view, () => marked.points[0]);
  rotatable(wrapper, svg, (delta) => {
    const next = normalizeAngles({azimuth: angles.azimuth + delta.azimuth, elevation: angles.elevation + delta.elevation});
    if (next.azimuth === angles.azimuth && next.elevation === angles.elevation) return;
    angles = next;
    renderSoon();
    wrapper.dispatchEvent(new EventType("input", {bubbles: true}));
  });
  repaintOnDisplayChange(canvas, paint);
  layout(grid);
  render();
  // While a slider keeps reshaping the surface, each reshape paints a mesh of half the
  // resolution each way (a quarter of the quads, a quarter of the time); once the slider
  // rests, the full mesh follows.
  let reshaped = -Infinity;
  let refine: ReturnType<typeof setTimeout> | undefined;
  const clock = defaultView ?? globalThis;
  redraws.set(wrapper, (grid, options) => {
    const now = clock.performance.now();
    const moving = now - reshaped < REST_MS;
    reshaped = now;
    drawing = prepare(grid, options, moving);
    layout(grid);
    renderNow();
    clock.clearTimeout(refine);
    if (moving) refine = clock.setTimeout(() => ((drawing = prepare(grid, options)), (order = null), renderNow()), REST_MS);
  });

  return Object.defineProperties(wrapper, {
    value: {
      get: (): Angles => ({...angles}),
      set: (value: Angles) => {
        angles = normalizeAngles(value);
        renderNow();
      }
    },
    mark: {
      value: (points: SurfacePoint[], path: Point3[] = []) => {
        marked = {points, path};
        drawOverlay(overlay, marked, drawing.frame, view, document);
      }
    }
  }) as SurfaceView;
}

/**
 * Checks the options and works out everything drawn from the grid that the angle does not
 * change; `coarse`, with every other sample each way (if the mesh is fine enough to spare them).
 */
function prepare(grid: Grid, options: SurfaceOptions, coarse = false): Drawing {
  const {
    width = 640,
    height = Math.min(Math.round(width * 0.7), 560),
    labels = {},
    zDomain,
    scheme = "viridis",
    maxQuads = 1600
  } = options;
  checkPositive(width, "width");
  checkPositive(height, "height");
  checkPositive(maxQuads, "maxQuads");
  const zScale = zExtent(grid, zDomain);
  const frame: BoxFrame = {
    x: scaleLinear([grid.x[0], grid.x[grid.nx - 1]], [-1, 1]),
    y: scaleLinear([grid.y[0], grid.y[grid.ny - 1]], [-1, 1]),
    z: scaleLinear(zScale, [-HALF_HEIGHT, HALF_HEIGHT]).clamp(true),
    labels: {x: labels.x ?? "x", y: labels.y ?? "y", z: labels.z ?? "z"}
  };
  const side = Math.min(Math.max(grid.nx, grid.ny) - 1, Math.floor(Math.sqrt(maxQuads)));
  const quads = coarse && side >= 2 * MIN_COARSE_SIDE ? Math.floor(side / 2) ** 2 : maxQuads;
  const mesh = buildMesh(grid, frame, quads, colorRamp(zScale, scheme));
  return {width, height, frame, mesh, ...fit(width, height), onDragPoint: options.onDragPoint};
}

/**
 * Lets the reader drag the marked point: a press near it (caught before the rotation sees it)
 * follows the pointer across the horizontal plane through the point, seen through the camera.
 */
function grabPoint(
  wrapper: HTMLElement,
  svg: SVGSVGElement,
  drawing: () => Drawing,
  view: () => View,
  point: () => SurfacePoint | undefined
): void {
  const toSvg = (clientX: number, clientY: number): [number, number] => {
    const rect = svg.getBoundingClientRect();
    const k = rect.width / drawing().width || 1;
    return [(clientX - rect.left) / k, (clientY - rect.top) / k];
  };
  wrapper.addEventListener(
    "pointerdown",
    (event) => {
      const {frame, onDragPoint: moved} = drawing();
      const world = (p: SurfacePoint): Point3 => [frame.x(p.x), frame.y(p.y), frame.z(p.z)];
      const p = point();
      if (!moved || !p || event.button !== 0) return;
      const [sx, sy] = project(world(p), view());
      const [cx, cy] = toSvg(event.clientX, event.clientY);
      if (Math.hypot(sx - cx, sy - cy) > 14) return;
      event.stopPropagation(); // a grab, not a turn
      event.preventDefault();
      wrapper.focus({preventScroll: true});
      const z = world(p)[2];
      const window = wrapper.ownerDocument.defaultView!;
      const move = (e: PointerEvent) => {
        const {rotation: m, scale, origin} = view();
        const [ex, ey] = toSvg(e.clientX, e.clientY);
        const right = (ex - origin[0]) / scale - m[2] * z;
        const up = (origin[1] - ey) / scale - m[5] * z;
        // Solve the screen's right and up rows for the floor coordinates; the determinant is
        // sin(elevation), so looking level along the floor there is no answer.
        const det = m[0] * m[4] - m[1] * m[3];
        if (Math.abs(det) < 0.05) return;
        const wx = (right * m[4] - m[1] * up) / det;
        const wy = (m[0] * up - m[3] * right) / det;
        const clampTo = (v: number, d: number[]) => Math.max(Math.min(d[0], d[1]), Math.min(Math.max(d[0], d[1]), v));
        moved(clampTo(frame.x.invert(wx), frame.x.domain()), clampTo(frame.y.invert(wy), frame.y.domain()));
      };
      const up = () => {
        window.removeEventListener("pointermove", move);
        window.removeEventListener("pointerup", up);
      };
      window.addEventListener("pointermove", move);
      window.addEventListener("pointerup", up);
    },
    {capture: true}
  );
}

/**
 * Pixels per world unit and the screen position of the box's centre. The scale fits the
 * tallest and widest the box gets at any angle, so turning it never zooms.
 */
function fit(width: number, height: number): {scale: number; origin: [number, number]} {
  const innerWidth = width - MARGIN.left - MARGIN.right;
  const innerHeight = height - MARGIN.top - MARGIN.bottom;
  // Horizontally the floor's diagonal, 2√2; vertically at most 2√(2 + h²) (Cauchy–Schwarz).
  const scale = Math.min(innerWidth / (2 * Math.SQRT2), innerHeight / (2 * Math.sqrt(2 + HALF_HEIGHT ** 2)));
  return {scale, origin: [MARGIN.left + innerWidth / 2, MARGIN.top + innerHeight / 2]};
}

function drawOverlay(
  overlay: SVGGElement,
  {points, path}: {points: SurfacePoint[]; path: Point3[]},
  frame: BoxFrame,
  view: View,
  document: Document
): void {
  const at = (x: number, y: number, z: number) => project([frame.x(x), frame.y(y), frame.z(z)], view);
  const floor = frame.z.domain()[0];
  const children: SVGElement[] = [];
  const kept = path.filter((p) => p.every(Number.isFinite));
  if (kept.length > 1) {
    const d = kept.map(([x, y, z], i) => `${i ? "L" : "M"}${fixed(at(x, y, z)[0])},${fixed(at(x, y, z)[1])}`).join("");
    children.push(
      svgElement(document, "path", {
        class: "path",
        d,
        fill: "none",
        stroke: palette.path,
        "stroke-width": 2,
        "stroke-linejoin": "round",
        "stroke-linecap": "round"
      })
    );
  }
  for (const {x, y, z, color = palette.model} of points) {
    if (![x, y, z].every(Number.isFinite)) continue;
    const [px, py] = at(x, y, z);
    const [fx, fy] = at(x, y, floor);
    children.push(
      svgElement(document, "line", {x1: px, y1: py, x2: fx, y2: fy, stroke: color, "stroke-width": 1.5, "stroke-dasharray": "3,3"}),
      svgElement(document, "circle", {cx: fx, cy: fy, r: 2.5, fill: color, "fill-opacity": 0.6}),
      svgElement(document, "circle", {cx: px, cy: py, r: 5, fill: color, stroke: "var(--bg, white)", "stroke-width": 1.5})
    );
  }
  overlay.replaceChildren(...children);
}

const textColors = new WeakMap<Document, {dark: boolean; color: string}>();

/**
 * The page's text colour (what `currentColor` is in the SVG around the mesh), as a canvas
 * understands it. It is read once per colour scheme: reading computed styles at every paint
 * could make the browser restyle the page in the middle of a frame.
 */
function textColor(document: Document): string {
  const dark = document.defaultView?.matchMedia?.("(prefers-color-scheme: dark)").matches ?? false;
  let known = textColors.get(document);
  if (known?.dark !== dark) {
    const root = document.body ?? document.documentElement;
    const color = (root && document.defaultView?.getComputedStyle(root).color) || "black";
    textColors.set(document, (known = {dark, color}));
  }
  return known.color;
}

/** Sets an element's aria-label, if it changed (a screen reader may announce every change). */
function label(element: Element, text: string): void {
  if (element.getAttribute("aria-label") !== text) element.setAttribute("aria-label", text);
}

function checkPositive(value: number, name: string): void {
  if (!(value > 0) || !Number.isFinite(value)) throw new Error(`surface: invalid ${name}; not a positive number: ${value}`);
}
