import {describe, expect, it, vi} from "vitest";
import * as Plot from "@observablehq/plot";
import {describeCharts, labelText, nameControls} from "../../src/ui/accessible.js";
import {layered} from "../../src/draw/layered.js";
import {LiveAnnouncer} from "../../src/ui/live-announcer.js";

describe("labelText", () => {
  it("reads TeX rendered as MathML by its symbols, not its source", () => {
    const label = document.createElement("label");
    label.innerHTML = `<math><semantics><mrow><mtext>learning rate</mtext><mi>η</mi></mrow><annotation encoding="application/x-tex">\\text{learning rate}\\eta</annotation></semantics></math>`;
    expect(labelText(label)).toBe("learning rate η");
  });

  it("names a form's number box and slider from its label", () => {
    const form = document.createElement("form");
    form.innerHTML = `<label for="n"><math><mi>w</mi><annotation encoding="application/x-tex">w</annotation></math></label><div><input id="n" type="number"><input type="range"></div>`;
    nameControls(form);
    expect([...form.querySelectorAll("input")].map((i) => i.getAttribute("aria-label"))).toEqual(["w", "w"]);
  });
});

describe("describeCharts", () => {
  const options = {width: 400, height: 200, x: {domain: [0, 9]}, y: {domain: [-1, 7]}};

  it("makes a layered chart one image, its layers hidden, even with marks on top from the start", () => {
    // With a legend, the layers are in a figure, the top one not a child of the chart.
    const chart = layered({...options, color: {legend: true, domain: ["a", "b"]}}, [Plot.ruleY([0])], [Plot.line([[0, 0], [9, 5]])]);
    document.body.append(chart);
    describeCharts(chart);
    expect(chart.getAttribute("role")).toBe("img");
    expect(chart.getAttribute("aria-label")).toMatch(/^chart of line/);
    expect(chart.querySelectorAll("[role=img]")).toHaveLength(0);
    for (const svg of chart.querySelectorAll("svg")) {
      expect(svg.getAttribute("aria-hidden")).toBe("true");
      expect(svg.hasAttribute("role")).toBe(false);
    }
    chart.remove();
  });

  it("hides the marks drawn later into a chart that is not hidden, given alone", () => {
    const svg = Plot.plot({...options, marks: []});
    document.body.append(svg);
    const marks = Plot.line([[0, 0], [9, 5]]).plot(options).querySelector("g[aria-label=line]")!;
    svg.append(marks);
    describeCharts(marks);
    expect(marks.getAttribute("aria-hidden")).toBe("true");
    svg.remove();
  });
});

describe("LiveAnnouncer", () => {
  it("speaks at most once a second and always ends with the newest message", () => {
    vi.useFakeTimers();
    const live = new LiveAnnouncer(document, 1000);
    live.say("iteration 1");
    expect(live.element.textContent).toBe("iteration 1");
    for (let i = 2; i <= 60; ++i) {
      vi.advanceTimersByTime(16);
      live.say(`iteration ${i}`);
    }
    expect(live.element.textContent).toBe("iteration 1");
    vi.advanceTimersByTime(1000);
    expect(live.element.textContent).toBe("iteration 60");
    vi.useRealTimers();
  });
});
