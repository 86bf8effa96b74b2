import type {ChannelValues, Dimensions, RenderFunction} from "@observablehq/plot";

// Plot draws one SVG element per datum. Past some thousands, the browser spends its frames
// restyling and repainting them, even when only an overlay above them moves. These render
// transforms draw a whole mark on one canvas instead, placed inside the chart's SVG where the
// mark's own elements would go, so the marks before it stay below it and the axes stay crisp.

/** A mark's constant styles, as Plot keeps them on the mark (undefined: not set). */
export interface MarkStyle {
  fill?: string;
  stroke?: string;
  strokeWidth?: number;
  fillOpacity?: number;
  strokeOpacity?: number;
  opacity?: number;
  /** The dot's radius, when it is one number. */
  r?: number;
  /** "frame" (or an object, for geo clipping) when the mark is clipped. */
  clip?: unknown;
  ariaLabel?: string;
}

/** What a painter gets: the canvas, the mark's index and its channels in chart pixels. */
export interface Painting {
  /** Drawn on in chart pixels (the pixel density is already applied). */
  context: CanvasRenderingContext2D;
  /** Device pixels per chart pixel, for painters that place pixels themselves. */
  ratio: number;
  index: readonly number[];
  values: ChannelValues;
  mark: MarkStyle;
  /** A CSS colour (a `var(--…)`, `currentColor`) as the canvas can use it; null for none. */
  color(value: unknown): string | null;
  document: Document;
}

/** Draws a mark's data on a canvas. */
export type Painter = (painting: Painting) => void;

const SVG = "http://www.w3.org/2000/svg";

/**
 * A Plot render transform (a mark's `render` option) that draws the mark with `painter` on
 * one canvas the size of the chart, instead of one SVG element per datum. `describe` says
 * what is drawn, for screen readers, from the number of items.
 */
export function onCanvas(painter: Painter, describe: (count: number) => string): RenderFunction {
  return function (this: MarkStyle, index, _scales, values, dimensions, context) {
    const {document} = context;
    const g = document.createElementNS(SVG, "g");
    if (this.ariaLabel) g.setAttribute("aria-label", this.ariaLabel);
    if (this.opacity !== undefined) g.setAttribute("opacity", String(this.opacity));
    const {width, height} = dimensions;
    const object = document.createElementNS(SVG, "foreignObject");
    for (const [name, value] of [["x", 0], ["y", 0], ["width", width], ["height", height]] as const) object.setAttribute(name, String(value));
    const canvas = document.createElement("canvas");
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", describe(index.length));
    canvas.style.cssText = `display: block; width: ${width}px; height: ${height}px;`;
    object.append(canvas);
    g.append(object);
    // As Plot does: a mark's own clip, or else the chart's.
    const clip = (this.clip === undefined ? context.clip : this.clip) ? dimensions : null;
    const paint = () => paintOn(canvas, {width, height}, clip, (painting) => painter({...painting, index, values, mark: this}));
    paint();
    repaintOnDisplayChange(canvas, paint);
    return g;
  };
}

/** Sizes the canvas for the screen's pixel density, clears it, clips it and paints. */
function paintOn(
  canvas: HTMLCanvasElement,
  {width, height}: {width: number; height: number},
  clip: Dimensions | null,
  paint: (painting: Pick<Painting, "context" | "ratio" | "color" | "document">) => void
): void {
  const document = canvas.ownerDocument;
  const ratio = document.defaultView?.devicePixelRatio || 1;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  const context = canvas.getContext("2d");
  if (!context) return;
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, width, height);
  if (clip) {
    const {marginLeft, marginTop, marginRight, marginBottom} = clip;
    context.beginPath();
    context.rect(marginLeft, marginTop, width - marginLeft - marginRight, height - marginTop - marginBottom);
    context.clip();
  }
  paint({context, ratio, color: colors(canvas), document});
}

/**
 * Turns CSS colours into ones a canvas understands: the chart's colours are CSS variables
 * (so dark mode follows), which a canvas cannot read. Each is resolved once per painting, by
 * the browser, on the canvas itself or, before it is on the page, on the page's root.
 */
