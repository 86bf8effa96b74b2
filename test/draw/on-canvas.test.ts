// @vitest-environment jsdom
// Marks drawn on a canvas: draw.dots and draw.residuals past a few hundred points.
import * as Plot from "@observablehq/plot";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {dots, SVG_LIMIT} from "../../src/draw/dots.js";
import {residuals} from "../../src/draw/residuals.js";

/** One call made on a recording canvas. */
type Call = [name: string, ...args: unknown[]];

// jsdom has no canvas. This one records what is drawn on it, in order, which is what the
// painters decide; how the browser turns the calls into pixels is for the browser tests.
const calls = new WeakMap<HTMLCanvasElement, Call[]>();
const original = Object.getOwnPropertyDescriptor(HTMLCanvasElement.prototype, "getContext")!;
beforeAll(() => {
  Object.defineProperty(HTMLCanvasElement.prototype, "getContext", {
    configurable: true,
    value(this: HTMLCanvasElement) {
      const log: Call[] = [];
      calls.set(this, log);
      const canvas = this;
      return new Proxy({canvas} as Record<string | symbol, unknown>, {
        get: (target, name) => (name in target ? target[name] : (...args: unknown[]) => void log.push([String(name), ...args])),
        set: (target, name, value) => ((target[name] = value), log.push([`${String(name)}=`, value]), true)
      });
    }
  });
});
afterAll(() => Object.defineProperty(HTMLCanvasElement.prototype, "getContext", original));

const options = {width: 400, height: 300, x: {domain: [0, 10]}, y: {domain: [0, 10]}, marginLeft: 0, marginRight: 0, marginTop: 0, marginBottom: 0, axis: null};
/** Plot's scale over [0, 10] onto [0, 400] and [300, 0]: chart pixels of a data point. */
const at = (x: number, y: number) => [x * 40, 300 - y * 30];

