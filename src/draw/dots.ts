import type {Data, DotOptions, Markish} from "@observablehq/plot";
import * as Plot from "./plot.js";
import {onCanvas, paintDots} from "./on-canvas.js";

/**
 * How many items a mark draws as SVG elements, one each, before it draws them on one canvas.
 * The lesson's own data stay well under it, so their charts are plain SVG, hover titles and all.
 */
export const SVG_LIMIT = 500;

/** Plot's dot options, and where the dots are drawn. */
export interface DotsOptions extends DotOptions {
  /**
   * Draw the dots on one canvas (true), as SVG circles (false), or on a canvas once there are
   * more than this many; default {@link SVG_LIMIT}. On a canvas, dots are circles and have no
   * `title` (hover titles) or `href`; `tip` still works.
   */
  canvas?: boolean | number;
}

/**
 * Plot.dot, for data of any size: a few hundred dots are SVG circles, as Plot draws them; more
 * are painted on one canvas inside the chart, in the same place among the chart's marks, which
 * keeps a chart of 100,000 points as quick to show and to lay other marks over as one of ten.
 */
export function dots(data: Data, options: DotsOptions = {}): Markish {
  const {canvas = SVG_LIMIT, ...rest} = options;
  if (!onCanvasFor(data, canvas)) return Plot.dot(data, rest);
  if (rest.symbol != null && rest.symbol !== "circle") throw new Error(`dots: on a canvas, dots are circles, not ${String(rest.symbol)}`);
  const {title: _title, href: _href, ...drawn} = rest;
  return Plot.dot(data, {...drawn, render: onCanvas(paintDots, (n) => `${n.toLocaleString("en-US")} points`)});
}

/** Whether `data` go on a canvas, given a mark's `canvas` option. */
export function onCanvasFor(data: Data | null | undefined, canvas: boolean | number): boolean {
  if (typeof canvas === "boolean") return canvas;
  if (data == null) return false;
  const n = "length" in data ? data.length : [...data].length;
  return n > canvas;
}
