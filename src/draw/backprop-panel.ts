import {chainRule, descentStep, networkLoss, type Network, type ParameterName, type Point} from "../train/backprop.js";
import {reused} from "./svg.js";

/** What the panel shows. */
export interface BackpropPanelOptions {
  /** The network now. */
  network: Network;
  /** The data, [x, t] pairs. */
  points: readonly Point[];
  /** The parameter selected: "wi2", "b2", "wo2" or "bo". */
  parameter: ParameterName;
  /** The learning rate, for "one step" before and after. */
  learningRate: number;
  /** Rows of points shown; the rest are summed but not listed. Default 10. */
  rows?: number;
  /** A panel drawn before (a cell's `this`): its text is changed in place rather than the panel made again. */
  reuse?: unknown;
  document?: Document;
}

/**
 * One parameter's slope laid open: the chain rule as a formula, a table of each data point's
 * factors and their product, the sum (∂L/∂p), and what one step of gradient descent does to the
 * parameter, its slope and the loss. Every number is live: draw it again when the network moves
 * (with `reuse`, only the numbers that changed are written, which while training is every frame).
 */
export function backpropPanel(options: BackpropPanelOptions): HTMLElement {
  const {network, points, parameter, learningRate, rows = 10, document = globalThis.document} = options;
  if (!(learningRate > 0)) throw new Error(`backpropPanel: invalid learningRate; not a positive number: ${learningRate}`);
  const rule = chainRule(network, points, parameter);
  const after = descentStep(network, points, learningRate);
  const next = chainRule(after, points, parameter);
  const h = (tag: string, attributes: Record<string, string> = {}, ...children: (Node | string)[]) => {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    element.append(...children);
    return element;
  };
  const d = `∂L/∂${rule.symbol}`;
  const root = h("section", {class: "backprop-panel", "aria-label": `the slope ${d}, by the chain rule`});
  root.dataset.parameter = parameter;

  root.append(
    h("p", {class: "backprop-formula"}, h("b", {}, d), " = Σ ", rule.links.map((l) => (l.symbol === "y − t" ? `(${l.symbol})` : l.symbol)).join(" · ")),
    h("p", {class: "backprop-links"}, "link by link: ", rule.links.map((l) => `${l.derivative} = ${l.symbol}`).join(", "))
  );

  const head = h("tr", {}, h("th", {scope: "col"}, "x"), h("th", {scope: "col"}, "t"), ...rule.links.map((l) => h("th", {scope: "col"}, l.symbol)), h("th", {scope: "col"}, "product"));
  const body = h("tbody");
  for (const term of rule.terms.slice(0, rows)) {
    body.append(h("tr", {}, h("td", {}, num(term.x)), h("td", {}, num(term.t)), ...term.factors.map((f) => h("td", {}, num(f))), h("td", {}, num(term.product))));
  }
  const hidden = rule.terms.length - Math.min(rows, rule.terms.length);
  const foot = h(
    "tfoot",
    {},
    h("tr", {}, h("th", {scope: "row", colspan: String(rule.links.length + 2)}, hidden ? `sum over all ${rule.terms.length} points (${hidden} not listed)` : `sum over the ${rule.terms.length} points`), h("td", {}, h("b", {}, num(rule.gradient))))
  );
  root.append(h("table", {class: "backprop-terms"}, h("caption", {}, `Each point's share of ${d}`), h("thead", {}, head), body, foot));

  const lossBefore = networkLoss(network, points);
  const lossAfter = networkLoss(after, points);
  root.append(
    h(
      "p",
      {class: "backprop-step"},
      `One step, η = ${num(learningRate)}: ${rule.symbol} = ${num(rule.value)} − ${num(learningRate)} × ${paren(rule.gradient)} = `,
      h("b", {}, num(next.value)),
      `. After it, ${d} = ${num(next.gradient)} (was ${num(rule.gradient)}), and the loss goes from ${num(lossBefore)} to ${num(lossAfter)}.`
    )
  );
  return reused(root, options.reuse, panels);
}

/** The panels drawn here, which {@link BackpropPanelOptions.reuse} may change. */
const panels = new WeakSet<Element>();

/** Four significant digits, a real minus sign, and an exponent for the very small or large. */
export function num(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? "NaN" : x > 0 ? "∞" : "−∞";
  if (x === 0) return "0";
  const a = Math.abs(x);
  const text = a < 1e-4 || a >= 1e6 ? x.toExponential(3).replace(/\.?0+e/, "e").replace("e+", "e") : String(+x.toPrecision(4));
  return text.replace(/-/g, "−");
}

function paren(x: number): string {
  return x < 0 ? `(${num(x)})` : num(x);
}
