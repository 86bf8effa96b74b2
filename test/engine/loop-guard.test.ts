import {describe, expect, it} from "vitest";
import {Guards, RunawayError, provideGuardTools, type CellGuard} from "../../src/engine/loop-guard.js";
import {compile, guardScript} from "../../src/engine/compile.js";
import {SafeRegExp} from "../../src/engine/safe-regexp.js";

provideGuardTools({guardScript, RegExp: SafeRegExp});

/** A loop as the compiler writes it: a check every 256 iterations. */
function run(guard: CellGuard, iterations: number, tick: () => void): void {
  let n = 0;
  for (let i = 0; i < iterations; ++i) {
    if ((++n & 255) === 0) guard(7, 0);
    tick();
  }
}

/** A page's turn: the heartbeat is a message, which runs after a timer of 0 at the latest. */
const turn = () => new Promise((r) => setTimeout(r, 5));

/** A cell's definition as the lesson makes it, on a clock that advances by `step` at every read. */
function cell(source: string, step = 1) {
  let t = 0;
  const guards = new Guards({now: () => (t += step)});
  const guard = guards.for("cell");
  const body = (compile(source, {loopGuard: "__guard"}).variables[0] as {body: string}).body;
  const define = new Function("__guard", "Function", "RegExp", `"use strict"; return (${body});`)(guard, guard.Function, guard.RegExp) as () => unknown;
  return {define, clock: () => t};
}

