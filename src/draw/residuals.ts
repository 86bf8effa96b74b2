import type {Markish} from "@observablehq/plot";
import * as Plot from "./plot.js";
import {palette} from "./palette.js";

/** Which residual marks to draw. */
export interface ResidualsOptions {
  /**
   * Also draw each squared error as a square of side |residual| beside its segment. The
   * squares are drawn in data units, so they look square only when the chart gives both
   * axes the same units per pixel: the caller sets `aspectRatio: 1` in Plot.plot.
   */
  squares?: boolean;
}

/**
 * Plot marks showing how far each point is from the model y(x): a vertical segment from the
 * point to the line (the residual) and, with `squares`, the square whose area is the loss
 * that point adds. Add them to a chart's marks before the dots and the line.
 */
export function residuals(data: [number, number][], y: (x: number) => number, {squares = false}: ResidualsOptions = {}): Markish[] {
  if (!Array.isArray(data)) throw new Error("residuals: data is not an array of [x, y] pairs");
  data.forEach((d, i) => {
    if (!Array.isArray(d) || d.length < 2 || typeof d[0] !== "number" || typeof d[1] !== "number") {
      throw new Error(`residuals: data[${i}] is not a pair of numbers`);
    }
  });
  if (typeof y !== "function") throw new Error("residuals: y is not a function");
  const segments = Plot.link(data, {
    x1: (d: [number, number]) => d[0],
    y1: (d: [number, number]) => d[1],
    x2: (d: [number, number]) => d[0],
    y2: (d: [number, number]) => y(d[0]),
    stroke: palette.loss,
    strokeWidth: 2
  });
  if (!squares) return [segments];
  return [
    // The square sits to the right of its segment, spanning from the point to the line.
    Plot.rect(data, {
      x1: (d: [number, number]) => d[0],
      x2: (d: [number, number]) => d[0] + Math.abs(d[1] - y(d[0])),
      y1: (d: [number, number]) => d[1],
      y2: (d: [number, number]) => y(d[0]),
      fill: palette.loss,
      fillOpacity: 0.18,
      stroke: palette.loss,
      strokeOpacity: 0.35
    }),
    segments
  ];
}
