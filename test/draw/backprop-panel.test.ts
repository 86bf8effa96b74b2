import {describe, expect, it} from "vitest";
import {backpropPanel, num} from "../../src/draw/backprop-panel.js";
import {networkLoss, type Network, type Point} from "../../src/train/backprop.js";

const points: Point[] = [[-2, -0.97], [-1, -0.78], [0, 0], [1, 0.78], [2, 0.97]];
const network: Network = {wi: [0.8, -1.3], b: [0.5, -1.7], wo: [1.2, -0.6], bo: 0.1};
const fd = (name: "wi" | "wo", j: number) => {
  const at = (d: number) => {
    const copy = structuredClone(network);
    copy[name][j] += d;
    return networkLoss(copy, points);
  };
  return (at(1e-5) - at(-1e-5)) / 2e-5;
};

describe("backpropPanel", () => {
  it("shows the chain rule, each point's factors and product, and a sum that equals finite differences", () => {
    const panel = backpropPanel({network, points, parameter: "wi2", learningRate: 0.03});
    expect(panel.querySelector(".backprop-formula")!.textContent).toBe("∂L/∂wi₂ = Σ (y − t) · wo₂ · h₂(1 − h₂) · x");
    expect([...panel.querySelectorAll("thead th")].map((th) => th.textContent)).toEqual(["x", "t", "y − t", "wo₂", "h₂(1 − h₂)", "x", "product"]);
    expect(panel.querySelectorAll("tbody tr")).toHaveLength(5);
    // What the reader reads as the sum is the finite-difference slope, to the digits shown.
    expect(panel.querySelector("tfoot td")!.textContent).toBe(num(fd("wi", 1)));
    expect(panel.getAttribute("aria-label")).toBe("the slope ∂L/∂wi₂, by the chain rule");
  });

  it("says what one step does to the parameter, its slope and the loss", () => {
    const panel = backpropPanel({network, points, parameter: "wo1", learningRate: 0.1});
    const slope = fd("wo", 0);
    const text = panel.querySelector(".backprop-step")!.textContent!;
    expect(text).toContain(`wo₁ = 1.2 − 0.1 × ${slope < 0 ? `(${num(slope)})` : num(slope)} = ${num(1.2 - 0.1 * slope)}`);
    expect(text).toContain(`the loss goes from ${num(networkLoss(network, points))} to`);
  });

  it("with reuse, writes a new network's numbers into the panel drawn before, and reads as a new panel would", () => {
    const first = backpropPanel({network, points, parameter: "wi2", learningRate: 0.03});
    const cell = first.querySelector("tbody td")!;
    const moved: Network = {...network, wi: [0.8, -0.9]};
    const again = backpropPanel({network: moved, points, parameter: "wo1", learningRate: 0.03, reuse: first});
    expect(again).toBe(first);
    expect(again.querySelector("tbody td")).toBe(cell);
    expect(again.outerHTML).toBe(backpropPanel({network: moved, points, parameter: "wo1", learningRate: 0.03}).outerHTML);
    // Anything else given as reuse is left alone.
    const other = document.createElement("section");
    expect(backpropPanel({network, points, parameter: "wi2", learningRate: 0.03, reuse: other})).not.toBe(other);
  });

  it("lists at most `rows` points, and says how many more the sum holds", () => {
    const panel = backpropPanel({network, points, parameter: "bo", learningRate: 0.1, rows: 2});
    expect(panel.querySelectorAll("tbody tr")).toHaveLength(2);
    expect(panel.querySelector("tfoot th")!.textContent).toBe("sum over all 5 points (3 not listed)");
  });

  it("writes numbers as a reader reads them", () => {
    expect([num(-0.000012346), num(1234.5678), num(-2.5), num(0), num(3e7), num(NaN)]).toEqual(["−1.235e−5", "1235", "−2.5", "0", "3e7", "NaN"]);
    expect(() => backpropPanel({network, points, parameter: "bo", learningRate: 0})).toThrow(/invalid learningRate/);
  });
});
