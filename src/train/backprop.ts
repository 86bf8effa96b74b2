/**
 * Backpropagation laid open, for the network of the lesson's last chapter: hidden sigmoid
 * neurons h_j = σ(wi_j·x + b_j) feeding y = Σ wo_j·h_j + bo, with the loss L = ½ Σ (y − t)².
 * For any one parameter it gives the chain rule's factors at each data point, their product and
 * the sum, which is that parameter's slope; a panel shows them (draw.backpropPanel).
 */

/** The network's parameters, as the chapter holds them: one entry per hidden neuron, and bo. */
export interface Network {
  wi: number[];
  b: number[];
  wo: number[];
  bo: number;
}

/** One data point: [x, t], the input and its target. */
export type Point = [number, number];

/** Which parameter: "wi2", "b2", "wo2" (numbered from 1, as the diagrams name them) or "bo". */
export type ParameterName = string;

/** One link of the chain, as a panel names it. */
export interface Link {
  /** Its symbol: "y − t", "wo₂", "h₂(1 − h₂)", "x". */
  symbol: string;
  /** The derivative it is: "∂L/∂y", "∂y/∂h₂", "∂h₂/∂z₂", "∂z₂/∂wi₂". */
  derivative: string;
}

/** One data point's share of a parameter's slope. */
export interface ChainTerm {
  /** The point. */
  x: number;
  t: number;
  /** The network's output there. */
  y: number;
  /** Each link's value at this point, in the order of {@link ChainRule.links}. */
  factors: number[];
  /** Their product: this point's share of the slope. */
  product: number;
}

/** A parameter's slope, ∂L/∂p, as the chain rule gives it. */
export interface ChainRule {
  /** Which parameter ("wi2"). */
  parameter: ParameterName;
  /** Its symbol, "wi₂". */
  symbol: string;
  /** Its value now. */
  value: number;
  /** The links from the loss down to it. */
  links: Link[];
  /** Each data point's factors and product. */
  terms: ChainTerm[];
  /** The sum of the products: ∂L/∂p. */
  gradient: number;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** The forward pass at x: each neuron's h_j, and the output y. */
export function forward({wi, b, wo, bo}: Network, x: number): {h: number[]; y: number} {
  const h = wi.map((w, j) => sigmoid(w * x + b[j]));
  let y = bo;
  for (let j = 0; j < h.length; ++j) y += wo[j] * h[j];
  return {h, y};
}

/** The loss ½ Σ (y − t)² over the points. */
export function networkLoss(network: Network, points: readonly Point[]): number {
  let sum = 0;
  for (const [x, t] of points) sum += (forward(network, x).y - t) ** 2;
  return sum / 2;
}

/** Every parameter's slope at once, by the same chain rule, in the network's own shape. */
export function networkGradient(network: Network, points: readonly Point[]): Network {
  const n = check(network);
  const grad: Network = {wi: Array(n).fill(0), b: Array(n).fill(0), wo: Array(n).fill(0), bo: 0};
  for (const [x, t] of points) {
    const {h, y} = forward(network, x);
    const error = y - t; // ∂L/∂y
    grad.bo += error;
    for (let j = 0; j < n; ++j) {
      grad.wo[j] += error * h[j];
      const dz = error * network.wo[j] * h[j] * (1 - h[j]); // ∂L/∂z_j
      grad.wi[j] += dz * x;
      grad.b[j] += dz;
    }
  }
  return grad;
}

/** One step of gradient descent on every parameter. */
export function descentStep(network: Network, points: readonly Point[], learningRate: number): Network {
  const g = networkGradient(network, points);
  const step = (v: number, s: number) => v - learningRate * s;
  return {wi: network.wi.map((v, j) => step(v, g.wi[j])), b: network.b.map((v, j) => step(v, g.b[j])), wo: network.wo.map((v, j) => step(v, g.wo[j])), bo: step(network.bo, g.bo)};
}

/** The chain rule for one parameter, point by point (see {@link ChainRule}). */
export function chainRule(network: Network, points: readonly Point[], parameter: ParameterName): ChainRule {
  const n = check(network);
  const {kind, j} = parseParameter(parameter, n);
  const s = j === null ? "" : subscript(j + 1);
  const error: Link = {symbol: "y − t", derivative: "∂L/∂y"};
  const links: Link[] =
    kind === "bo" ? [error, {symbol: "1", derivative: "∂y/∂bo"}]
    : kind === "wo" ? [error, {symbol: `h${s}`, derivative: `∂y/∂wo${s}`}]
    : [error, {symbol: `wo${s}`, derivative: `∂y/∂h${s}`}, {symbol: `h${s}(1 − h${s})`, derivative: `∂h${s}/∂z${s}`}, {symbol: kind === "wi" ? "x" : "1", derivative: `∂z${s}/∂${kind}${s}`}];
  let gradient = 0;
  const terms = points.map(([x, t]): ChainTerm => {
    const {h, y} = forward(network, x);
    const e = y - t;
    const factors =
      kind === "bo" ? [e, 1]
      : kind === "wo" ? [e, h[j!]]
      : [e, network.wo[j!], h[j!] * (1 - h[j!]), kind === "wi" ? x : 1];
    const product = factors.reduce((p, f) => p * f, 1);
    gradient += product;
    return {x, t, y, factors, product};
  });
  const value = kind === "bo" ? network.bo : network[kind][j!];
  return {parameter, symbol: kind === "bo" ? "bo" : `${kind}${s}`, value, links, terms, gradient};
}

/** The network's parameters by name, in a stable order: wi1…, b1…, wo1…, bo. */
export function parameterNames(network: Network): ParameterName[] {
  const n = check(network);
  const one = (kind: string) => Array.from({length: n}, (_, j) => `${kind}${j + 1}`);
  return [...one("wi"), ...one("b"), ...one("wo"), "bo"];
}

/** A parameter's value by name. */
export function parameterValue(network: Network, parameter: ParameterName): number {
  const {kind, j} = parseParameter(parameter, check(network));
  return kind === "bo" ? network.bo : network[kind][j!];
}

function parseParameter(parameter: ParameterName, n: number): {kind: "wi" | "b" | "wo" | "bo"; j: number | null} {
  if (parameter === "bo") return {kind: "bo", j: null};
  const match = /^(wi|b|wo)(\d+)$/.exec(String(parameter));
  const j = match ? Number(match[2]) - 1 : -1;
  if (!match || j < 0 || j >= n) throw new Error(`backprop: no parameter ${JSON.stringify(parameter)}; the network has wi1…wi${n}, b1…b${n}, wo1…wo${n} and bo`);
  return {kind: match[1] as "wi" | "b" | "wo", j};
}

function check(network: Network): number {
  const n = network?.wi?.length;
  if (!(n >= 1) || network.b?.length !== n || network.wo?.length !== n || typeof network.bo !== "number") {
    throw new Error("backprop: the network is not {wi, b, wo, bo} with one wi, b and wo per hidden neuron");
  }
  return n;
}

function subscript(k: number): string {
  return String(k).replace(/\d/g, (d) => "₀₁₂₃₄₅₆₇₈₉"[+d]);
}
