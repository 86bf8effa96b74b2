import {plot as plotChart} from "./plot-styles.js";
import type {Markish, PlotOptions} from "@observablehq/plot";

// A layered chart's top layer is drawn again at every step of a slider. A whole Plot.plot for
// it costs four times what its few marks do: inferring scales and axes, sizing the chart,
// making the svg and its style. Here the layer is one Plot chart, kept, and a redraw hands the
// new marks to Plot's own mark methods (initialize, scale, filter, render: what Plot.plot calls
// on each mark) with the scales and context that chart was drawn with. The marks come out as
// Plot.plot would draw them, and only they are restyled. A mark that needs more of Plot.plot
// (a tip or a pointer, a scale the layer lacks, facets) gets a whole new chart, as before.

/** The parts of a Plot mark a redraw calls: Plot.plot calls the same, in this order. */
type Channels = Record<string, {scale?: string | null}>;
interface Drawable {
  initialize(facets: undefined, channels: undefined, options: PlotOptions): {data: unknown; facets?: number[][]; channels: Channels};
  initializer?: ((data: unknown, facets: number[][] | undefined, channels: Channels, scales: object, dimensions: object, context: object) => {data?: unknown; facets?: number[][]; channels?: Channels}) | null;
  scale(channels: object, scales: object, context: object): object;
  filter(index: number[], channels: object, values: object): number[];
  render(index: number[] | null, scales: object, values: object, dimensions: object, context: object): Element | null;
  tip?: unknown;
  fx?: unknown;
  fy?: unknown;
}

/** Thrown by a mark that asks for the chart's state of the marks (Plot's pointer): it needs a new chart. */
const needsChart = new Error("this mark needs a whole chart");

/** What Plot handed the layer's marks when it drew the chart. */
interface Drawn {
  scales: Record<string, unknown>;
  dimensions: object;
  context: {ownerSVGElement: SVGSVGElement; getMarkState?: unknown};
}

/** A top layer: its svg (on the page, once its owner puts it there), and its marks' redraw. */
export interface TopLayer {
  /** The layer's svg now: the same one from move to move, unless marks needed a new chart. */
  readonly svg: SVGSVGElement;
  /** Draws `marks` in place of the last ones: in the same svg where it can, else in a new chart put in its place. */
  mark(marks: Markish[]): void;
}

/**
 * A layer of `marks` over a chart drawn with the same `options` (size, margins, domains, no
 * axes). `dress` is given each svg the layer makes, to place it over the chart (its style, its
 * `aria-hidden`): the first, and any new one a mark needs.
 */
export function topLayer(options: PlotOptions, marks: Markish[], dress: (svg: SVGSVGElement) => void = () => {}): TopLayer {
  const make = (marks: Markish[]) => {
    const chart = keptChart(options, marks);
    dress(chart.svg);
    return chart;
  };
  let chart = make(marks);
  return {
    get svg() {
      return chart.svg;
    },
    mark(next) {
      if (chart.redraw(next)) return;
      const replacement = make(next);
      chart.svg.replaceWith(replacement.svg);
      chart = replacement;
    }
  };
}

/** A Plot chart of `marks`, and a redraw of other marks into it that says whether it could. */
function keptChart(options: PlotOptions, marks: Markish[]): {svg: SVGSVGElement; redraw(marks: Markish[]): boolean} {
  let drawn: Drawn | null = null;
  // A mark of its own, drawn first, that keeps what Plot gives every mark (and draws nothing).
  const keep = (_index: unknown, scales: Drawn["scales"], _values: unknown, dimensions: object, context: Drawn["context"]) => {
    drawn = {scales, dimensions, context};
    return null;
  };
  const svg = plotChart({...options, marks: [keep, ...marks]}) as SVGSVGElement;
  // Plot's pointer asks the context for the state of the chart's marks, which only a new chart has.
  // (The context is Plot's own, kept: a clip path Plot made for it is used again, not made again.)
  // Its marks are drawn by now, so only the redraws below meet this.
  const kept = drawn as Drawn | null; // set by keep, which TypeScript cannot see
  if (kept) {
    kept.context.getMarkState = () => {
      throw needsChart;
    };
  }
  // The marks' nodes, not the chart's style or the clip paths Plot made for them.
  let current = [...svg.children].filter((child) => !["style", "defs", "clipPath", "pattern"].includes(child.localName));
  const leanable = !options.facet && ![options.x, options.y].some((scale) => scale && ("transform" in scale || "percent" in scale || "interval" in scale));
  return {
    svg,
    redraw(next) {
      if (!kept || !leanable) return false;
      const flat = (next as unknown[]).flat(Infinity).filter((mark) => mark != null);
      if (!flat.every(drawable)) return false;
      const {scales, dimensions, context} = kept;
      // A channel on a scale the chart has not got (a colour scale), or one Plot.plot would infer ("auto").
      const foreign = (channels: Channels) => Object.values(channels).some(({scale}) => scale != null && !(scale in scales));
      // Every mark is drawn before any replaces the last: a mark that throws leaves the layer as it was.
      const nodes: Element[] = [];
      try {
        for (const mark of flat) {
          let {data, facets, channels} = mark.initialize(undefined, undefined, options);
          if (foreign(channels)) return false;
          // As Plot.plot does, once the scales exist (a dot's sort by radius is one).
          if (mark.initializer != null) {
            const update = mark.initializer(data, facets, channels, scales, dimensions, context);
            if (update.data !== undefined) data = update.data;
            if (update.facets !== undefined) facets = update.facets;
            if (update.channels !== undefined) {
              if (foreign(update.channels) || "fx" in update.channels || "fy" in update.channels) return false;
              channels = {...channels, ...update.channels};
            }
          }
          const values = mark.scale(channels, scales, context);
          const index = facets?.[0] ? mark.filter(facets[0], channels, values) : null;
          if (index?.length === 0) continue;
          const node = mark.render(index, scales, values, dimensions, context);
          if (node) nodes.push(node);
        }
      } catch (error) {
        if (error === needsChart) return false;
        throw error;
      }
      if (nodes.length === current.length) {
        // The same marks again (the usual case): those drawn as before stay, untouched and not restyled.
        nodes.forEach((node, i) => (current[i].isEqualNode(node) ? (nodes[i] = current[i]) : current[i].replaceWith(node)));
      } else {
        for (const node of current) node.remove();
        context.ownerSVGElement.append(...nodes);
      }
      current = nodes;
      return true;
    }
  };
}

/** Whether Plot draws `mark` with no more than its own methods and the chart's x and y. */
function drawable(mark: unknown): mark is Drawable {
  const m = mark as Partial<Drawable>;
  return typeof m === "object" && typeof m.initialize === "function" && typeof m.render === "function" && !m.tip && m.fx == null && m.fy == null;
}
