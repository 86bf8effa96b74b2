import type {Markish} from "@observablehq/plot";
import * as Plot from "./plot.js";
import {palette} from "./palette.js";

/** One run's loss over its iterations, as columns (what a RunRecord's upTo() gives). */
export interface LossCurve {
  /** The iterations sampled, increasing. */
  iterations: ArrayLike<number>;
  /** The loss at each. */
  losses: ArrayLike<number>;
  /** Its colour. Default palette.loss. */
  color?: string;
  /** Dashed (a run replayed over its original, say). */
  dashed?: boolean;
}

/** Options for {@link lossCurves}. */
export interface LossCurvesOptions {
  /** The moment shown (the timeline's): a rule across the chart there, and a dot at its loss if given. */
  at?: {iteration: number; loss?: number; color?: string};
}

/**
 * Marks for the loss of several runs on one chart, for a `draw.layered` loss chart's `mark()`:
 * a line per run in its colour and a cursor at the moment shown. Values a log axis cannot show
 * (zero, negative, overflowed) are left out, so a diverged run ends where it left the chart.
 */
export function lossCurves(curves: readonly LossCurve[], {at}: LossCurvesOptions = {}): Markish[] {
  const marks: Markish[] = [];
  for (const {iterations, losses, color = palette.loss, dashed = false} of curves) {
    if (iterations.length !== losses.length) throw new Error(`lossCurves: ${iterations.length} iterations but ${losses.length} losses`);
    const [xs, ys] = drawable(iterations, losses);
    if (xs.length === 0) continue;
    marks.push(Plot.line({length: xs.length}, {x: xs, y: ys, stroke: color, strokeWidth: 2, ...(dashed ? {strokeDasharray: "5 4"} : {})}));
  }
  if (at && Number.isFinite(at.iteration)) {
    marks.push(Plot.ruleX([at.iteration], {stroke: "currentColor", strokeOpacity: 0.45, strokeDasharray: "3 3"}));
    if (at.loss !== undefined && at.loss > 0 && Number.isFinite(at.loss)) {
      marks.push(Plot.dot([[at.iteration, at.loss]], {x: "0", y: "1", r: 4.5, fill: at.color ?? palette.loss, stroke: "var(--bg, white)"}));
    }
  }
  return marks;
}

/**
 * A log-axis domain that holds every run's losses: whole powers of ten, at least [low, high],
 * so it changes seldom and the chart below need not be drawn again each frame.
 */
export function lossDomain(curves: readonly Pick<LossCurve, "losses">[], [low, high]: [number, number] = [0.01, 100]): [number, number] {
  let min = low;
  let max = high;
  for (const {losses} of curves) {
    for (let i = 0; i < losses.length; ++i) {
      const l = losses[i];
      if (l > 0 && Number.isFinite(l)) (min = Math.min(min, l)), (max = Math.max(max, l));
    }
  }
  // Written as "1e-4", not 10 ** -4, which is 0.00009999999999999999.
  return [+`1e${Math.floor(Math.log10(min))}`, +`1e${Math.ceil(Math.log10(max))}`];
}

function drawable(iterations: ArrayLike<number>, losses: ArrayLike<number>): [Float64Array, Float64Array] {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < losses.length; ++i) {
    const l = losses[i];
    if (!(l > 0 && Number.isFinite(l))) continue;
    xs.push(iterations[i]);
    ys.push(l);
  }
  return [Float64Array.from(xs), Float64Array.from(ys)];
}
