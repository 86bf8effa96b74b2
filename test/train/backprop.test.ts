import {describe, expect, it} from "vitest";
import {chainRule, descentStep, forward, networkGradient, networkLoss, parameterNames, parameterValue, type Network, type Point} from "../../src/train/backprop.js";

// The next chapter's starting wave, and a network of three neurons away from any symmetry.
const points: Point[] = [[-4, 0.44], [-3, -0.43], [-2, -0.97], [-1, -0.78], [0, 0], [1, 0.78], [2, 0.97], [3, 0.43], [4, -0.44]];
const network: Network = {wi: [0.8, -1.3, 2.1], b: [0.5, -1.7, 0.9], wo: [1.2, -0.6, 0.35], bo: 0.1};

/** The network with one parameter moved by d. */
function nudged(net: Network, name: string, d: number): Network {
  const copy: Network = {wi: [...net.wi], b: [...net.b], wo: [...net.wo], bo: net.bo};
  if (name === "bo") copy.bo += d;
  else {
    const [, kind, k] = /^(wi|b|wo)(\d+)$/.exec(name)!;
    copy[kind as "wi" | "b" | "wo"][+k - 1] += d;
  }
  return copy;
}

/** The slope by central finite differences: an answer that knows nothing of the chain rule. */
function finiteDifference(net: Network, name: string): number {
  const h = 1e-5;
  return (networkLoss(nudged(net, name, h), points) - networkLoss(nudged(net, name, -h), points)) / (2 * h);
}

describe("backprop", () => {
  it("each parameter's slope, by the chain rule, equals finite differences", () => {
    const names = parameterNames(network);
    expect(names).toEqual(["wi1", "wi2", "wi3", "b1", "b2", "b3", "wo1", "wo2", "wo3", "bo"]);
    for (const name of names) {
      const rule = chainRule(network, points, name);
      const fd = finiteDifference(network, name);
      expect(Math.abs(rule.gradient - fd)).toBeLessThan(1e-7 * Math.max(1, Math.abs(fd)));
    }
  });

  it("is the sum over the points of the product of the links, and agrees with the whole gradient", () => {
    const grad = networkGradient(network, points);
    const rule = chainRule(network, points, "wi2");
    expect(rule.symbol).toBe("wi₂");
    expect(rule.links.map((l) => l.symbol)).toEqual(["y − t", "wo₂", "h₂(1 − h₂)", "x"]);
    expect(rule.links.map((l) => l.derivative)).toEqual(["∂L/∂y", "∂y/∂h₂", "∂h₂/∂z₂", "∂z₂/∂wi₂"]);
    expect(rule.terms).toHaveLength(points.length);
    const [x, t] = points[2];
    const {h, y} = forward(network, x);
    expect(rule.terms[2]).toEqual({x, t, y, factors: [y - t, -0.6, h[1] * (1 - h[1]), x], product: (y - t) * -0.6 * (h[1] * (1 - h[1])) * x});
    expect(rule.gradient).toBeCloseTo(grad.wi[1], 12);
    expect(chainRule(network, points, "wo3").gradient).toBeCloseTo(grad.wo[2], 12);
    expect(chainRule(network, points, "b1").gradient).toBeCloseTo(grad.b[0], 12);
    expect(chainRule(network, points, "bo").links.map((l) => l.symbol)).toEqual(["y − t", "1"]);
    expect(chainRule(network, points, "wo1").links.map((l) => l.symbol)).toEqual(["y − t", "h₁"]);
    expect(chainRule(network, points, "b3").links.at(-1)).toEqual({symbol: "1", derivative: "∂z₃/∂b₃"});
  });

  it("a small step against every slope lowers the loss, and moves each parameter by η × its slope", () => {
    const lr = 0.01;
    const after = descentStep(network, points, lr);
    expect(networkLoss(after, points)).toBeLessThan(networkLoss(network, points));
    const rule = chainRule(network, points, "wo2");
    expect(parameterValue(after, "wo2")).toBe(rule.value - lr * rule.gradient);
  });

  it("names a parameter the network does not have", () => {
    expect(() => chainRule(network, points, "wi4")).toThrow(/no parameter "wi4"; the network has wi1…wi3, b1…b3, wo1…wo3 and bo/);
    expect(() => chainRule({wi: [1], b: [], wo: [1], bo: 0}, points, "bo")).toThrow(/not \{wi, b, wo, bo\}/);
  });
});
