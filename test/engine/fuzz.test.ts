import {describe, expect, it} from "vitest";
import {readFileSync, readdirSync} from "node:fs";
import {join} from "node:path";
import {compile} from "../../src/engine/compile.js";
import {CellSyntaxError} from "../../src/engine/parse-cell.js";
import {parseChapterFile} from "../../src/engine/chapter-markdown.js";
import {extractInlines, renderMarkdown} from "../../src/stdlib/markdown.js";
import {mutate, random} from "../mutate.js";

const folder = join(process.cwd(), "cells");
const chapters = readdirSync(folder).filter((f) => f.endsWith(".md")).map((f) => parseChapterFile(f, readFileSync(join(folder, f), "utf8")));
const cells = chapters.flatMap((c) => c.blocks.flatMap((b) => (b.kind === "cell" ? [b.source] : [])));
const prose = chapters.flatMap((c) => c.blocks.flatMap((b) => (b.kind === "prose" ? [b.source] : [])));

describe("fuzz", () => {
  it("every mutated cell compiles to runnable definitions or fails with a located syntax error", {timeout: 60_000}, () => {
    const rand = random(20261126);
    let compiled = 0, rejected = 0;
    for (let n = 0; n < 4000; ++n) {
      const source = mutate(cells[n % cells.length], rand);
      try {
        for (const v of compile(source, {loopGuard: "__guard"}).variables) {
          // A compiled body must itself be valid JavaScript.
          if (v.kind === "define") new Function("__guard", `"use strict"; return (${v.body});`);
        }
        compiled++;
      } catch (error) {
        if (!(error instanceof CellSyntaxError)) throw new Error(`${String(error)}\nfrom: ${JSON.stringify(source)}`);
        expect(error.message).toMatch(/ at \d+:\d+$/);
        expect(error.line).toBeGreaterThanOrEqual(1);
        rejected++;
      }
    }
    expect(compiled).toBeGreaterThan(100);
    expect(rejected).toBeGreaterThan(100);
  });

  it("mutated prose always renders, and its holes are valid expressions or left as text", {timeout: 60_000}, () => {
    const rand = random(7);
    for (let n = 0; n < 1500; ++n) {
      const source = mutate(prose[n % prose.length], rand);
      const {text, expressions} = extractInlines(source);
      expect(typeof renderMarkdown(text)).toBe("string");
      for (const e of expressions) expect(typeof e).toBe("string");
    }
  });
});
