import type {ColorScheme} from "@observablehq/plot";
import * as Plot from "./plot.js";
import {rgb} from "d3-color";
import {scaleLinear} from "d3-scale";
import {drawBoxAxes, HALF_HEIGHT, type BoxFrame} from "./box-axes.js";
import {zExtent, type Grid} from "./grid.js";
import {palette} from "./palette.js";
import {cross, dot, normalize, project, rotation, sub, type Point3, type View} from "./project.js";
import {normalizeAngles, rotatable, type Angles} from "./rotate.js";
import {fixed, svgElement} from "./svg.js";

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

/**
 * Draws f(x, y) from a sampled grid as a 3D surface: quads painted far to near, coloured by
 * height and shaded by a fixed light, inside a box with labelled axes. Dragging or the arrow
 * keys turn it. The mesh depends only on the grid and the angles, so {@link SurfaceView.mark}
 * can move a point at animation speed without redrawing it.
 */
export function surface(grid: Grid, options: SurfaceOptions = {}): SurfaceView {
  const {
    width = 640,
    height = Math.min(Math.round(width * 0.7), 560),
    labels = {},
    zDomain,
    scheme = "viridis",
    maxQuads = 1600,
    document = globalThis.document
  } = options;
  checkPositive(width, "width");
  checkPositive(height, "height");
  checkPositive(maxQuads, "maxQuads");
  let angles = normalizeAngles({azimuth: options.azimuth ?? -35, elevation: options.elevation ?? 30});
  const zScale = zExtent(grid, zDomain);
  const frame: BoxFrame = {
    x: scaleLinear([grid.x[0], grid.x[grid.nx - 1]], [-1, 1]),
    y: scaleLinear([grid.y[0], grid.y[grid.ny - 1]], [-1, 1]),
    z: scaleLinear(zScale, [-HALF_HEIGHT, HALF_HEIGHT]).clamp(true),
    labels: {x: labels.x ?? "x", y: labels.y ?? "y", z: labels.z ?? "z"}
  };
  const color = Plot.scale({color: {type: "linear", scheme, domain: zScale, clamp: true}});
  const mesh = buildMesh(grid, frame, maxQuads, (z) => String(color.apply(z)));

  const back = svgElement(document, "g", {class: "back"});
  const quads = svgElement(document, "g", {
    class: "mesh",
    stroke: "currentColor",
    "stroke-opacity": 0.15,
    "stroke-width": 0.5,
    "stroke-linejoin": "round"
  });
  // One path per quad, its colour set once; turning only reshapes them (and, when the eye
  // crosses into another quadrant, reorders them).
  const paths = mesh.fills.map((fill) => quads.appendChild(svgElement(document, "path", {fill})));
  let quadrant = "";
  const front = svgElement(document, "g", {class: "front"});
  const overlay = svgElement(document, "g", {class: "overlay"});
  const svg = svgElement(
    document,
    "svg",
    {
      width,
      height,
      viewBox: `0 0 ${width} ${height}`,
      fill: "currentColor",
      "font-family": "system-ui, sans-serif",
      "font-size": 11,
      style: "display: block; max-width: 100%; height: auto; touch-action: none; user-select: none;"
    },
    [back, quads, front, overlay]
  );
  const wrapper = document.createElement("div");
  wrapper.className = "draw-surface";
  wrapper.tabIndex = 0;
  wrapper.setAttribute("role", "application");
  wrapper.setAttribute("aria-roledescription", "3D chart");
  wrapper.setAttribute(
    "aria-label",
    `Surface of ${frame.labels.z} over ${frame.labels.x} and ${frame.labels.y}; drag it, or use the arrow keys, to turn it.`
  );
  wrapper.style.maxWidth = `${width}px`;
  wrapper.append(svg);

  const {scale, origin} = fit(width, height);
  let view: View = {rotation: rotation(angles.azimuth, angles.elevation), scale, origin};
  let marked: {points: SurfacePoint[]; path: Point3[]} = {points: [], path: []};

  const render = () => {
    view = {rotation: rotation(angles.azimuth, angles.elevation), scale, origin};
    const [, , , , , , towardX, towardY] = view.rotation;
    if (quadrant !== `${towardX > 0} ${towardY > 0}`) {
      quadrant = `${towardX > 0} ${towardY > 0}`;
      quads.append(...paintOrder(mesh, towardX > 0, towardY > 0).map((q) => paths[q]));
    }
    drawBoxAxes(back, front, frame, view, document);
    drawMesh(mesh, paths, view);
    drawOverlay(overlay, marked, frame, view, document);
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
  if (options.onDragPoint) grabPoint(wrapper, svg, width, () => view, () => marked.points[0], frame, options.onDragPoint);
  rotatable(wrapper, svg, (delta) => {
    const next = normalizeAngles({azimuth: angles.azimuth + delta.azimuth, elevation: angles.elevation + delta.elevation});
    if (next.azimuth === angles.azimuth && next.elevation === angles.elevation) return;
    angles = next;
    renderSoon();
    wrapper.dispatchEvent(new EventType("input", {bubbles: true}));
  });
  render();

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
        drawOverlay(overlay, marked, frame, view, document);
      }
    }
  }) as SurfaceView;
}

/**
 * Lets the reader drag the marked point: a press near it (caught before the rotation sees it)
 * follows the pointer across the horizontal plane through the point, seen through the camera.
 */