describe("dots", () => {
  it("draws a few hundred points as Plot's SVG circles", () => {
    const data = Array.from({length: SVG_LIMIT}, (_, i) => [i / 50, i / 50]);
    const chart = Plot.plot({...options, marks: [dots(data, {x: "0", y: "1", r: 3})]});
    expect(chart.querySelectorAll("circle")).toHaveLength(SVG_LIMIT);
    expect(chart.querySelector("canvas")).toBeNull();
  });

  it("draws more on one canvas the size of the chart, in its place among the marks", () => {
    const data = Array.from({length: SVG_LIMIT + 1}, (_, i) => [i / 50, i / 50]);
    const chart = Plot.plot({...options, marks: [Plot.ruleY([5]), dots(data, {x: "0", y: "1", r: 3, fill: "red", title: "ignored on a canvas"}), Plot.ruleX([5])]});
    expect(chart.querySelectorAll("circle")).toHaveLength(0);
    const canvas = chart.querySelector("canvas")!;
    expect([canvas.width, canvas.height, canvas.style.width, canvas.style.height]).toEqual([400, 300, "400px", "300px"]);
    expect(canvas.getAttribute("aria-label")).toBe("501 points");
    // Between the two rules, as the dots' own SVG would have been.
    expect([...chart.querySelectorAll(":scope > g")].map((c) => c.getAttribute("aria-label"))).toEqual(["rule", "dot", "rule"]);
    expect(chart.querySelector("foreignObject")!.getAttribute("width")).toBe("400");
  });

  it("stamps each point at its place, in the data's order", () => {
    const data = [[1, 1], [5, 5], [2, 8]];
    const chart = Plot.plot({...options, marks: [dots(data, {x: "0", y: "1", r: 4, fill: "red", stroke: "white", canvas: true})]});
    const stamped = calls.get(chart.querySelector("canvas")!)!.filter(([name]) => name === "drawImage");
    const size = 2 * Math.ceil(4 + 0.5 + 1); // radius and half the stroke, and a pixel to spare
    expect(stamped.map(([, , x, y]) => [x, y])).toEqual(data.map(([x, y]) => at(x, y).map((v) => Math.round(v - size / 2))));
    // The stamp is one dot, drawn once: filled, then stroked.
    const stamp = stamped[0][1] as HTMLCanvasElement;
    expect(stamped.every(([, s]) => s === stamp)).toBe(true);
    const drawn = calls.get(stamp)!.filter(([name]) => ["arc", "fill", "stroke", "fillStyle=", "strokeStyle="].includes(name));
    expect(drawn).toEqual([["arc", size / 2, size / 2, 4, 0, 2 * Math.PI], ["fillStyle=", "red"], ["fill"], ["strokeStyle=", "white"], ["stroke"]]);
  });

  it("skips a point that a later one covers exactly, and no other", () => {
    const data = [[1, 1], [5, 5], [1, 1], [5, 5.1], [1, 1]];
    const chart = Plot.plot({...options, marks: [dots(data, {x: "0", y: "1", canvas: true})]});
    const stamped = calls.get(chart.querySelector("canvas")!)!.filter(([name]) => name === "drawImage");
    // The first two (1, 1) are under the last; (5, 5.1) is three pixels off (5, 5), which stays.
    expect(stamped).toHaveLength(3);
  });

  it("stamps at the screen's pixel density", () => {
    const ratio = window.devicePixelRatio;
    try {
      Object.defineProperty(window, "devicePixelRatio", {configurable: true, value: 2});
      const chart = Plot.plot({...options, marks: [dots([[5, 5]], {x: "0", y: "1", r: 4, fill: "red", canvas: true})]});
      const canvas = chart.querySelector("canvas")!;
      expect([canvas.width, canvas.height, canvas.style.width]).toEqual([800, 600, "400px"]);
      const [[, stamp, x, y]] = calls.get(canvas)!.filter(([name]) => name === "drawImage") as [string, HTMLCanvasElement, number, number][];
      expect(stamp.width).toBe(2 * Math.ceil(4 * 2 + 1));
      expect([x, y]).toEqual([400 - stamp.width / 2, 300 - stamp.width / 2]);
    } finally {
      Object.defineProperty(window, "devicePixelRatio", {configurable: true, value: ratio});
    }
  });

  it("paints again, sharp, when the pixel density changes (the reader zooms in)", () => {
    // jsdom has no matchMedia: these queries change when the test says so.
    const queries: (EventTarget & {media: string})[] = [];
    const ratio = window.devicePixelRatio;
    Object.defineProperty(window, "matchMedia", {configurable: true, value: (media: string) => (queries.push(Object.assign(new EventTarget(), {media, matches: true})), queries.at(-1))});
    try {
      const chart = Plot.plot({...options, marks: [dots([[5, 5]], {x: "0", y: "1", r: 4, fill: "red", canvas: true})]});
      document.body.append(chart);
      const canvas = chart.querySelector("canvas")!;
      expect(canvas.width).toBe(400 * ratio);
      const density = queries.find((q) => q.media === `(resolution: ${ratio}dppx)`)!;
      Object.defineProperty(window, "devicePixelRatio", {configurable: true, value: 3});
      density.dispatchEvent(new Event("change"));
      expect([canvas.width, canvas.height, canvas.style.width]).toEqual([1200, 900, "400px"]);
      // It goes on watching, now for a change away from the new density.
      expect(queries.some((q) => q.media === "(resolution: 3dppx)")).toBe(true);
      chart.remove();
    } finally {
      Object.defineProperty(window, "devicePixelRatio", {configurable: true, value: ratio});
      delete (window as {matchMedia?: unknown}).matchMedia;
    }
  });

  it("says why it cannot draw other symbols on a canvas", () => {
    expect(() => dots([[1, 2]], {x: "0", y: "1", symbol: "square", canvas: true})).toThrow("dots: on a canvas, dots are circles, not square");
  });
});

describe("residuals of many points", () => {
  const data = Array.from({length: 10_000}, (_, i): [number, number] => [(i % 100) / 10, Math.floor(i / 100) / 10]);

  it("draws those of a few, spread evenly, on a canvas, and says so", () => {
    const chart = Plot.plot({...options, marks: residuals(data, (x) => x, {squares: true, limit: 1000})});
    const [squares, segments] = chart.querySelectorAll("canvas");
    expect(segments.getAttribute("aria-label")).toBe("1,000 residuals");
    expect(squares.getAttribute("aria-label")).toBe("1,000 squared residuals");
    expect(calls.get(segments)!.filter(([name]) => name === "stroke")).toHaveLength(1000);
    expect(calls.get(squares)!.filter(([name]) => name === "fillRect")).toHaveLength(1000);
    expect(chart.textContent).toContain("residuals of 1,000 of the 10,000 points, spread evenly");
  });

  it("draws every one when there are few enough", () => {
    const chart = Plot.plot({...options, marks: residuals(data.slice(0, 600), (x) => x)});
    expect(calls.get(chart.querySelector("canvas")!)!.filter(([name]) => name === "stroke")).toHaveLength(600);
    expect(chart.textContent).not.toContain("residuals of");
  });
});
