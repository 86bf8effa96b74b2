import {nice} from "d3";
import type {Pair} from "./csv.js";

/** Options for {@link paddedDomain}. */
export interface DomainOptions {
  /** Room added at each end, as a share of the span. Default 0.1. */
  pad?: number;
  /** Values the domain must hold as well (0, so the axis shows where y = 0). Default none. */
  include?: readonly number[];
  /** Round the ends out to nice numbers (as Plot's `nice`). Default true. */
  nice?: boolean;
}

/**
 * An axis domain that holds every value with some room to spare, rounded out to nice numbers.
 * With a single distinct value it spans one unit either side (or a tenth of the value), so
 * an axis never collapses; non-finite values are ignored.
 */
export function paddedDomain(values: Iterable<number>, {pad = 0.1, include = [], nice: round = true}: DomainOptions = {}): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of [...values, ...include]) if (Number.isFinite(v)) (lo = Math.min(lo, v)), (hi = Math.max(hi, v));
  if (lo > hi) return [0, 1];
  if (lo === hi) {
    const half = Math.max(1, Math.abs(lo) / 10);
    (lo -= half), (hi += half);
  } else {
    const room = (hi - lo) * pad;
    (lo -= room), (hi += room);
  }
  return round ? (nice(lo, hi, 10) as [number, number]) : [lo, hi];
}

/** The x and y domains of a chart of the data, padded (see {@link paddedDomain}). */
export function dataDomains(data: readonly Pair[], options: {x?: DomainOptions; y?: DomainOptions} = {}): {x: [number, number]; y: [number, number]} {
  return {x: paddedDomain(data.map((d) => d[0]), options.x), y: paddedDomain(data.map((d) => d[1]), options.y)};
}

/** Options for {@link landscapeWindow}. */
export interface WindowOptions {
  /** Points of the (w, b) plane the window must hold too: the start of training, say. Default none. */
  include?: readonly [number, number][];
  /**
   * How far the window reaches, as a share of the distance from the best line to the flattest
   * sensible one (w = 0, b = the mean y). 1 holds that line; 0.3 is a close-up of the valley.
   * Default 1.
   */
  reach?: number;
  /** Room added at each end, as a share of the span. Default 0.1. */
  pad?: number;
}

/**
 * The window of the (w, b) plane that shows the L2 loss landscape of the line y = w·x + b for
 * these data: centred on the best line, as wide as the valley's contour through the flat line
 * at the mean (where the loss is the data's own spread), so every data set shows its bowl and the
 * trough's length and tilt, whatever its units. Where least squares has no single answer (fewer
 * than two distinct x), a window around w = 0 and the data's y.
 */
export function landscapeWindow(data: readonly Pair[], {include = [], reach = 1, pad = 0.1}: WindowOptions = {}): {w: [number, number]; b: [number, number]; best: [number, number] | null} {
  if (!(reach > 0)) throw new Error(`landscapeWindow: invalid reach; not a positive number: ${reach}`);
  const n = data.length;
  let sx = 0, sy = 0, sxx = 0, sxy = 0, syy = 0;
  for (const [x, y] of data) (sx += x), (sy += y), (sxx += x * x), (sxy += x * y), (syy += y * y);
  // ½ΣΔ² grows as ½ δᵀHδ away from the best line, with H = [[Σx², Σx], [Σx, n]].
  const det = n * sxx - sx * sx;
  const spread = n ? syy - (sy * sy) / n : 0; // Σ(y − ȳ)², twice the loss of the flat line at the mean
  if (!(n >= 2) || !(det > 1e-12 * Math.max(1, sxx * n))) {
    const ys = data.map((d) => d[1]);
    const w = paddedDomain([-1, 1, ...include.map((p) => p[0])], {pad});
    const b = paddedDomain([...ys, ...include.map((p) => p[1])], {pad});
    return {w, b, best: null};
  }
  const best: [number, number] = [(n * sxy - sx * sy) / det, (sxx * sy - sx * sxy) / det];
  const atBest = syy - best[0] * sxy - best[1] * sy; // Σ(y − ŷ)² at the best line
  // The contour ½δᵀHδ = c, c the flat line's excess loss, reaches ±√(2c·(H⁻¹)ᵢᵢ) along each axis.
  const c = Math.max((spread - atBest) / 2, 1e-12) * reach * reach;
  const halfW = Math.sqrt((2 * c * n) / det);
  const halfB = Math.sqrt((2 * c * sxx) / det);
  const w = paddedDomain([best[0] - halfW, best[0] + halfW, ...include.map((p) => p[0])], {pad});
  const b = paddedDomain([best[1] - halfB, best[1] + halfB, ...include.map((p) => p[1])], {pad});
  return {w, b, best};
}
