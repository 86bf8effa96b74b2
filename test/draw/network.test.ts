// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {network} from "../../src/draw/network.js";
import {neuron} from "../../src/draw/neuron.js";

const texts = (svg: Element, selector: string) => [...svg.querySelectorAll(selector)].map((t) => t.textContent);
const four = {
  hidden: [{w: 0.2, b: 1}, {w: -0.5, b: -5.7}, {w: 1.9, b: 0}, {w: -0.8, b: 7.1}],
  output: [7.2, 9.7, -6.3, -6.3]
};

describe("network", () => {
  it("writes every weight on its edge and every bias on its neuron", () => {
    const svg = network(four, {width: 560});
    expect(texts(svg, "text.w")).toEqual(["0.2", "7.2", "\u22120.5", "9.7", "1.9", "\u22126.3", "\u22120.8", "\u22126.3"]);
    expect(texts(svg, "text.b")).toEqual(["b = 1", "b = \u22125.7", "b = 0", "b = 7.1"]);
    expect(svg.querySelectorAll("line.weight")).toHaveLength(8);
  });

  it("shows each edge's sign as its colour and its size as its thickness, capped", () => {
    const svg = network({hidden: [{w: 2, b: 0}, {w: -20, b: 0}], output: [0.5, -10]}, {width: 400});
    const [a, , b] = [...svg.querySelectorAll("line.weight")];
    expect(a.getAttribute("stroke")).toBe("var(--positive)");
    expect(b.getAttribute("stroke")).toBe("var(--negative)");
    expect(+a.getAttribute("stroke-width")!).toBe(2);
    expect(+b.getAttribute("stroke-width")!).toBe(6);
  });

  it("shows the values for an input, computed as σ(w·x + b) and Σ wᵢhᵢ", () => {
    const svg = network({...four, x: 0.5}, {width: 560});
    const sigma = (z: number) => 1 / (1 + Math.exp(-z));
    const h = four.hidden.map(({w, b}) => sigma(w * 0.5 + b));
    const y = h.reduce((s, hi, i) => s + four.output[i] * hi, 0);
    expect(texts(svg, "text.value")).toEqual([...h.map((v) => v.toFixed(2).replace(/\.?0+$/, "")), "0.5", y.toFixed(2).replace("-", "\u2212")]);
  });

  it("reuse changes the diagram drawn before in place, into what a new drawing shows", () => {
    const before = network(four, {width: 560});
    const circles = [...before.querySelectorAll("circle")];
    const changed = {...four, hidden: [{w: -3, b: 1}, ...four.hidden.slice(1)]};
    const after = network(changed, {width: 560, reuse: before});
    expect(after).toBe(before);
    expect(after.outerHTML).toBe(network(changed, {width: 560}).outerHTML);
    // Nothing that looks the same was replaced: the nodes are the ones drawn first.
    expect([...after.querySelectorAll("circle")]).toEqual(circles);
    // Fewer neurons: the extra elements go. Anything not drawn here is not reused.
    const two = {hidden: four.hidden.slice(0, 2), output: four.output.slice(0, 2)};
    expect(network(two, {width: 560, reuse: after}).outerHTML).toBe(network(two, {width: 560}).outerHTML);
    const stranger = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    expect(network(two, {width: 560, reuse: stranger})).not.toBe(stranger);
  });

  it("leaves the numbers out past ten neurons", () => {
    const many = {hidden: Array.from({length: 11}, () => ({w: 1, b: 1})), output: Array(11).fill(1)};
    const svg = network(many, {width: 560});
    expect(svg.querySelectorAll("text.w, text.b")).toHaveLength(0);
    expect(svg.querySelectorAll("line.weight")).toHaveLength(22);
  });

  it("says when the output weights don't match the neurons", () => {
    expect(() => network({hidden: four.hidden, output: [1, 2]}, {width: 300})).toThrow("network: output has 2 weights but there are 4 hidden neurons");
  });
});

describe("neuron", () => {
  it("shows the weighted sum and σ of it, as arithmetic by hand gives", () => {
    // 0.8·0.5 − 0.4·(−1.2) + 0.25·2 − 0.3 = 0.4 + 0.48 + 0.5 − 0.3 = 1.08; σ(1.08) = 0.7465
    const svg = neuron({inputs: [0.5, -1.2, 2], weights: [0.8, -0.4, 0.25], bias: -0.3});
    expect(texts(svg, "text.sum")).toEqual(["1.08"]);
    expect(texts(svg, "text.output")).toEqual(["0.75"]);
    expect(texts(svg, "text.input")).toEqual(["0.5", "\u22121.2", "2"]);
    expect(texts(svg, "text.w")).toEqual(["0.8", "\u22120.4", "0.25"]);
    expect(texts(svg, "text.b")).toEqual(["+ b = \u22120.3"]);
  });

  it("passes the sum through unchanged without an activation", () => {
    const svg = neuron({inputs: [1, 2], weights: [3, 4], bias: 5, activation: "none", labels: ["a", "b"]});
    expect(texts(svg, "text.output")).toEqual(["16"]);
    expect(texts(svg, "text")).toContain("a");
  });

  it("says when inputs and weights differ in number", () => {
    expect(() => neuron({inputs: [1, 2, 3], weights: [1], bias: 0})).toThrow("neuron: 3 inputs but 1 weights");
  });

  it("reuse changes the diagram drawn before in place, into what a new drawing shows", () => {
    const spec = {inputs: [0.5, -1.2, 2], weights: [0.8, -0.4, 0.25], bias: -0.3};
    const before = neuron(spec);
    const texts = [...before.querySelectorAll("text")];
    const changed = {...spec, weights: [-3, -0.4, 0.25]};
    const after = neuron(changed, {reuse: before});
    expect(after).toBe(before);
    expect(after.outerHTML).toBe(neuron(changed).outerHTML);
    expect([...after.querySelectorAll("text")]).toEqual(texts);
    const stranger = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    expect(neuron(changed, {reuse: stranger})).not.toBe(stranger);
  });
});
