import {describe, expect, it} from "vitest";
import {compile} from "../../src/engine/compile.js";
import {CellSyntaxError} from "../../src/engine/parse-cell.js";

// Golden snapshots of what each cell form compiles to: the variables, their inputs and bodies.
const forms: Record<string, string> = {
  expression: "y = w * x + b",
  block: "loss = {\n  let sum = 0;\n  for (const [x, t] of data) sum += (x - t) ** 2;\n  return sum / 2;\n}",
  viewof: "viewof w = Inputs.range([-10, 10], {value: 1, step: 0.01})",
  mutable: "mutable state = ({w: 1, b: 0})",
  "mutable-assign": "reset = () => { mutable state = {w: viewof w.value, b: 0}; }",
  unnamed: "Plot.plot({marks: [Plot.dot(data)]})",
  async: "x = { await new Promise((r) => setTimeout(r, 10)); return 1; }",
  generator: "ticks = { for (let i = 0; ; ++i) yield i; }",
  "async-generator": "frames = { while (true) { await visibility(); yield now; } }",
  import: 'import {data} from "fitting"',
  "import-many": 'import {data, y as line, viewof w as slider} from "fitting"',
  "object-literal": "point = ({x: 1, y: 2})",
  "function-cell": "function sigmoid(x) { return 1 / (1 + Math.exp(-x)); }",
  "loops-guarded": "spin = { let i = 0; while (i < 10) i++; do { i--; } while (i > 0); for (const d of data) i += d; return i; }",
  "loops-pairs": "sums = { let sx = 0, sy = 0; for (const [x, y] of data) { sx += x; sy += y; } for (let [k] of \"ab\") sx += k; for (const [a, , b] of data) sy += b; return [sx, sy]; }"
};

describe("compile", () => {
  for (const [name, source] of Object.entries(forms)) {
    it(`compiles the ${name} form`, async () => {
      const compiled = compile(source, {loopGuard: "__guard"});
      const text = [`// ${source.split("\n").join("\n// ")}`, JSON.stringify(compiled, null, 2)].join("\n");
      await expect(text).toMatchFileSnapshot(`../output/compile/${name}.txt`);
    });
  }

  it("compiles every definition to a function that runs", () => {
    for (const source of Object.values(forms)) {
      for (const v of compile(source, {loopGuard: "__guard"}).variables) {
        if (v.kind === "define") expect(typeof new Function("__guard", `"use strict"; return (${v.body});`)(() => 1)).toBe("function");
      }
    }
  });

  it("destructures loop variables as JavaScript does, whatever the loop walks", () => {
    const run = (source: string, input: unknown) => {
      const v = compile(source, {loopGuard: "__guard"}).variables[0] as {body: string};
      return new Function("__guard", `"use strict"; return (${v.body});`)(() => 1)(input);
    };
    const pairs = "out = { const seen = []; for (const [a, b] of input) seen.push([a, b]); return seen; }";
    expect(run(pairs, [[1, 2], [3], [4, 5, 6]])).toEqual([[1, 2], [3, undefined], [4, 5]]);
    expect(run(pairs, ["xy", new Map([["k", 1]]), new Set([7, 8, 9])])).toEqual([["x", "y"], [["k", 1], undefined], [7, 8]]);
    // A generator as a pair: only as many values as the pattern names are taken from it.
    let taken = 0;
    function* counting() {
      for (;;) yield ++taken;
    }
    expect(run(pairs, [counting()])).toEqual([[1, 2]]);
    expect(taken).toBe(2);
    expect(() => run(pairs, [42])).toThrow(TypeError);
    // Each iteration still has its own bindings, and const ones still refuse assignment.
    expect(run("out = { const fs = []; for (const [a] of input) fs.push(() => a); return fs.map((f) => f()); }", [[1], [2]])).toEqual([1, 2]);
    expect(() => run("out = { for (const [a] of input) a = 2; }", [[1]])).toThrow(TypeError);
    expect(run("out = { let s = 0; for (let [a] of input) { a *= 2; s += a; } return s; }", [[1], [2]])).toBe(6);
  });

  it("reads a view and a mutable through their hidden variables", () => {
    const cell = compile("z = viewof w.value + mutable m");
    expect(cell.references).toEqual(["viewof w", "mutable m"]);
    const f = new Function(`return (${(cell.variables[0] as {body: string}).body});`)();
    expect(f({value: 2}, {value: 3})).toBe(5);
  });

  it("gives syntax errors as line:column, counted from 1", () => {
    expect(() => compile("x = {\n  return 1 +;\n}")).toThrow(CellSyntaxError);
    try {
      compile("x = {\n  return 1 +;\n}");
    } catch (error) {
      expect((error as CellSyntaxError).message).toBe("Unexpected token at 2:13");
      expect([(error as CellSyntaxError).line, (error as CellSyntaxError).column]).toEqual([2, 13]);
    }
  });

  it("reports errors the Observable parser raises itself", () => {
    expect(() => compile("x = 1; y = 2")).toThrow(/at \d+:\d+$/);
    expect(() => compile("viewof = 1")).toThrow(SyntaxError);
  });
});

describe("strict code", () => {
  it("reports what only strict code forbids, located in the cell", () => {
    expect(() => compile("x = {\n  with (Math) return PI;\n}")).toThrow(/strict.* at 2:3$/);
    expect(() => compile("y = 010 + 1")).toThrow(/at 1:5$/);
  });

  it("keeps labelled loops working when they are guarded", () => {
    const cell = compile("n = { let n = 0; outer: for (let i = 0; i < 3; ++i) for (let j = 0; j < 3; ++j) { if (j > i) continue outer; n++; } return n; }", {loopGuard: "__guard"});
    const guard = () => 1;
    const f = new Function("__guard", `"use strict"; return (${(cell.variables[0] as {body: string}).body});`)(guard);
    expect(f()).toBe(6);
  });
});
