import {describe, expect, it} from "vitest";
import {CellCompiler, LOOP_GUARD, type Parser} from "../../src/engine/cell-compiler.js";
import {compile} from "../../src/engine/compile.js";
import {peekName} from "../../src/engine/parse-cell.js";
import type {LessonProse} from "../../src/engine/lesson.js";
import {chapter, headless, valueof} from "./valueof.js";

const parser: Parser = {compile, peekName};
const prebuilt = (...sources: string[]) => new Map(sources.map((s) => [s, compile(s, {loopGuard: LOOP_GUARD})]));

describe("CellCompiler", () => {
  it("compiles prebuilt cells without the parser, and loads it once for any other", async () => {
    let loads = 0;
    const compiler = new CellCompiler({prebuilt: prebuilt("a = 1"), load: async () => (loads++, parser)});
    expect(compiler.ready("a = 1")).toBe(true);
    expect(compiler.compile("a = 1").name).toBe("a");
    expect(compiler.ready("b = 2")).toBe(false);
    expect(() => compiler.compile("b = 2")).toThrow("not loaded");
    await compiler.prepare(["a = 1"]);
    expect(loads).toBe(0);
    await Promise.all([compiler.prepare(["a = 1", "b = 2"]), compiler.load()]);
    expect(loads).toBe(1);
    expect(compiler.compile("b = 2").name).toBe("b");
  });
});

describe("a lesson whose parser loads late", () => {
  it("runs its cells once the parser is there, named as they are", async () => {
    const lesson = headless({a: chapter("w = 2", "mutable y = w * 3")}, {}, new CellCompiler({load: async () => parser}));
    expect(await valueof(lesson, "a", "y")).toBe(6);
    expect(lesson.cells("a").map((c) => c.label)).toEqual(["w", "mutable y"]);
  });

  it("keeps a cell's value while its edit waits for the parser; the last edit wins", async () => {
    let release!: () => void;
    const loaded = new Promise<void>((resolve) => (release = resolve));
    const compiler = new CellCompiler({prebuilt: prebuilt("w = 2", "y = w * 3"), load: () => loaded.then(() => parser)});
    const lesson = headless({a: chapter("w = 2", "y = w * 3")}, {}, compiler);
    expect(await valueof(lesson, "a", "y")).toBe(6);
    const w = lesson.cell("a", "w")!;
    lesson.edit(w, "w = 5");
    lesson.edit(w, "w = 7");
    expect(await lesson.value("a", "y")).toBe(6);
    release();
    expect(await valueof(lesson, "a", "y")).toBe(21);
    expect(w.source).toBe("w = 7");
  });

  it("gives prose holes their values once the parser is there", async () => {
    const lesson = headless({a: "Now w is ${w + 1}.\n\n" + chapter("w = 2")}, {}, new CellCompiler({prebuilt: prebuilt("w = 2"), load: async () => parser}));
    const prose = lesson.chapter("a")!.blocks.find((b) => b.kind === "prose") as LessonProse;
    lesson.defineInlines(prose, ["w + 1"]);
    await lesson.settled();
    expect(await prose.inlines[0].variable._promise).toBe(3);
  });

  it("says in each cell that needs the parser why it could not be loaded", async () => {
    const compiler = new CellCompiler({prebuilt: prebuilt("w = 2"), load: () => Promise.reject(new Error("offline"))});
    const lesson = headless({a: chapter("w = 2", "y = w + 1")}, {}, compiler);
    await lesson.settled();
    expect(await valueof(lesson, "a", "w")).toBe(2);
    const y = lesson.cells("a")[1];
    expect(y.state).toBe("rejected");
    await expect(y.variables[0]._promise).rejects.toThrow("the compiler could not be loaded (Error: offline)");
  });
});