describe("Guards", () => {
  it("stops a loop that runs past the limit and names its line", () => {
    let t = 0;
    const guard = new Guards({limit: 1000, now: () => t}).for("a");
    expect(() => run(guard, Infinity, () => (t += 0.01))).toThrow(RunawayError);
    expect(t).toBeGreaterThan(1000);
    expect(t).toBeLessThan(1010);
    expect(() => run(new Guards({now: () => t}).for("b"), Infinity, () => (t += 0.01))).toThrow(/loop at line 7/);
  });

  it("forgives code that gives the page a turn between runs (a generator)", async () => {
    let t = 0;
    const guard = new Guards({limit: 1000, now: () => t}).for("a");
    for (let frame = 0; frame < 5; ++frame) {
      run(guard, 2560, () => (t += 0.25));
      await turn();
    }
    expect(t).toBe(3200);
  });

  it("times each cell from its own first check, and from checks that follow closely", () => {
    let t = 0;
    const guards = new Guards({limit: 1000, now: () => t});
    for (let n = 0; n < 5; ++n) run(guards.for(n), 2560, () => (t += 0.25));
    expect(t).toBe(3200);
    // A helper checked now and then during a long task (600 ms apart) is not running away.
    const helper = guards.for("helper");
    for (let n = 0; n < 5; ++n) helper(1, 1), (t += 600);
  });

  it("once it has stopped a cell, throws at every check until the page has had a turn", async () => {
    let t = 0;
    const stopped: unknown[] = [];
    const guard = new Guards({limit: 1000, now: () => t, stopped: (owner) => stopped.push(owner)}).for("a");
    for (t = 10; t < 1000; t += 100) guard(1, 1);
    t = 1011;
    expect(() => guard(1, 1)).toThrow(/function at line 1 kept the page busy/);
    expect(() => guard(1, 1)).toThrow(RunawayError);
    expect(stopped).toEqual(["a"]);
    await turn();
    expect(guard(1, 1)).toBeGreaterThan(0);
  });

  it("stops exponential recursion, and recursion that catches its own stop", () => {
    const fib = cell("y = { const fib = (n) => n < 2 ? n : fib(n - 1) + fib(n - 2); return fib(60) }");
    expect(fib.define).toThrow(/function at line 1/);
    const retry = cell("y = { const f = () => { try { f() } catch { f() } }; f(); return 1 }", 10);
    expect(retry.define).toThrow(RunawayError);
    // Each check reads the clock once: after the stop, the checks are as many as the stack is deep.
    expect(retry.clock()).toBeLessThan(1_000_000);
  });

  it("stops an endless iterator where its next() is called", () => {
    const spread = cell("y = [...{[Symbol.iterator]() { return {next: () => ({done: false, value: 0})} }}]");
    expect(spread.define).toThrow(/function at line 1/);
  });

  it("checks the functions that call something and the members the browser may call, not the lesson's y", () => {
    const body = (source: string) => (compile(source, {loopGuard: "__guard"}).variables[0] as {body: string}).body;
    expect(body("y = (x, w, b) => w * x + b")).not.toMatch(/__guard\(/);
    expect(body("gradient = (w, b) => y(1, w, b)")).toMatch(/__guard\(1, 1\)/);
    expect(body("it = ({next: () => ({done: false})})")).toMatch(/__guard\(1, 1\)/);
    expect(body("it = ({get v() { return 1 }})")).toMatch(/__guard\(1, 1\)/);
    expect(body("it = class { f() { return 1 } }")).toMatch(/__guard\(1, 1\)/);
    // A call inside an inner function makes the inner one a caller, not the outer.
    expect(body("f = () => () => g()").match(/__guard\(1, 1\)/g)).toHaveLength(1);
  });

  it("guards code made by eval and Function, which still work", () => {
    expect(cell('y = eval("while (true) {}")').define).toThrow(/loop at line 1/);
    expect(cell('y = (0, eval)("for (;;) {}")').define).toThrow(RunawayError);
    expect(cell('y = Function("for (;;) {}")()').define).toThrow(RunawayError);
    expect(cell('y = new Function("a", "b", "while (a) {}")(1, 2)').define).toThrow(RunawayError);
    // A direct eval still sees the cell's names; Function's functions take their arguments.
    expect(cell('y = { const a = 20; return eval("a + 1") }').define()).toBe(21);
    expect(cell('y = Function("a", "b", "return a * b")(6, 7)').define()).toBe(42);
    expect(cell('y = eval("let s = 0; for (let i = 0; i < 5; ++i) s += i; s")').define()).toBe(10);
    expect(cell("y = Function instanceof Function && (() => 1) instanceof Function").define()).toBe(true);
    expect(() => cell('y = Function("return )")').define()).toThrow(SyntaxError);
  });
});

describe("SafeRegExp", () => {
  it("matches catastrophic patterns in linear time", () => {
    expect(cell('y = /^(a+)+$/.test("a".repeat(40) + "!")').define()).toBe(false);
    expect(cell('y = new RegExp("^(a|a)*$").test("a".repeat(5000) + "!")').define()).toBe(false);
    expect(cell('y = RegExp("(x+x+)+y").test("x".repeat(5000))').define()).toBe(false);
  });

  it("behaves as the browser's RegExp", () => {
    const cases: [string, string, string][] = [
      ["(\\w+)@(?<host>\\w+)", "g", "a@b, cc@dd; x@"],
      ["^\\d+", "m", "12\nab\n345"],
      ["", "g", "abc"],
      [",\\s*", "", "a, b,c ,  d"],
      ["é|😀", "gu", "xé😀y😀"],
      ["b", "y", "abb"],
      ["(a)|(b)", "gi", "AbBa"]
    ];
    for (const [pattern, flags, input] of cases) {
      const [safe, native] = [new SafeRegExp(pattern, flags), new RegExp(pattern, flags)];
      expect(input.replace(safe, "[$&]"), pattern).toBe(input.replace(native, "[$&]"));
      expect(input.split(new SafeRegExp(pattern, flags)), pattern).toEqual(input.split(new RegExp(pattern, flags)));
      expect([...input.matchAll(new SafeRegExp(pattern, flags.includes("g") ? flags : flags + "g"))].map((m) => [...m, m.index, m.groups])).toEqual(
        [...input.matchAll(new RegExp(pattern, flags.includes("g") ? flags : flags + "g"))].map((m) => [...m, m.index, m.groups])
      );
      expect(input.search(safe)).toBe(input.search(native));
    }
    expect(new SafeRegExp("a", "g")).toBeInstanceOf(RegExp);
    // Backreferences and lookahead are beyond RE2: the browser's engine runs them.
    expect("abab".replace(new SafeRegExp("(ab)\\1"), "x")).toBe("x");
    expect("price: 12€".match(new SafeRegExp("\\d+(?=€)"))?.[0]).toBe("12");
  });
});
