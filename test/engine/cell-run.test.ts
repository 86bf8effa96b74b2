import {describe, expect, it} from "vitest";
import {chapter, headless, valueof} from "./valueof.js";
import {errorMessage} from "../../src/ui/display.js";
import {describeValue} from "../../src/engine/cell-run.js";

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("a cell's own mistakes stay its own", () => {
  it("timers a cell starts die when it reruns or is put back", async () => {
    (globalThis as {ticks?: number}).ticks = 0;
    const lesson = headless({line: chapter("k = 1", "y = { setInterval(() => globalThis.ticks++, 1); setTimeout(() => globalThis.ticks += 1000, 150); return k }")});
    expect(await valueof(lesson, "line", "y")).toBe(1);
    await tick(15);
    expect((globalThis as {ticks?: number}).ticks).toBeGreaterThan(0);
    lesson.edit(lesson.cell("line", "y")!, "y = 2");
    await lesson.settled();
    const after = (globalThis as {ticks?: number}).ticks;
    await tick(200);
    expect((globalThis as {ticks?: number}).ticks).toBe(after); // neither the interval nor the timeout ran again
  });

  it("timers take functions, not strings of code, which would run out of the guards' reach", async () => {
    const lesson = headless({line: chapter('y = { setInterval("for (;;) {}", 1); return 1 }', 'z = { setTimeout("globalThis.ran = 1", 1); return 1 }')});
    expect(await valueof(lesson, "line", "y")).toEqual({error: expect.stringMatching(/setInterval takes a function in a cell, not a string of code/)});
    expect(await valueof(lesson, "line", "z")).toEqual({error: expect.stringMatching(/setTimeout takes a function/)});
  });

  it("a cell that keeps re-running itself through a mutable is stopped and named", async () => {
    const lesson = headless({line: chapter("mutable m = 0", "y = { mutable m = m + 1; return (x) => x }")});
    const result = (await valueof(lesson, "line", "y")) as {error: string};
    await lesson.settled();
    const again = (await valueof(lesson, "line", "y")) as {error: string};
    expect(again.error ?? result.error).toMatch(/y was stopped: it sets mutable m and also reads m/);
    const m = await lesson.value("line", "m");
    await tick(50);
    expect(await lesson.value("line", "m")).toBe(m);
  });

  it("reading a mutable it sets, as `mutable x`, is not a loop", async () => {
    const lesson = headless({line: chapter("mutable m = 0", "viewof k = { const i = document.createElement('input'); i.value = 1; return i }", "y = { mutable m = mutable m + 1; return k }")});
    expect(await valueof(lesson, "line", "y")).toBe("1");
  });

  it("what a cell throws reaches it and its readers readably", async () => {
    const cases: [string, RegExp][] = [
      ["y = { throw new Error() }", /^y threw Error with no message$/],
      ["y = { throw undefined }", /^y threw undefined \(not an Error\)$/],
      ["y = Promise.reject(undefined)", /^y threw undefined \(not an Error\)$/],
      ["y = { throw {code: 7} }", /^y threw \{"code":7\} \(not an Error\)$/],
      ["y = { throw {toString() { throw new Error('boom') }} }", /^y threw an object that is not an Error$/],
      ["y = { throw new Proxy({}, {get() { throw 1 }, ownKeys() { throw 1 }, getPrototypeOf() { throw 1 }}) }", /^y threw (an object that is not an Error|a value that cannot be shown)$/]
    ];
    for (const [source, expected] of cases) {
      const lesson = headless({line: chapter(source, "chart = y")});
      await lesson.settled();
      const own = await lesson.value("line", "y").catch((e: unknown) => e);
      const reader = await lesson.value("line", "chart").catch((e: unknown) => e);
      expect(errorMessage(own, "y"), source).toMatch(expected);
      expect(errorMessage(reader, "chart"), source).toMatch(expected);
    }
  });

  it("errorMessage never throws, whatever it is given", () => {
    const hostile = new Proxy({}, {get() { throw new Error("boom") }, getPrototypeOf() { throw new Error("boom") }});
    expect(() => errorMessage(hostile, "y")).not.toThrow();
    expect(errorMessage({toString() { throw new Error("boom") }}, "y")).toMatch(/not an Error/);
    expect(describeValue("oops")).toBe('"oops"');
  });

  it("a runaway loop in y's function, called by chart, is y's line", () => {
    const error = Object.assign(new RangeError("the loop at line 3 ran for more than 1 s without a break, so it was stopped"), {line: 3});
    error.stack = "RangeError: the loop…\n    at guard (assets/index.js:1:2)\n    at y (cells/model-code/y.js:4:9)\n    at eval (cells/model-code/chart.js:2:1)";
    expect(errorMessage(error, "chart")).toBe("the loop at line 3 of y ran for more than 1 s without a break, so it was stopped");
    expect(errorMessage(error, "y")).toBe("the loop at line 3 ran for more than 1 s without a break, so it was stopped");
  });
});

describe("cells that never settle", () => {
  it("settled() stops waiting after a bound, naming the cells pending and why", async () => {
    const lesson = headless({line: chapter("b = new Promise(() => {})", "y = (x) => x + b", "chart = y(1)", "w = 2")});
    expect(await lesson.settled(undefined, {bound: 200})).toEqual({pending: ["line/b", "line/y", "line/chart"]});
  });

  it("and says why, through the host, in the reader's words", async () => {
    const {Lesson} = await import("../../src/engine/lesson.js");
    const {parseChapterFile} = await import("../../src/engine/chapter-markdown.js");
    const {CellCompiler} = await import("../../src/engine/cell-compiler.js");
    const {compile} = await import("../../src/engine/compile.js");
    const {peekName} = await import("../../src/engine/parse-cell.js");
    const reasons = new Map<string, string>();
    const lesson = new Lesson([parseChapterFile("line", chapter("b = new Promise(() => {})", "y = (x) => x + b", "chart = y(1)"))], {
      observeCell: () => ({}),
      observeInline: () => ({}),
      builtins: {},
      compiler: new CellCompiler({parser: {compile, peekName}}),
      stalled: (r) => r.forEach((reason, cell) => reasons.set(cell.label, reason))
    });
    await lesson.settled(undefined, {bound: 200});
    expect(reasons.get("y")).toBe("waiting for b, which has no value yet");
    expect(reasons.get("chart")).toBe("waiting for b, which has no value yet");
    expect(reasons.get("b")).toMatch(/^still waiting for its own value/);
  });
});

describe("a stuck cell put right", () => {
  it("starts afresh, and so do the cells that were stuck waiting on it", async () => {
    const lesson = headless({line: chapter("b = new Promise(() => {})", "y = (x) => x + b", "chart = y(1)")});
    expect(await lesson.settled(undefined, {bound: 100})).toEqual({pending: ["line/b", "line/y", "line/chart"]});
    lesson.edit(lesson.cell("line", "b")!, "b = 2");
    expect(await lesson.settled(undefined, {bound: 1000})).toBeUndefined();
    expect(await lesson.value("line", "chart")).toBe(3);
  });
});