function grabPoint(
  wrapper: HTMLElement,
  svg: SVGSVGElement,
  width: number,
  view: () => View,
  point: () => SurfacePoint | undefined,
  frame: BoxFrame,
  moved: (x: number, y: number) => void
): void {
  const toSvg = (clientX: number, clientY: number): [number, number] => {
    const rect = svg.getBoundingClientRect();
    const k = rect.width / width || 1;
    return [(clientX - rect.left) / k, (clientY - rect.top) / k];
  };
  const world = (p: SurfacePoint): Point3 => [frame.x(p.x), frame.y(p.y), frame.z(p.z)];
  wrapper.addEventListener(
    "pointerdown",
    (event) => {
      const p = point();
      if (!p || event.button !== 0) return;
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

/** The quads to paint, fixed for a grid: world corners, four vertex indices each, a colour each. */
interface Mesh {
  /** World coordinates of the kept grid vertices, xyz interleaved. */
  vertices: Float64Array;
  /** Four vertex indices per quad, going round it. */
  corners: Uint32Array;
  /** The fill of each quad: its mean height's colour, darkened where it faces away from the light. */
  fills: string[];
  /** Each quad's column and row in the (thinned) grid, interleaved. */
  cells: Uint32Array;
  /** Number of columns of quads. */
  columns: number;
  /** Number of rows of quads. */
  rows: number;
  /** Number of quads; quads with a missing (non-finite) corner are left out. */
  count: number;
}

/** Light from the upper left front, in world coordinates (unit length). */
const LIGHT: Point3 = normalize([-0.5, -0.6, 1]);

function buildMesh(grid: Grid, frame: BoxFrame, maxQuads: number, color: (z: number) => string): Mesh {
  const side = Math.max(1, Math.floor(Math.sqrt(maxQuads)));
  const is = thin(grid.nx, side);
  const js = thin(grid.ny, side);
  const vertices = new Float64Array(is.length * js.length * 3);
  const heights = new Float64Array(is.length * js.length);
  js.forEach((j, b) => {
    is.forEach((i, a) => {
      const v = b * is.length + a;
      const z = grid.z[j * grid.nx + i];
      heights[v] = z;
      vertices.set([frame.x(grid.x[i]), frame.y(grid.y[j]), Number.isFinite(z) ? frame.z(z) : NaN], v * 3);
    });
  });
  const corners: number[] = [];
  const fills: string[] = [];
  const cells: number[] = [];
  for (let b = 0; b + 1 < js.length; ++b) {
    for (let a = 0; a + 1 < is.length; ++a) {
      const v = [b * is.length + a, b * is.length + a + 1, (b + 1) * is.length + a + 1, (b + 1) * is.length + a];
      if (v.some((k) => Number.isNaN(vertices[k * 3 + 2]))) continue;
      corners.push(...v);
      cells.push(a, b);
      const mean = (heights[v[0]] + heights[v[1]] + heights[v[2]] + heights[v[3]]) / 4;
      const p = v.map((k): Point3 => [vertices[k * 3], vertices[k * 3 + 1], vertices[k * 3 + 2]]);
      const normal = normalize(cross(sub(p[2], p[0]), sub(p[3], p[1])));
      const light = Math.abs(dot(normal, LIGHT));
      fills.push(rgb(color(mean)).darker(0.6 * (1 - light)).formatHex());
    }
  }
  return {
    vertices,
    corners: Uint32Array.from(corners),
    fills,
    cells: Uint32Array.from(cells),
    columns: is.length - 1,
    rows: js.length - 1,
    count: fills.length
  };
}

/** Up to side + 1 indices spread evenly over 0 … n − 1, both ends kept. */
function thin(n: number, side: number): number[] {
  if (n - 1 <= side) return Array.from({length: n}, (_, i) => i);
  return Array.from({length: side + 1}, (_, k) => Math.round((k * (n - 1)) / side));
}

/**
 * The order to paint quads in, far to near, for an eye on the +x side (or not) and the +y
 * side (or not): rows from the far side, and each row from its far end. For a height field
 * seen from above this is exact, since a quad can only be hidden by quads nearer in both
 * row and column (the order R's persp() paints in); it changes only between quadrants.
 */
function paintOrder({cells, columns, rows, count}: Mesh, towardX: boolean, towardY: boolean): number[] {
  const key = (q: number) => {
    const a = cells[q * 2];
    const b = cells[q * 2 + 1];
    return (towardY ? b : rows - 1 - b) * columns + (towardX ? a : columns - 1 - a);
  };
  return Array.from({length: count}, (_, q) => q).sort((p, q) => key(p) - key(q));
}

function drawMesh({vertices, corners, count}: Mesh, paths: SVGPathElement[], view: View): void {
  const n = vertices.length / 3;
  const sx = new Array<string>(n);
  const sy = new Array<string>(n);
  for (let k = 0; k < n; ++k) {
    const [x, y] = project([vertices[k * 3], vertices[k * 3 + 1], vertices[k * 3 + 2]], view);
    sx[k] = fixed(x);
    sy[k] = fixed(y);
  }
  for (let q = 0; q < count; ++q) {
    const [v0, v1, v2, v3] = corners.subarray(q * 4, q * 4 + 4);
    paths[q].setAttribute("d", `M${sx[v0]},${sy[v0]}L${sx[v1]},${sy[v1]}L${sx[v2]},${sy[v2]}L${sx[v3]},${sy[v3]}Z`);
  }
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

function checkPositive(value: number, name: string): void {
  if (!(value > 0) || !Number.isFinite(value)) throw new Error(`surface: invalid ${name}; not a positive number: ${value}`);
}
