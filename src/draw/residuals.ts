import type {Markish} from "@observablehq/plot";
import * as Plot from "./plot.js";
import {palette} from "./palette.js";
import {onCanvas, paintLinks, paintRects} from "./on-canvas.js";
import {onCanvasFor, SVG_LIMIT} from "./dots.js";

/** How many residuals {@link residuals} draws at most, by default. */
export const RESIDUALS_LIMIT = 2000;

/** Which residual marks to draw. */
export interface ResidualsOptions {
  /**
   * Also draw each squared error as a square of side |residual| beside its segment. The
   * squares are drawn in data units, so they look square only when the chart gives both
   * axes the same units per pixel: the caller sets `aspectRatio: 1` in Plot.plot.
   */
  squares?: boolean;
  /**
   * Draw the marks on a canvas (true), as SVG (false), or on a canvas once there are more
   * than this many; default {@link SVG_LIMIT}.
   */
  canvas?: boolean | number;
  /**
   * Past this many points, draw the residuals of this many, spread evenly through the data,
   * and say so in the chart's top right corner; default {@link RESIDUALS_LIMIT}. They are
   * redrawn whenever the line moves, and a hundred thousand of them would take a while.
   */
  limit?: number;
}

type Pair = [number, number];

/**
 * Plot marks showing how far each point is from the model y(x): a vertical segment from the
 * point to the line (the residual) and, with `squares`, the square whose area is the loss
 * that point adds. Add them to a chart's marks before the dots and the line.
 */
export function residuals(data: Pair[], y: (x: number) => number, {squares = false, canvas = SVG_LIMIT, limit = RESIDUALS_LIMIT}: ResidualsOptions = {}): Markish[] {
  if (!Array.isArray(data)) throw new Error("residuals: data is not an array of [x, y] pairs");
  data.forEach((d, i) => {
    if (!Array.isArray(d) || d.length < 2 || typeof d[0] !== "number" || typeof d[1] !== "number") {
      throw new Error(`residuals: data[${i}] is not a pair of numbers`);
    }
  });
  if (typeof y !== "function") throw new Error("residuals: y is not a function");
  if (!(limit >= 1)) throw new Error(`residuals: limit is not a positive number: ${limit}`);
  const shown = data.length > limit ? spread(data, Math.floor(limit)) : data;
  const many = onCanvasFor(shown, canvas);
  const count = (n: number) => n.toLocaleString("en-US");
  const segments = Plot.link(shown, {
    x1: (d: Pair) => d[0],
    y1: (d: Pair) => d[1],
    x2: (d: Pair) => d[0],
    y2: (d: Pair) => y(d[0]),
    stroke: palette.loss,
    strokeWidth: 2,
    ...(many ? {render: onCanvas(paintLinks, (n) => `${count(n)} residuals`)} : {})
  });
  const caption =
    shown === data
      ? []
      : [Plot.text([`residuals of ${count(shown.length)} of the ${count(data.length)} points, spread evenly`], {frameAnchor: "top-right", dx: -6, dy: 6, fill: "currentColor", fontSize: 12})];
  if (!squares) return [segments, ...caption];
  return [
    // The square sits to the right of its segment, spanning from the point to the line.
    Plot.rect(shown, {
      x1: (d: Pair) => d[0],
      x2: (d: Pair) => d[0] + Math.abs(d[1] - y(d[0])),
      y1: (d: Pair) => d[1],
      y2: (d: Pair) => y(d[0]),
      fill: palette.loss,
      fillOpacity: 0.18,
      stroke: palette.loss,
      strokeOpacity: 0.35,
      ...(many ? {render: onCanvas(paintRects, (n) => `${count(n)} squared residuals`)} : {})
    }),
    segments,
    ...caption
  ];
}

/** `count` of the items, evenly spaced through them, first and last included. */
function spread<T>(items: readonly T[], count: number): T[] {
  if (count === 1) return [items[0]];
  return Array.from({length: count}, (_, k) => items[Math.round((k * (items.length - 1)) / (count - 1))]);
}