function colors(canvas: HTMLCanvasElement): (value: unknown) => string | null {
  const seen = new Map<string, string | null>();
  const document = canvas.ownerDocument;
  return (value) => {
    if (value == null) return null;
    const text = String(value);
    let resolved = seen.get(text);
    if (resolved !== undefined) return resolved;
    resolved = text;
    if (text === "none") resolved = null;
    else if (/var\(|currentcolor/i.test(text) && document.defaultView) {
      const probe = document.createElement("span");
      probe.style.cssText = "display: none";
      probe.style.color = text;
      (canvas.isConnected ? canvas.parentElement! : document.body ?? document.documentElement).append(probe);
      resolved = document.defaultView.getComputedStyle(probe).color || text;
      probe.remove();
    }
    seen.set(text, resolved);
    return resolved;
  };
}

/** Canvases on the page and how to repaint each, for when the reader's colour scheme flips. */
const live = new Set<WeakRef<HTMLCanvasElement>>();
const repaints = new WeakMap<HTMLCanvasElement, () => void>();
const watching = new WeakSet<Window>();

/**
 * Repaints the canvas, while it is on the page, whenever the reader's colour scheme flips or the
 * screen's pixel density changes (zooming the page, or moving the window to another screen), so
 * a canvas is never left in the wrong colours or blurry.
 */
export function repaintOnDisplayChange(canvas: HTMLCanvasElement, paint: () => void): void {
  const window = canvas.ownerDocument.defaultView;
  if (!window?.matchMedia) return;
  for (const ref of live) if (!ref.deref()) live.delete(ref);
  live.add(new WeakRef(canvas));
  repaints.set(canvas, paint);
  if (watching.has(window)) return;
  watching.add(window);
  const repaintAll = () => {
    for (const ref of live) {
      const canvas = ref.deref();
      if (!canvas) live.delete(ref);
      else if (canvas.isConnected) repaints.get(canvas)?.();
    }
  };
  window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", repaintAll);
  // A resolution query matches one density only: when it stops matching, repaint and watch the new one.
  const watchDensity = () =>
    window.matchMedia(`(resolution: ${window.devicePixelRatio}dppx)`).addEventListener("change", () => (repaintAll(), watchDensity()), {once: true});
  watchDensity();
}

/** A number channel's value at i, or the mark's constant, or a default. */
function at(channel: ArrayLike<unknown> | undefined, i: number, constant: number | undefined, fallback: number): number {
  return channel ? Number(channel[i]) : constant ?? fallback;
}

/** Past this many distinct looks (a colour per dot, say), dots are drawn one path each. */
const MAX_STAMPS = 256;

/** How far (device pixels) a stamp may start left of or above the canvas and still show. */
const OVERHANG = 64;

/**
 * Draws circles as Plot's dot mark does (channels x, y, r, fill, stroke, and their opacities), in
 * the data's order, so later dots cover earlier ones. Each distinct look is drawn once into a
 * small image and stamped at every dot's place, rounded to a device pixel: several times quicker
 * than a path per dot, and as sharp. A dot that a later one with the same stamp covers exactly
 * is skipped: a dense cloud costs what the pixels it covers cost, not what its points do.
 */
export const paintDots: Painter = (painting) => {
  const {context, ratio, index, values} = painting;
  const {x: X, y: Y} = values;
  if (!X || !Y) throw new Error("dots: a canvas needs both x and y");
  const {stampOf, styleOf} = dotLooks(painting);
  const n = index.length;
  const stamps: (HTMLCanvasElement | null | undefined)[] = new Array(n);
  const left = new Int32Array(n), top = new Int32Array(n);
  // The places a stamp can start, one per device pixel, and the last dot to start at each.
  const columns = context.canvas.width + OVERHANG, rows = context.canvas.height + OVERHANG;
  const place = (k: number) => {
    const column = left[k] + OVERHANG, row = top[k] + OVERHANG;
    return column < 0 || row < 0 || column >= columns || row >= rows ? -1 : row * columns + column;
  };
  const last = new Int32Array(columns * rows).fill(-1);
  for (let k = 0; k < n; ++k) {
    const i = index[k];
    const x = Number(X[i]) * ratio, y = Number(Y[i]) * ratio;
    const stamp = (stamps[k] = Number.isFinite(x) && Number.isFinite(y) ? stampOf(i) : null);
    if (!stamp) continue;
    left[k] = Math.round(x - stamp.width / 2);
    top[k] = Math.round(y - stamp.height / 2);
    const p = place(k);
    if (p >= 0) last[p] = k;
  }
  context.setTransform(1, 0, 0, 1, 0, 0);
  for (let k = 0; k < n; ++k) {
    const stamp = stamps[k];
    if (stamp === undefined) {
      // A look with no stamp: drawn as a path, in chart pixels.
      context.setTransform(ratio, 0, 0, ratio, 0, 0);
      drawDot(context, Number(X[index[k]]), Number(Y[index[k]]), styleOf(index[k]));
      context.setTransform(1, 0, 0, 1, 0, 0);
    } else if (stamp) {
      const p = place(k);
      if (p < 0 || last[p] === k || stamps[last[p]] !== stamp) context.drawImage(stamp, left[k], top[k]);
    }
  }
};

/**
 * The dots' looks: each dot's style, and its stamp (null if it shows nothing, undefined if
 * there are too many looks to stamp them all). One look for all, unless a channel varies it.
 */
function dotLooks({values, mark, color, ratio, document}: Painting) {
  const {r: R, fill: F, stroke: S, fillOpacity: FO, strokeOpacity: SO} = values;
  const styleOf = (i: number): DotStyle => ({
    r: at(R, i, mark.r, 3),
    fill: color(F ? F[i] : mark.fill),
    stroke: color(S ? S[i] : mark.stroke),
    fillOpacity: at(FO, i, mark.fillOpacity, 1),
    strokeOpacity: at(SO, i, mark.strokeOpacity, 1),
    strokeWidth: mark.strokeWidth ?? 1
  });
  const stamps = new Map<string, HTMLCanvasElement | null>();
  const lookup = (i: number) => {
    const style = styleOf(i);
    const key = `${style.r} ${style.fill} ${style.fillOpacity} ${style.stroke} ${style.strokeOpacity}`;
    let stamp = stamps.get(key);
    if (stamp === undefined && stamps.size < MAX_STAMPS) stamps.set(key, (stamp = dotStamp(document, ratio, style)));
    return stamp;
  };
  const varies = R || F || S || FO || SO;
  const one = varies ? undefined : lookup(0);
  return {styleOf, stampOf: varies ? lookup : () => one};
}

/** How one dot looks, with colours a canvas understands (null: none). */
interface DotStyle {
  r: number;
  fill: string | null;
  stroke: string | null;
  fillOpacity: number;
  strokeOpacity: number;
  strokeWidth: number;
}

/** One dot, centred at (x, y) in the context's units. */
function drawDot(context: CanvasRenderingContext2D, x: number, y: number, {r, fill, stroke, fillOpacity, strokeOpacity, strokeWidth}: DotStyle): void {
  if (!(r > 0)) return;
  context.beginPath();
  context.arc(x, y, r, 0, 2 * Math.PI);
  if (fill) (context.globalAlpha = fillOpacity), (context.fillStyle = fill), context.fill();
  if (stroke) (context.globalAlpha = strokeOpacity), (context.strokeStyle = stroke), (context.lineWidth = strokeWidth), context.stroke();
  context.globalAlpha = 1;
}

/** One dot, drawn at the screen's pixel density, centred in its image; null if invisible. */
function dotStamp(document: Document, ratio: number, style: DotStyle): HTMLCanvasElement | null {
  if (!(style.r > 0) || (!style.fill && !style.stroke)) return null;
  const reach = style.r + (style.stroke ? style.strokeWidth / 2 : 0);
  const size = 2 * Math.ceil(reach * ratio + 1);
  const stamp = document.createElement("canvas");
  stamp.width = stamp.height = size;
  const context = stamp.getContext("2d");
  if (!context) return null;
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  drawDot(context, size / 2 / ratio, size / 2 / ratio, style);
  return stamp;
}

/**
 * Draws segments as Plot's link mark does, with one stroke colour. Each is stroked on its own:
 * Chromium takes seconds to stroke one path of many thousand crossing segments.
 */
export const paintLinks: Painter = ({context, index, values, mark, color}) => {
  const {x1: X1, y1: Y1, x2: X2, y2: Y2} = values;
  const stroke = color(mark.stroke);
  if (!X1 || !Y1 || !X2 || !Y2 || !stroke) return;
  context.globalAlpha = mark.strokeOpacity ?? 1;
  context.strokeStyle = stroke;
  context.lineWidth = mark.strokeWidth ?? 1;
  for (const i of index) {
    context.beginPath();
    context.moveTo(X1[i], Y1[i]);
    context.lineTo(X2[i], Y2[i]);
    context.stroke();
  }
};

/** Draws rectangles as Plot's rect mark does, with one fill and one stroke, in the data's order. */
export const paintRects: Painter = ({context, index, values, mark, color}) => {
  const {x1: X1, y1: Y1, x2: X2, y2: Y2} = values;
  if (!X1 || !Y1 || !X2 || !Y2) return;
  const fill = color(mark.fill), stroke = color(mark.stroke);
  if (fill) context.fillStyle = fill;
  if (stroke) (context.strokeStyle = stroke), (context.lineWidth = mark.strokeWidth ?? 1);
  for (const i of index) {
    const x = Math.min(X1[i], X2[i]), y = Math.min(Y1[i], Y2[i]);
    const width = Math.abs(X2[i] - X1[i]), height = Math.abs(Y2[i] - Y1[i]);
    if (fill) (context.globalAlpha = mark.fillOpacity ?? 1), context.fillRect(x, y, width, height);
    if (stroke) (context.globalAlpha = mark.strokeOpacity ?? 1), context.strokeRect(x, y, width, height);
  }
};
