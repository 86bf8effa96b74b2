import {describe, expect, it} from "vitest";
import * as Plot from "../../src/draw/plot.js";

describe("Plot's style rules", () => {
  it("go once into the head, and out of every chart", () => {
    const charts = [1, 2, 3].map((k) => Plot.plot({marks: [Plot.dot([[k, k]])]}));
    const legend = Plot.legend({color: {type: "quantize", domain: [0, 1], n: 4}});
    for (const chart of [...charts, legend]) expect(chart.querySelector("style")).toBeNull();
    const sheets = [...document.head.querySelectorAll<HTMLStyleElement>("style[data-plot-styles]")];
    expect(sheets.map((s) => s.dataset.plotStyles)).toEqual(["plot-d6a7b5", "plot-d6a7b5-ramp"]);
    expect(sheets[0].textContent).toContain(":where(.plot-d6a7b5 text)");
    expect(charts[0].getAttribute("class")).toBe("plot-d6a7b5");
  });

  it("leave other style elements where they are", () => {
    const {hoistStyles} = Plot;
    const box = document.createElement("div");
    box.innerHTML = "<style>:where(.mine) { color: red }</style><p>text</p>";
    expect(hoistStyles(box).querySelector("style")).not.toBeNull();
    expect(hoistStyles(null)).toBeNull();
    expect(hoistStyles(42)).toBe(42);
  });
});
