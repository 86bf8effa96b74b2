import {describe, expect, it} from "vitest";
import {chapter, headless, valueof} from "./valueof.js";

describe("Lesson", () => {
  it("recomputes what depends on an edited cell", async () => {
    const lesson = headless({line: chapter("w = 2", "b = 1", "y = (x) => w * x + b", "loss = (y(3) - 5) ** 2")});
    expect(await valueof(lesson, "line", "loss")).toBe(4);
    lesson.edit(lesson.cell("line", "w")!, "w = 4/3");
    expect(await valueof(lesson, "line", "loss")).toBe(0);
  });

  it("moving a viewof input recomputes its readers", async () => {
    const lesson = headless({
      line: chapter(
        "viewof w = { const input = document.createElement('input'); input.type = 'range'; input.min = -10; input.max = 10; input.value = 1; return input; }",
        "twice = w * 2"
      )
    });
    expect(await valueof(lesson, "line", "twice")).toBe(2);
    const input = (await lesson.value("line", "viewof w")) as HTMLInputElement;
    input.value = "3";
    input.dispatchEvent(new Event("input"));
    expect(await valueof(lesson, "line", "twice")).toBe(6);
  });

  it("mutable cells can be assigned from other cells", async () => {
    const lesson = headless({c: chapter("mutable count = 1", "bump = () => ++mutable count", "doubled = count * 2")});
    expect(await valueof(lesson, "c", "doubled")).toBe(2);
    const bump = (await lesson.value("c", "bump")) as () => number;
    bump();
    expect(await valueof(lesson, "c", "doubled")).toBe(4);
  });

  it("imports between chapters follow the exporting chapter", async () => {
    const lesson = headless({
      loss: chapter('import {data, scale as k} from "fitting"', "total = data.reduce((s, d) => s + d, 0) * k"),
      fitting: chapter("data = [1, 2, 3]", "scale = 10")
    });
    expect(await valueof(lesson, "loss", "total")).toBe(60);
    lesson.edit(lesson.cell("fitting", "data")!, "data = [1]");
    expect(await valueof(lesson, "loss", "total")).toBe(10);
    expect(lesson.cells("loss").map((c) => c.label)).toEqual(["#0", "total"]);
  });

  it("names a single import cell after what it imports", async () => {
    const lesson = headless({a: chapter("data = 1"), b: chapter('import {data} from "a"')});
    expect(lesson.cells("b").map((c) => c.label)).toEqual(["data"]);
    expect(await valueof(lesson, "b", "data")).toBe(1);
  });

  it("reports an unknown chapter in the import", async () => {
    const lesson = headless({a: chapter('import {data} from "nowhere"', "n = data + 1")});
    expect(await valueof(lesson, "a", "n")).toEqual({error: 'no chapter named "nowhere"'});
  });

  it("reports circular definitions, duplicates and unknown names", async () => {
    const lesson = headless({a: chapter("x = y", "y = x", "z = 1", "z = 2", "u = notDefinedAnywhere + 1")});
    expect(await valueof(lesson, "a", "x")).toEqual({error: "circular definition"});
    expect(await valueof(lesson, "a", "z")).toEqual({error: "z is defined more than once"});
    expect(await valueof(lesson, "a", "u")).toEqual({error: "notDefinedAnywhere is not defined"});
    lesson.edit(lesson.cells("a")[3], "zz = 2");
    expect(await valueof(lesson, "a", "z")).toBe(1);
  });

  it("a syntax error keeps the cell's name, so readers say what they wait on", async () => {
    const lesson = headless({a: chapter("w = 1", "y = w + 1")});
    lesson.edit(lesson.cell("a", "w")!, "w = (1 +");
    const w = lesson.cell("a", "w")!;
    expect(w.label).toBe("w");
    expect(await valueof(lesson, "a", "w")).toEqual({error: "Unexpected end of input at 1:9"});
    expect(await valueof(lesson, "a", "y")).toEqual({error: "Unexpected end of input at 1:9"});
    await lesson.settled();
    expect(w.state).toBe("rejected");
    lesson.edit(w, "w = 5");
    expect(await valueof(lesson, "a", "y")).toBe(6);
    expect(w.state).toBe("fulfilled");
  });

  it("runs async and generator cells", async () => {
    const lesson = headless({a: chapter("x = { await new Promise((r) => setTimeout(r, 5)); return 7; }", "g = { for (let i = 0; i < 3; ++i) yield i; }", "sum = x + g")});
    expect(await valueof(lesson, "a", "x")).toBe(7);
    await new Promise((r) => setTimeout(r, 100));
    expect(await valueof(lesson, "a", "sum")).toBe(9);
  });

  it("stops a runaway loop with an error that names its line", async () => {
    const lesson = headless({a: chapter("spin = {\n  let i = 0;\n  while (true) i++;\n}", "fine = 1")});
    expect(await valueof(lesson, "a", "spin")).toEqual({error: expect.stringContaining("loop at line 3")});
    expect(await valueof(lesson, "a", "fine")).toBe(1);
  });
});

describe("cell code", () => {
  it("runs in strict mode: this is undefined on a first run, then the previous value", async () => {
    const lesson = headless({a: chapter("viewof n = ({value: 1})", "seen = { const before = this; return {before, n}; }")});
    expect(((await valueof(lesson, "a", "seen")) as {before: unknown}).before).toBeUndefined();
  });
});
