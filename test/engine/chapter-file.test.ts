import {describe, expect, it} from "vitest";
import {readFileSync, readdirSync} from "node:fs";
import {join} from "node:path";
import {slugOf, titleOf} from "../../src/engine/chapter-file.js";
import {parseChapterFile, serializeChapterFile} from "../../src/engine/chapter-markdown.js";

const folder = join(process.cwd(), "cells");
const shipped = readdirSync(folder).filter((f) => f.endsWith(".md")).sort();

describe("chapter files", () => {
  it("split into prose and one cell per ojs fence", () => {
    const c = parseChapterFile("x", "# Title\n\nSome prose.\n\n```ojs folded\na = 1\n```\n\n```js\nnot a cell\n```\n\n```ojs\nb = a\n```\n");
    expect(c.blocks.map((b) => b.kind)).toEqual(["prose", "cell", "prose", "cell"]);
    expect(c.blocks[1]).toEqual({kind: "cell", source: "a = 1", options: ["folded"]});
    expect(titleOf(c)).toBe("Title");
  });

  it("name chapters by the slug in NN-slug.md", () => {
    expect(slugOf("/cells/04-sigmoid-2d.md")).toBe("sigmoid-2d");
  });

  it("round-trip: parse(serialize(c)) equals c, for every shipped chapter", () => {
    for (const file of shipped) {
      const c = parseChapterFile(slugOf(file), readFileSync(join(folder, file), "utf8"));
      expect(parseChapterFile(c.slug, serializeChapterFile(c))).toEqual(c);
    }
  });

  it("fences a cell that holds backticks with a longer fence", () => {
    const c = {slug: "x", blocks: [{kind: "cell" as const, source: "s = `\n```\n`", options: []}]};
    expect(parseChapterFile("x", serializeChapterFile(c))).toEqual(c);
  });
});
