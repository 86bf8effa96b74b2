import {describe, expect, it} from "vitest";
import * as Inputs from "@observablehq/inputs";
import {Generators} from "../../src/stdlib/generators.js";
import {Mutable} from "../../src/stdlib/mutable.js";
import * as markdown from "../../src/stdlib/markdown.js";
import {Renderer} from "../../src/stdlib/renderer.js";
import {builtins, CORES, core, coreOrWhole} from "../../src/stdlib/builtins.js";
import {headless, chapter, valueof} from "../engine/valueof.js";

describe("Generators.input", () => {
  it("yields an Inputs.range's value now and after each input event", async () => {
    const range = Inputs.range([-10, 10], {value: 1, step: 0.01});
    const values = Generators.input(range);
    expect(await values.next().value).toBe(1);
    range.value = 2.5;
    range.dispatchEvent(new Event("input", {bubbles: true}));
    expect(await values.next().value).toBe(2.5);
    values.return();
    expect(values.next().done).toBe(true);
  });

  it("drives a viewof cell from a real Inputs.range", async () => {
    const lesson = headless({line: chapter("viewof w = Inputs.range([-10, 10], {value: 1, step: 0.01})", "y = 3 * w")}, {Inputs: () => Inputs});
    expect(await valueof(lesson, "line", "y")).toBe(3);
    const input = (await lesson.value("line", "viewof w")) as HTMLFormElement & {value: number};
    const range = input.querySelector<HTMLInputElement>("input[type=range]")!;
    range.value = "-2";
    range.dispatchEvent(new Event("input", {bubbles: true}));
    expect(await valueof(lesson, "line", "y")).toBe(-6);
  });
});

describe("Generators.observe and queue", () => {
  it("observe yields the latest value; queue yields every value", async () => {
    let change!: (x: number) => void;
    const latest = Generators.observe<number>((c) => void (change = c));
    change(1), change(2);
    expect(await latest.next().value).toBe(2);
    let push!: (x: number) => void;
    const all = Generators.queue<number>((c) => void (push = c));
    push(1), push(2);
    expect([await all.next().value, await all.next().value]).toEqual([1, 2]);
  });

  it("return() disposes at once, even while a pull waits", () => {
    let disposed = false;
    const g = Generators.observe(() => () => void (disposed = true));
    void g.next().value;
    g.return();
    expect(disposed).toBe(true);
  });
});

describe("Mutable", () => {
  it("pushes assigned values to its generator", async () => {
    const m = new Mutable(1);
    expect(await m.generator.next().value).toBe(1);
    m.value = 5;
    expect(m.value).toBe(5);
    expect(await m.generator.next().value).toBe(5);
  });
});

const {extractInlines, renderMarkdown} = markdown;
const {md, tex} = new Renderer({markdown}).templates();

describe("Markdown and TeX", () => {
  it("renders Markdown with inline and display TeX as MathML", () => {
    const html = renderMarkdown("The *line* $y = wx + b$.\n\n$$\\sigma(x) = \\frac{1}{1 + e^{-x}}$$");
    expect(html).toContain("<em>line</em>");
    expect(html).toMatch(/<math[^>]*>.*<mi>w<\/mi>/s);
    expect(html).toMatch(/<math[^>]*display="block"/);
    expect(html).toContain("<mfrac>");
  });

  it("shows bad TeX as an error in place, not an exception", () => {
    expect(() => renderMarkdown("$\\frac{1$")).not.toThrow();
  });

  it("cuts live ${…} holes out of prose, braces and strings included", () => {
    const {text, expressions} = extractInlines("w is ${w}, and ${ {a: 1}.a + '}' } too; $x$ stays.");
    expect(expressions).toEqual(["w", "{a: 1}.a + '}'"]);
    expect(text).toBe("w is <span data-inline=0></span>, and <span data-inline=1></span> too; $x$ stays.");
  });

  it("leaves an unterminated hole as text", () => {
    expect(extractInlines("cost: ${ w + ").expressions).toEqual([]);
  });

  it("md places interpolated nodes as they are; tex makes MathML", () => {
    const node = document.createElement("b");
    node.textContent = "live";
    const el = md`Some **bold** and ${node}.`;
    expect(el.querySelector("b")).toBe(node);
    expect(tex`x^2`.tagName.toLowerCase()).toBe("math");
    expect(tex.block`x^2`.getAttribute("display")).toBe("block");
  });
});

