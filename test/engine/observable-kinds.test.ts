import {describe, expect, it} from "vitest";
import {chapter, headless, valueof} from "./valueof.js";

// The kinds of cell where this engine once disagreed with Observable's, each with what
// Observable gives (checked against Observable's own runtime in differential.test.ts).
describe("Observable's semantics", () => {
  it("names with $ or letters beyond ASCII are read by other cells", async () => {
    const lesson = headless({a: chapter("π = Math.PI", "tau = 2 * π", "$0 = 10", "viewof x = Object.assign(document.createElement('input'), {value: '5'})", "y = Number(viewof x.value) + $0", "ñandú$ = tau + $0")});
    expect(await valueof(lesson, "a", "tau")).toBeCloseTo(2 * Math.PI);
    expect(await valueof(lesson, "a", "y")).toBe(15);
    expect(await valueof(lesson, "a", "ñandú$")).toBeCloseTo(2 * Math.PI + 10);
  });

  it("renames viewof and mutable references clear of the cell's own names", async () => {
    const lesson = headless({a: chapter("viewof$x = 1", "viewof x = Object.assign(document.createElement('input'), {value: '2'})", "mutable m = 3", "s = { const mutable$m = 100; return Number(viewof x.value) + viewof$x + mutable m + mutable$m; }")});
    expect(await valueof(lesson, "a", "s")).toBe(106);
  });

  it("import … with runs the other chapter's cells over this chapter's names", async () => {
    const lesson = headless({
      reuse: chapter('import {chart, total as sum} with {data, viewof k as scale} from "fitting"', "data = [10, 20]", "viewof k = Object.assign(document.createElement('input'), {value: '3'})", "k2 = chart"),
      fitting: chapter("data = [1, 2, 3]", "viewof scale = Object.assign(document.createElement('input'), {value: '1'})", "total = data.reduce((a, b) => a + b) * scale", "chart = `chart of ${total}`")
    });
    expect(await valueof(lesson, "reuse", "chart")).toBe("chart of 90");
    expect(await valueof(lesson, "reuse", "sum")).toBe(90);
    expect(await valueof(lesson, "fitting", "chart")).toBe("chart of 6");
    // The copy follows edits on both sides.
    lesson.edit(lesson.cell("reuse", "data")!, "data = [1]");
    expect(await valueof(lesson, "reuse", "chart")).toBe("chart of 3");
    lesson.edit(lesson.cell("fitting", "chart")!, "chart = `a chart of ${total}`");
    expect(await valueof(lesson, "reuse", "chart")).toBe("a chart of 3");
    expect(await valueof(lesson, "fitting", "chart")).toBe("a chart of 6");
  });

  it("Generators.range, filter, map and valueAt", async () => {
    const lesson = headless({a: chapter("i = Generators.range(20)", "evens = [...Generators.filter(Generators.range(10), (x) => x % 2 === 0)]", "squares = [...Generators.map(Generators.range(4), (x, i) => x * x + i)]", "third = Generators.valueAt(Generators.range(5, 0, -1), 2)")});
    expect(await valueof(lesson, "a", "evens")).toEqual([0, 2, 4, 6, 8]);
    expect(await valueof(lesson, "a", "squares")).toEqual([0, 2, 6, 12]);
    expect(await valueof(lesson, "a", "third")).toBe(3);
    for (let k = 0; k < 200 && (await lesson.value("a", "i")) !== 19; ++k) await new Promise((r) => setTimeout(r, 1));
    expect(await valueof(lesson, "a", "i")).toBe(19);
  });

  it("Generators.input listens for a button's clicks", async () => {
    const lesson = headless({a: chapter("viewof count = { const b = document.createElement('button'); b.value = 0; b.onclick = () => (b.value = +b.value + 1); return b; }", "twice = count * 2")});
    expect(await valueof(lesson, "a", "twice")).toBe(0);
    const button = (await lesson.value("a", "viewof count")) as HTMLButtonElement;
    button.click();
    button.click();
    expect(await valueof(lesson, "a", "twice")).toBe(4);
  });

  it("Generators.disposable disposes when returned after its value was taken", async () => {
    const disposed: unknown[] = [];
    const lesson = headless({a: chapter("n = 1", "d = Generators.disposable(n * 10, (v) => log(v))", "e = Generators.disposable(undefined, () => log('e'))")}, {log: () => (v: unknown) => disposed.push(v)});
    expect(await valueof(lesson, "a", "d")).toBe(10);
    await valueof(lesson, "a", "e");
    lesson.edit(lesson.cell("a", "n")!, "n = 2");
    lesson.edit(lesson.cell("a", "e")!, "e = 0");
    expect(await valueof(lesson, "a", "d")).toBe(20);
    expect(disposed.sort()).toEqual([10, "e"]);
  });

  it("a cell that fails to parse still claims its names", async () => {
    const lesson = headless({
      a: chapter("π = (Math.PI", "tau = 2 * π", "viewof k = (", "k2 = k + viewof k", "mutable m = [", "m2 = m + mutable m", 'import {chart, viewof w as v} with {data} from "b" oops', "c2 = chart + v + viewof v"),
      b: chapter("chart = 1", "viewof w = 1")
    });
    expect(await valueof(lesson, "a", "tau")).toEqual({error: "Unexpected end of input at 1:13"});
    expect(await valueof(lesson, "a", "k2")).toEqual({error: "Unexpected end of input at 1:13"});
    expect(await valueof(lesson, "a", "m2")).toEqual({error: "Unexpected end of input at 1:14"});
    expect(await valueof(lesson, "a", "c2")).toMatchObject({error: expect.stringMatching(/^Unexpected token at 1:\d+$/)});
  });

  it("an import … with from a chapter that does not exist fails in the cells that read it", async () => {
    const lesson = headless({a: chapter('import {chart} with {data} from "nowhere"', "data = 1", "c = chart")});
    expect(await valueof(lesson, "a", "c")).toEqual({error: 'no chapter named "nowhere"'});
    expect(lesson.cells("a").map((c) => c.label)).toEqual(["chart", "data", "c"]);
  });
});
