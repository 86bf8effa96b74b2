import {describe, expect, it} from "vitest";
import {mkdtempSync, mkdirSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {fenceOptions, parseQuarto, splitCells} from "../../src/engine/quarto.js";
import {readLessonFolder} from "../../src/engine/lesson-folder.js";
import {parseChapterFile, serializeChapterFile} from "../../src/engine/chapter-markdown.js";
import {assemble, extractForkData} from "../../src/fork/assemble.js";
import {validateForkData} from "../../src/fork/fork-data.js";
import {Attachments} from "../../src/stdlib/file-attachment.js";
import {headless, valueof} from "./valueof.js";
import {iceCreamCsv, iceCreamQmd} from "./quarto-fixture.js";

describe("Quarto documents", () => {
  it("map echo, code-fold, output and include to this page's fence options, and say what has no counterpart", () => {
    expect(fenceOptions({echo: "false"})).toEqual({options: ["folded"], unhonoured: []});
    expect(fenceOptions({"code-fold": "true"})).toEqual({options: ["folded"], unhonoured: []});
    expect(fenceOptions({output: "false"})).toEqual({options: ["hide"], unhonoured: []});
    expect(fenceOptions({include: "false"})).toEqual({options: ["folded", "hide"], unhonoured: []});
    expect(fenceOptions({echo: "true", output: "true"})).toEqual({options: [], unhonoured: []});
    expect(fenceOptions({echo: "fenced", "fig-cap": "A chart"})).toEqual({options: [], unhonoured: ["echo: fenced", "fig-cap: A chart"]});
  });

  it("read as a chapter: title, prose with live values, one cell per statement, options kept", () => {
    const {chapter, notes} = parseQuarto("ice-cream", iceCreamQmd);
    expect(chapter.blocks).toEqual([
      {kind: "prose", source: "# Ice cream and heat\n\nHotter days sell more ice cream: ${sales.length} days of it."},
      {kind: "cell", source: 'sales = FileAttachment("ice-cream.csv").csv({typed: true})', options: ["folded"]},
      {kind: "cell", source: "//| fig-cap: Sales by temperature\n// The slope of the line through the first and last day.\nslope = (sales.at(-1).sales - sales[0].sales) / (sales.at(-1).temperature - sales[0].temperature)", options: ["folded"]},
      {kind: "cell", source: "hottest = Math.max(...sales.map((d) => d.temperature))", options: ["folded"]},
      {kind: "cell", source: "helper = 1", options: ["hide"]},
      {kind: "prose", source: '```python\nprint("not here")\n```'}
    ]);
    expect(notes).toEqual([
      "Its front matter (format) is not used here; only the title is.",
      "Cell options fig-cap: Sales by temperature have no counterpart here; they stay in the cell as comments.",
      "Its python cells are shown as code but do not run: only Observable JavaScript ({ojs}) runs here."
    ]);
    // Written back as a chapter file, it reads the same.
    expect(parseChapterFile("ice-cream", serializeChapterFile(chapter))).toEqual(chapter);
  });

  it("keeps a block that does not parse whole, so the page shows its error where it is", () => {
    expect(splitCells("a = 1\nb = (")).toEqual(["a = 1\nb = ("]);
    expect(splitCells("a = 1; b = 2")).toEqual(["a = 1;", "b = 2"]);
    expect(splitCells("{ return 1; }\nviewof x = html`<input>`")).toEqual(["{ return 1; }", "viewof x = html`<input>`"]);
  });

  it("with its data file, round-trips through a fork and runs", async () => {
    const folder = mkdtempSync(join(tmpdir(), "quarto-"));
    mkdirSync(join(folder, "data"));
    writeFileSync(join(folder, "01-ice-cream.qmd"), iceCreamQmd);
    writeFileSync(join(folder, "data", "ice-cream.csv"), iceCreamCsv);
    writeFileSync(join(folder, "data", "ignored.exe"), "MZ");
    const read = readLessonFolder(folder, /^\d+-[\w-]+\.q?md$/);
    expect(read.files).toEqual([{name: "ice-cream.csv", type: "text/csv", text: iceCreamCsv}]);
    expect(read.notes.every((n) => n.startsWith("01-ice-cream.qmd: "))).toBe(true);
    const html = assemble({code: "", css: "", title: "Ice cream", data: {version: 1, chapters: read.chapters, inputs: {}, id: "x", lineage: [], files: read.files}});
    const data = validateForkData(extractForkData(html));
    expect(data.chapters).toEqual(read.chapters);
    expect(data.files).toEqual(read.files);
    const [chapter] = data.chapters;
    const run = headless({[chapter.slug]: serializeChapterFile(chapter)}, {FileAttachment: () => new Attachments(data.files).builtin()});
    expect(await valueof(run, "ice-cream", "slope")).toBeCloseTo((410 - 215) / (18.1 - 14.2));
    expect(await valueof(run, "ice-cream", "hottest")).toBe(18.1);
    run.runtime.dispose();
  });

  it("a fork's files must each have a name, a type and contents", () => {
    const base = {version: 1, chapters: [{slug: "a", blocks: []}], inputs: {}, id: "x", lineage: []};
    expect(() => validateForkData({...base, files: [{name: "a.csv", type: "text/csv"}]})).toThrow('the page\'s file "a.csv" has no name, type or contents');
    expect(() => validateForkData({...base, files: {}})).toThrow("the page's files are not a list");
  });
});
