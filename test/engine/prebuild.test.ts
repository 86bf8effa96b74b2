import {describe, expect, it} from "vitest";
import {readFileSync, readdirSync} from "node:fs";
import {join} from "node:path";
import {parseChapterFile} from "../../src/engine/chapter-markdown.js";
import {slugOf} from "../../src/engine/chapter-file.js";
import {CellCompiler, LOOP_GUARD} from "../../src/engine/cell-compiler.js";
import {compile} from "../../src/engine/compile.js";
import {fixedTeX, prebuild} from "../../src/engine/prebuild.js";
import {unpack} from "../../src/engine/prebuilt.js";
import {renderProse, renderTeX} from "../../src/stdlib/markdown.js";

const folder = join(process.cwd(), "cells");
const files = readdirSync(folder)
  .filter((f) => f.endsWith(".md"))
  .sort()
  .map((f) => parseChapterFile(slugOf(f), readFileSync(join(folder, f), "utf8")));
const lesson = prebuild(files);

describe("prebuild", () => {
  it("compiles and renders every shipped block exactly as the page would", () => {
    expect(lesson.chapters.map((c) => c.slug)).toEqual(files.map((f) => f.slug));
    for (const chapter of lesson.chapters) {
      for (const b of chapter.blocks) {
        if (b.kind === "cell") {
          expect(b.compiled).toEqual(compile(b.source, {loopGuard: LOOP_GUARD}));
        } else {
          expect(b.rendered).toEqual(renderProse(b.source));
          expect(b.holes).toEqual(b.rendered.expressions.map((e) => compile(e, {loopGuard: LOOP_GUARD})));
        }
      }
    }
  });

  it("renders the TeX of cells' fixed tex`…` labels", () => {
    expect(lesson.tex.find((t) => t.source === "w_1" && !t.display)?.html).toBe(renderTeX("w_1"));
    expect(fixedTeX("viewof w = Inputs.range([0, 1], {label: tex`w_1`})")).toEqual([{source: "w_1", display: false}]);
    expect(fixedTeX("f = tex.block`\\frac{1}{2}`")).toEqual([{source: "\\frac{1}{2}", display: true}]);
    expect(fixedTeX("f = tex`a_${i}`")).toEqual([]);
    expect(fixedTeX("f = html`<b>x</b>`")).toEqual([]);
    expect(fixedTeX("f = (")).toEqual([]);
  });

  it("gives the page a lesson it can run without the parser", () => {
    const {chapters, compiled, prose} = unpack(structuredClone(lesson));
    expect(chapters).toEqual(files);
    const compiler = new CellCompiler({prebuilt: compiled, load: () => Promise.reject(new Error("the parser was loaded"))});
    for (const b of chapters.flatMap((c) => c.blocks)) {
      if (b.kind === "cell") expect(compiler.ready(b.source)).toBe(true);
      else for (const e of prose.get(b.source)!.expressions) expect(compiler.ready(e)).toBe(true);
    }
  });
});
