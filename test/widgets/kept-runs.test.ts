import {describe, expect, it, vi} from "vitest";
import {palette} from "../../src/draw/palette.js";
import {freeColor, keptRuns, runLabel, type RunCurves} from "../../src/widgets/kept-runs.js";

function run(start: [number, number], steps = 3): RunCurves {
  const out: RunCurves = {path: [], iterations: [], losses: []};
  let [w, b] = start;
  for (let i = 0; i <= steps; ++i) out.path.push([w, b]), out.iterations.push(i), out.losses.push(w * w + b * b), (w *= 0.9), (b += 0.1);
  return out;
}
const names = ["w", "b"];

describe("keptRuns", () => {
  it("keeps up to four runs, each in a colour of its own and labelled with its rate and start", () => {
    const kept = keptRuns();
    const heard = vi.fn();
    kept.addEventListener("input", heard);
    for (const lr of [0.001, 0.005, 0.009, 0.0001]) expect(kept.keep({run: run([1, 0]), learningRate: lr, start: [1, 0], names})).not.toBeNull();
    expect(heard).toHaveBeenCalledTimes(4);
    expect(kept.value.map((r) => r.color)).toEqual(palette.runs);
    expect(kept.value[0].label).toBe("η = 0.001, from w = 1, b = 0");
    expect([...kept.querySelectorAll("li")].map((li) => li.textContent)).toEqual([
      "η = 0.001, from w = 1, b = 0×",
      "η = 0.005, from w = 1, b = 0×",
      "η = 0.009, from w = 1, b = 0×",
      "η = 0.0001, from w = 1, b = 0×"
    ]);
    // A fifth is refused, with a reason where the reader looks, and nothing else changes.
    expect(kept.keep({run: run([2, 2]), learningRate: 0.002, start: [2, 2], names})).toBeNull();
    expect(kept.value).toHaveLength(4);
    expect(kept.querySelector("[role=status]")!.textContent).toBe("Four runs are kept already: remove one to keep this one.");
    expect(heard).toHaveBeenCalledTimes(4);
  });

  it("removes a run with its button, and a new run takes the colour it freed", () => {
    const kept = keptRuns();
    for (const lr of [0.001, 0.005, 0.009]) kept.keep({run: run([1, 0]), learningRate: lr, start: [1, 0], names});
    const heard = vi.fn();
    kept.addEventListener("input", heard);
    const second = kept.querySelectorAll<HTMLButtonElement>("[data-action=remove-run]")[1];
    expect(second.getAttribute("aria-label")).toBe("remove the run η = 0.005, from w = 1, b = 0");
    second.click();
    expect(heard).toHaveBeenCalledTimes(1);
    expect(kept.value.map((r) => r.learningRate)).toEqual([0.001, 0.009]);
    const again = kept.keep({run: run([0, 0]), learningRate: 0.02, start: [0, 0], names})!;
    expect(again.color).toBe(palette.runs[1]);
    expect(new Set(kept.value.map((r) => r.color)).size).toBe(3);
  });

  it("keeps a copy: training on (or a reset) does not change a kept run", () => {
    const live = run([1, 0], 10);
    const kept = keptRuns();
    const k = kept.keep({run: live, learningRate: 0.001, start: [1, 0], names})!;
    live.path[3][0] = 99;
    live.path.length = 1;
    live.losses.fill(0);
    expect(k.path).toEqual(run([1, 0], 10).path);
    expect(k.losses).toEqual(run([1, 0], 10).losses);
  });

  it("says what it is for while empty", () => {
    const kept = keptRuns();
    expect(kept.textContent).toContain("No runs kept yet");
    expect(kept.getAttribute("aria-label")).toBe("kept runs");
  });
});

describe("run labels and colours", () => {
  it("labels with three significant digits and the parameters' names, if known", () => {
    expect(runLabel(0.00012345, [1, -0.5], ["w", "b"])).toBe("η = 0.000123, from w = 1, b = −0.5");
    expect(runLabel(0.03, [0.25, 2])).toBe("η = 0.03, from (0.25, 2)");
  });

  it("picks the first colour free", () => {
    expect(freeColor([palette.runs[0], palette.runs[2]])).toBe(palette.runs[1]);
    expect(() => freeColor([...palette.runs])).toThrow(/all 4 colours are in use/);
  });
});
