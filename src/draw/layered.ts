import {plot as plotChart} from "./plot-styles.js";
import {topLayer} from "./top-layer.js";
import type {Markish, PlotOptions} from "@observablehq/plot";

/** Plot's options for both layers, with a fixed width (and fixed x and y domains). */
export type LayeredOptions = PlotOptions & {
  width: number;
  /** Whether the layer on top takes the pointer, for a tip on its marks (it lets it through to the chart below unless told). */
  pointer?: boolean;
  /**
   * A chart drawn before, such as a cell's `this`: if it was drawn with the same options, the
   * chart below is kept as it is (its marks taken to be the same: give it marks that change
   * only with the options) and only the layer on top is drawn again, with `over`.
   */
  reuse?: unknown;
};

/** A Plot chart drawn once, with a light layer on top that {@link Layered.mark} redraws (see top-layer.ts). */
export interface Layered extends HTMLDivElement {
  /** Replaces the marks of the top layer (same size, margins and scales); the chart below stays. */
  mark(marks: Markish[]): void;
}

/**
 * The chart of `marks` (the data, say), drawn once, and a layer stacked exactly on top for
 * marks that move with a slider (the model's line): `over`, or what {@link Layered.mark} is
 * given. With many data points, moving the line then costs a few marks, not a redraw of every
 * point; draw the points with `dots`, which puts thousands on one canvas, or the browser still
 * restyles and repaints each under the line.
 * Both layers share `options`, with the margins made explicit (Plot's defaults differ once a
 * layer has no axes) and fixed domains required, so their scales agree.
 */
export function layered({pointer = false, reuse, ...options}: LayeredOptions, marks: Markish[], over: Markish[] = []): Layered {
  const key = optionsKey({...options, pointer});
  if (reuse instanceof Element && drawn.get(reuse) === key) {
    (reuse as Layered).mark(over);
    return reuse as Layered;
  }
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
  const base = plotChart({...options, ...margins, marks});
  // A chart with a legend is a figure, its plot below the legend.
  const plot = base.tagName.toLowerCase() === "figure" ? base.querySelector(":scope > svg:last-of-type") : base;
  // The layer takes the chart's height as drawn: Plot's aspectRatio counts the axes in, and the layer has none.
  const height = Number(plot?.getAttribute("height")) || options.height;
  const layer = topLayer(
    {
      ...options,
      ...margins,
      aspectRatio: undefined,
      height,
      grid: false,
      x: {...options.x, axis: null},
      y: {...options.y, axis: null},
      color: {...options.color, legend: false}
    },
    [],
    (svg) => {
      svg.style.cssText += `position: absolute; left: 0; top: 0; background: transparent;${pointer ? "" : " pointer-events: none;"} max-width: 100%; height: auto;`;
    }
  );
  const wrapper = document.createElement("div");
  wrapper.className = "draw-layered";
  wrapper.style.cssText = `position: relative; max-width: ${options.width}px;`;
  wrapper.append(base);
  // Over a figure's plot, not over its legend.
  if (plot && plot !== base) {
    const stack = document.createElement("div");
    stack.style.position = "relative";
    plot.replaceWith(stack);
    stack.append(plot, layer.svg);
  } else wrapper.append(layer.svg);
  const chart = Object.defineProperty(wrapper, "mark", {value: (next: Markish[]) => layer.mark(next)}) as Layered;
  drawn.set(chart, key);
  if (over.length) chart.mark(over);
  return chart;
}

/** The charts drawn here, each with the options it was drawn with, for {@link LayeredOptions.reuse}. */
const drawn = new WeakMap<Element, string>();

/** Options as text, functions (a tick format) by their source; the document is not an option. */
function optionsKey(options: object): string {
  return JSON.stringify(options, (name, value) => (name === "document" ? undefined : typeof value === "function" ? String(value) : value));
}
