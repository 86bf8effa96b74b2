import {diagramSvg, edge, edgeLabel, haloText, MAX_WEIGHT, node, weightStroke} from "./diagram.js";
import {formatNumber} from "./format.js";
import {palette} from "./palette.js";
import {sigmoid} from "./sigmoid.js";
import {reused, svgElement} from "./svg.js";

/** A network with one input x, one layer of sigmoid neurons, and one output y without activation. */
export interface NetworkSpec {
  /** The hidden neurons: neuron i computes σ(w·x + b). */
  hidden: {w: number; b: number}[];
  /** The output's weight on each hidden neuron, in the same order. */
  output: number[];
  /** The output's bias, written on it when given; y = Σ output[i]·h[i] + outputBias. */
  outputBias?: number;
  /** The current input; when given, every node shows its value for it. */
  x?: number;
}

/** How to draw a network. */
export interface NetworkOptions {
  /** Width in pixels; the diagram shrinks to fit a narrower column. */
  width: number;
  /** Height in pixels. Default: room for the hidden neurons, 200 to 640. */
  height?: number;
  /** Weights at or above this magnitude draw at full thickness. Default 10. */
  maxWeight?: number;
  /** Numbers are written on the diagram up to this many hidden neurons. Default 10. */
  maxLabelled?: number;
  /**
   * Name each weight and bias written on the diagram (`data-parameter="wi2"`, numbered from 1,
   * "bo" for the output's bias), so a picker can tell which one the reader pressed. Default false.
   */
  parameters?: boolean;
  /** The parameter to mark as selected (with `parameters`). */
  selected?: string;
  /**
   * A diagram drawn before, such as a cell's `this`: it is changed in place to show this
   * network and returned, so a slider costs the few numbers and edges that change rather
   * than a new diagram. Anything else is ignored.
   */
  reuse?: unknown;
  /** The document to create elements in (jsdom in tests). */
  document?: Document;
}

/**
 * Draws x → hidden sigmoid neurons → y as nodes and edges: each edge's colour is its weight's
 * sign and its thickness the weight's size; every weight is written on its edge and every
 * bias on its neuron (up to `maxLabelled` neurons; past that only the shape is legible).
 */
export function network(spec: NetworkSpec, options: NetworkOptions): SVGSVGElement {
  const {hidden, output, outputBias, x} = spec;
  if (!Array.isArray(hidden) || hidden.length === 0) throw new Error("network: hidden is not a non-empty array of {w, b}");
  if (!Array.isArray(output) || output.length !== hidden.length) {
    throw new Error(`network: output has ${output?.length} weights but there are ${hidden.length} hidden neurons`);
  }
  const n = hidden.length;
  const {
    width,
    height = Math.max(200, Math.min(640, 80 * n + 60)),
    maxWeight = MAX_WEIGHT,
    maxLabelled = 10,
    parameters = false,
    selected,
    document = globalThis.document
  } = options;
  const named = <E extends Element>(element: E, name: string): E => {
    if (!parameters) return element;
    element.setAttribute("data-parameter", name);
    if (name === selected) element.setAttribute("data-selected", "");
    return element;
  };
  if (!(width > 0) || !(height > 0)) throw new Error(`network: invalid size; not positive numbers: ${width} × ${height}`);
  const labelled = n <= maxLabelled;
  const margin = {top: 24, bottom: 24, side: 32};
  const slot = (height - margin.top - margin.bottom) / n;
  const r = Math.max(6, Math.min(22, slot * 0.28));
  const io = 22;
  const xIn = margin.side + io;
  const xOut = width - margin.side - io;
  const xHidden = (xIn + xOut) / 2;
  const yMid = height / 2;
  const yOf = (i: number) => margin.top + slot * (i + 0.5);

  const h = x === undefined ? null : hidden.map(({w, b}) => sigmoid(w * x + b));
  const y = h === null ? null : h.reduce((sum, hi, i) => sum + output[i] * hi, outputBias ?? 0);

  const edges = svgElement(document, "g", {class: "edges"});
  const nodes = svgElement(document, "g", {class: "nodes"});
  const labels = svgElement(document, "g", {class: "labels", "font-size": 11, "font-variant-numeric": "tabular-nums"});
  hidden.forEach(({w, b}, i) => {
    const yi = yOf(i);
    const wo = output[i];
    edges.append(
      edge(document, [xIn, yMid, io], [xHidden, yi, r], {class: "weight", ...weightStroke(w, maxWeight)}),
      edge(document, [xHidden, yi, r], [xOut, yMid, io], {class: "weight", ...weightStroke(wo, maxWeight)})
    );
    nodes.append(node(document, xHidden, yi, r, "σ", {stroke: palette.hidden}));
    if (!labelled) return;
    // Weights sit on the edges where they fan out widest, near the hidden neuron.
    const t = 0.62;
    labels.append(
      named(edgeLabel(document, xIn + (xHidden - xIn) * t, yMid + (yi - yMid) * t, formatNumber(w), {class: "w", fill: weightStroke(w).stroke}), `wi${i + 1}`),
      named(edgeLabel(document, xHidden + (xOut - xHidden) * (1 - t), yi + (yMid - yi) * (1 - t), formatNumber(wo), {class: "w", fill: weightStroke(wo).stroke}), `wo${i + 1}`),
      named(haloText(document, xHidden, yi - r - 8, `b = ${formatNumber(b)}`, {class: "b", fill: "var(--muted, #6a6f7a)"}), `b${i + 1}`)
    );
    if (h) labels.append(haloText(document, xHidden, yi + r + 9, formatNumber(h[i]), {class: "value", "font-weight": 600}));
  });
  nodes.append(node(document, xIn, yMid, io, "x", {stroke: palette.data, italic: true}), node(document, xOut, yMid, io, "y", {stroke: palette.model, italic: true}));
  if (labelled && outputBias !== undefined) {
    labels.append(named(haloText(document, xOut, yMid - io - 8, `b = ${formatNumber(outputBias)}`, {class: "b", fill: "var(--muted, #6a6f7a)"}), "bo"));
  }
  if (x !== undefined && y !== null) {
    labels.append(
      haloText(document, xIn, yMid + io + 9, formatNumber(x), {class: "value", "font-weight": 600}),
      haloText(document, xOut, yMid + io + 9, formatNumber(y), {class: "value", "font-weight": 600})
    );
  }
  const svg = diagramSvg(document, width, height, `A network: input x, ${n} sigmoid neuron${n === 1 ? "" : "s"}, output y${y === null ? "" : ` = ${formatNumber(y)}`}`, [edges, nodes, labels]);
  return reused(svg, options.reuse, diagrams);
}

/** The diagrams drawn here, which {@link NetworkOptions.reuse} may change. */
const diagrams = new WeakSet<Element>();
