import * as Plot from "./plot.js";
import type {Markish, PlotOptions} from "@observablehq/plot";

/** A Plot chart drawn once, with a light layer on top that {@link Layered.mark} redraws. */
export interface Layered extends HTMLDivElement {
  /** Replaces the marks of the top layer (same size, margins and scales); the chart below stays. */
  mark(marks: Markish[]): void;
}

/**
 * The chart of `marks` (the data, say), drawn once, and an empty layer stacked exactly on top
 * for marks that move with a slider (the model's line). With many data points, moving the line
 * then costs a few marks, not a redraw of every point; draw the points with `dots`, which puts
 * thousands on one canvas, or the browser still restyles and repaints each under the line.
 * Both layers share `options`, with the margins made explicit (Plot's defaults differ once a
 * layer has no axes) and fixed domains required, so their scales agree.
 */
export function layered(options: PlotOptions & {width: number; height: number}, marks: Markish[]): Layered {
  const {document = globalThis.document} = options;
  for (const axis of ["x", "y"] as const) {
    if (!options[axis]?.domain) throw new Error(`layered: ${axis} needs a fixed domain, or the layers' scales would differ`);
  }
  const margins = {
    marginTop: options.marginTop ?? 20,
    marginRight: options.marginRight ?? 20,
    marginBottom: options.marginBottom ?? 30,
    marginLeft: options.marginLeft ?? 40
  };
  const base = Plot.plot({...options, ...margins, marks});
  const top = (marks: Markish[]) => {
    const svg = Plot.plot({
      ...options,
      ...margins,
      grid: false,
      x: {...options.x, axis: null},
      y: {...options.y, axis: null},
      color: {...options.color, legend: false},
      marks
    }) as SVGSVGElement;
    svg.style.cssText += "position: absolute; left: 0; top: 0; background: transparent; pointer-events: none; max-width: 100%; height: auto;";
    return svg;
  };
  let layer = top([]);
  const wrapper = document.createElement("div");
  wrapper.className = "draw-layered";
  wrapper.style.cssText = `position: relative; max-width: ${options.width}px;`;
  wrapper.append(base, layer);
  return Object.defineProperty(wrapper, "mark", {
    value: (next: Markish[]) => {
      const replacement = top(next);
      layer.replaceWith(replacement);
      layer = replacement;
    }
  }) as Layered;
}