describe("builtins", () => {
  it("offers every name the lesson uses, each as a definition", () => {
    const names = Object.keys(builtins({column: document.body}));
    for (const name of ["Inputs", "Plot", "d3", "html", "svg", "md", "tex", "Generators", "Mutable", "width", "now", "draw", "widgets"]) {
      expect(names).toContain(name);
    }
  });
});

describe("the cores of Plot, draw and widgets", () => {
  it("stand in for the whole only where every use reads a core member", () => {
    expect(coreOrWhole("draw", "chart = widgets.grabLine(draw.layered({width}, []), {w: viewof w, b: viewof b})")).toBe(core("draw"));
    expect(coreOrWhole("widgets", "chart = widgets.grabLine(draw.layered({width}, []), {w: viewof w, b: viewof b})")).toBe(core("widgets"));
    expect(coreOrWhole("draw", "draw . layered(o, [Plot.line(xs, {stroke: draw.palette.model})])")).toBe(core("draw"));
    // Anything else, or anything unsure, gets the whole.
    for (const source of ["draw.surface(grid)", "draw.layered(o, []); draw.topView(g)", "const {layered} = draw", "f(draw)", "draw[name](o)", "draw?.layered(o)", "// draw the line\ndraw.layered(o)"]) {
      expect(coreOrWhole("draw", source), source).toBe("draw");
    }
    // A property or a longer name is not the builtin.
    expect(coreOrWhole("draw", "options.draw(); redraw(); draw.layered(o)")).toBe(core("draw"));
    expect(coreOrWhole("Plot", "Plot.line(xs, {x: 0}); Plot.ruleY([0])")).toBe(core("Plot"));
    expect(coreOrWhole("Plot", "Plot.line(xs); Plot.raster(grid)")).toBe("Plot");
    expect(coreOrWhole("Inputs", "Inputs.range([0, 1])")).toBe("Inputs");
  });

  it("are the same functions as the wholes hold", async () => {
    const [Plot, draw, widgets] = await Promise.all([import("../../src/draw/plot.js"), import("../../src/draw/index.js"), import("../../src/widgets/index.js")]);
    for (const [name, part] of Object.entries(CORES.Plot)) expect(part, name).toBe(Plot[name as keyof typeof Plot]);
    for (const [name, part] of Object.entries(CORES.draw)) expect(part, name).toBe(draw[name as keyof typeof draw]);
    for (const [name, part] of Object.entries(CORES.widgets)) expect(part, name).toBe(widgets[name as keyof typeof widgets]);
  });

  it("a cell that reads only the core is given it, unless its chapter defines that name itself", async () => {
    const whole = {layered: () => "whole", surface: () => "surface"};
    const stand = {names: new Set(["draw"]), pick: coreOrWhole};
    const given = {draw: () => whole, [core("draw")]: () => ({layered: () => "core"})};
    const lesson = headless({a: chapter("x = draw.layered()", "y = draw.surface()")}, given, undefined, stand);
    expect(await valueof(lesson, "a", "x")).toBe("core");
    expect(await valueof(lesson, "a", "y")).toBe("surface");
    // A chapter's own draw is what its cells read, even one defined after them or added later.
    const own = headless({a: chapter("x = draw.layered()", "draw = ({layered: () => 'own'})")}, given, undefined, stand);
    expect(await valueof(own, "a", "x")).toBe("own");
    const added = headless({a: chapter("x = draw.layered()", "z = 1")}, given, undefined, stand);
    expect(await valueof(added, "a", "x")).toBe("core");
    added.edit(added.cell("a", "z")!, "draw = ({layered: () => 'added'})");
    expect(await valueof(added, "a", "x")).toBe("added");
    added.edit(added.cell("a", "draw")!, "z = 2");
    expect(await valueof(added, "a", "x")).toBe("core");
  });
});

describe("tex keeps backslashes", () => {
  it("renders commands written in the template", () => {
    const math = tex`\mathit{wi}_1`;
    expect(math.querySelector("mi")!.textContent).toBe("𝑤𝑖");
    expect(math.querySelector("annotation")!.textContent).toBe("\\mathit{wi}_1");
  });
});
