import {diagramSvg, edge, edgeLabel, haloText, MAX_WEIGHT, node, weightStroke} from "./diagram.js";
import {formatNumber} from "./format.js";
import {palette} from "./palette.js";
import {sigmoid} from "./sigmoid.js";
import {reused, svgElement} from "./svg.js";

/** One neuron with its inputs, as a reader would set them with sliders. */
export interface NeuronSpec {
  /** The input values x₁ … xₙ. */
  inputs: number[];
  /** One weight per input. */
  weights: number[];
  /** The bias added to the weighted sum. */
  bias: number;
  /** What the neuron applies to its sum: the logistic σ, or nothing. Default "sigmoid". */
  activation?: "sigmoid" | "none";
  /** Names of the inputs. Default x₁, x₂, … */
  labels?: string[];
}

/** How to draw a neuron. */
export interface NeuronOptions {
  /** Width in pixels; the diagram shrinks to fit a narrower column. Default 560. */
  width?: number;
  /** Height in pixels. Default: room for the inputs, at least 200. */
  height?: number;
  /** Weights at or above this magnitude draw at full thickness. Default 10. */
  maxWeight?: number;
  /**
   * A diagram drawn before, such as a cell's `this`: it is changed in place to show this
   * neuron and returned, so a slider costs the few numbers and edges that change. Anything
   * else is ignored.
   */
  reuse?: unknown;
  /** The document to create elements in (jsdom in tests). */
  document?: Document;
}

/** The diagrams drawn here, which {@link NeuronOptions.reuse} may change. */
const diagrams = new WeakSet<Element>();

const SUBSCRIPTS = "₀₁₂₃₄₅₆₇₈₉";

/**
 * Draws one neuron computing y = σ(Σ wᵢ·xᵢ + b): the inputs with their values, the weights
 * on the edges, the body with Σ and the sum's value, the activation and the output's value.
 * Cheap enough to rebuild on every slider move; cheaper still with `reuse`.
 */
export function neuron(spec: NeuronSpec, options: NeuronOptions = {}): SVGSVGElement {
  const {inputs, weights, bias, activation = "sigmoid"} = spec;
  if (!Array.isArray(inputs) || inputs.length === 0) throw new Error("neuron: inputs is not a non-empty array of numbers");
  if (!Array.isArray(weights) || weights.length !== inputs.length) {
    throw new Error(`neuron: ${inputs.length} inputs but ${weights?.length} weights`);
  }
  if (activation !== "sigmoid" && activation !== "none") throw new Error(`neuron: unknown activation: ${activation}`);
  const n = inputs.length;
  const labels = spec.labels ?? inputs.map((_, i) => `x${[...String(i + 1)].map((d) => SUBSCRIPTS[+d]).join("")}`);
  const {width = 560, height = Math.max(200, 64 * n + 56), maxWeight = MAX_WEIGHT, document = globalThis.document} = options;
  if (!(width > 0) || !(height > 0)) throw new Error(`neuron: invalid size; not positive numbers: ${width} × ${height}`);

  const sum = inputs.reduce((s, x, i) => s + weights[i] * x, bias);
  const out = activation === "sigmoid" ? sigmoid(sum) : sum;

  const r = 20;
  const R = 36;
  const top = 28;
  const slot = (height - 2 * top) / n;
  // Room on the left for the longest input name, at about 0.55em per italic character.
  const xIn = Math.max(40, 14 + 8.5 * Math.max(...labels.map((l) => l.length))) + r;
  const xOut = width - 32 - r;
  const xBody = activation === "sigmoid" ? xIn + (xOut - xIn) * 0.48 : (xIn + xOut) / 2;
  const xAct = (xBody + xOut) / 2;
  const yMid = height / 2;

  const edges = svgElement(document, "g", {class: "edges"});
  const nodes = svgElement(document, "g", {class: "nodes"});
  const text = svgElement(document, "g", {class: "labels", "font-size": 12, "font-variant-numeric": "tabular-nums"});
  inputs.forEach((value, i) => {
    const y = yOf(i);
    const w = weights[i];
    edges.append(edge(document, [xIn, y, r], [xBody, yMid, R], {class: "weight", ...weightStroke(w, maxWeight)}));
    nodes.append(circle(xIn, y, r, palette.data), valueText(xIn, y, value));
    text.append(
      svgElement(
        document,
        "text",
        {x: xIn - r - 7, y, dy: "0.32em", "text-anchor": "end", "font-size": 15, "font-style": "italic", "font-family": "var(--font-body, Georgia, serif)"},
        [labels[i] ?? ""]
      ),
      // Weights sit just before the middle of their edge, where the edges are still apart.
      edgeLabel(document, xIn + (xBody - xIn) * 0.45, y + (yMid - y) * 0.45, formatNumber(w), {class: "w", fill: weightStroke(w).stroke, "font-weight": 600, fontSize: 12})
    );
  });

  nodes.append(
    circle(xBody, yMid, R, palette.hidden),
    svgElement(document, "text", {x: xBody, y: yMid - 7, "text-anchor": "middle", "font-size": 22}, ["Σ"]),
    svgElement(document, "text", {class: "sum", x: xBody, y: yMid + 16, "text-anchor": "middle", "font-size": 13, "font-weight": 600}, [formatNumber(sum)])
  );
  text.append(haloText(document, xBody, yMid + R + 14, `+ b = ${formatNumber(bias)}`, {class: "b", fill: "var(--muted, #6a6f7a)"}));
  const link = {stroke: "var(--muted, #6a6f7a)", "stroke-width": 1.5};
  if (activation === "sigmoid") {
    edges.append(edge(document, [xBody, yMid, R], [xAct, yMid, r], link), edge(document, [xAct, yMid, r], [xOut, yMid, r], link));
    nodes.append(node(document, xAct, yMid, r, "σ", {stroke: palette.hidden}));
  } else {
    edges.append(edge(document, [xBody, yMid, R], [xOut, yMid, r], link));
  }
  nodes.append(circle(xOut, yMid, r, palette.model), valueText(xOut, yMid, out, "output"));
  text.append(
    svgElement(
      document,
      "text",
      {x: xOut, y: yMid - r - 8, "text-anchor": "middle", "font-size": 15, "font-style": "italic", "font-family": "var(--font-body, Georgia, serif)"},
      ["y"]
    )
  );

  const svg = diagramSvg(
    document,
    width,
    height,
    `A neuron: ${activation === "sigmoid" ? "σ" : ""}(${inputs.map((x, i) => `${formatNumber(weights[i])} × ${formatNumber(x)}`).join(" + ")} + ${formatNumber(bias)}) = ${formatNumber(out)}`,
    [edges, nodes, text]
  );
  return reused(svg, options.reuse, diagrams);

  function yOf(i: number): number {
    return top + slot * (i + 0.5);
  }

  function circle(cx: number, cy: number, radius: number, stroke: string): SVGCircleElement {
    return svgElement(document, "circle", {cx, cy, r: radius, fill: "var(--panel, white)", stroke, "stroke-width": 2});
  }

  function valueText(x: number, y: number, value: number, className = "input"): SVGTextElement {
    return svgElement(document, "text", {class: className, x, y, dy: "0.32em", "text-anchor": "middle", "font-size": 12, "font-weight": 600}, [formatNumber(value)]);
  }
}
