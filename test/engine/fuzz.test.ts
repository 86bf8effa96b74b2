import {describe, expect, it} from "vitest";
import {readFileSync, readdirSync} from "node:fs";
import {join} from "node:path";
import {compile} from "../../src/engine/compile.js";
import {CellSyntaxError} from "../../src/engine/parse-cell.js";
import {parseChapterFile} from "../../src/engine/chapter-markdown.js";
import {extractInlines, renderMarkdown} from "../../src/stdlib/markdown.js";

/** A small seeded generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const tokens = ["{", "}", "(", ")", "[", "]", "viewof ", "mutable ", "yield ", "await ", "import ", "`", "${", '"', "'", "/*", "//", "=>", "=", ";", "\n", "function ", "return ", "class ", "...", ",", "@", "#", "while (true) ", "for (;;)", "async ", "*", "\\", "\u2028", "</script>", "x"];

function mutate(source: string, rand: () => number): string {
  let s = source;
  const edits = 1 + Math.floor(rand() * 3);
  for (let k = 0; k < edits; ++k) {
    const i = Math.floor(rand() * (s.length + 1));
    switch (Math.floor(rand() * 4)) {
      case 0: s = s.slice(0, i) + s.slice(i + 1); break; // drop
      case 1: s = s.slice(0, i) + s.charAt(i) + s.slice(i); break; // duplicate
      case 2: s = s.slice(0, i) + s.charAt(i + 1) + s.charAt(i) + s.slice(i + 2); break; // swap
      default: s = s.slice(0, i) + tokens[Math.floor(rand() * tokens.length)] + s.slice(i); // splice a token
    }
  }
  return s;
}

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
