// Builds a standalone playground page from any folder of chapter files:
//   npm run fork -- --cells DIR --out FILE [--title "My lesson"]
import {readFileSync, readdirSync, writeFileSync} from "node:fs";
import {basename, join, resolve} from "node:path";
import {parseArgs} from "node:util";
import {buildStandalone} from "../vite.config.js";
import {slugOf} from "../src/engine/chapter-file.js";
import {parseChapterFile} from "../src/engine/chapter-markdown.js";
import {assemble} from "../src/fork/assemble.js";
import {validateForkData, type ForkData} from "../src/fork/fork-data.js";

const {values} = parseArgs({options: {cells: {type: "string"}, out: {type: "string"}, title: {type: "string"}}});
if (!values.cells || !values.out) {
  console.error("usage: npm run fork -- --cells DIR --out FILE [--title TITLE]");
  process.exit(2);
}
const folder = resolve(values.cells);
const files = readdirSync(folder).filter((f) => /^\d+-[\w-]+\.md$/.test(f)).sort();
if (!files.length) {
  console.error(`no chapter files (NN-slug.md) in ${folder}`);
  process.exit(1);
}
const data: ForkData = validateForkData({
  version: 1,
  chapters: files.map((f) => parseChapterFile(slugOf(f), readFileSync(join(folder, f), "utf8"))),
  inputs: {},
  id: Math.random().toString(36).slice(2, 10),
  lineage: [{from: `the chapter files in ${basename(folder)}/`, at: new Date().toISOString()}]
});
const {js, css} = await buildStandalone();
const html = assemble({js, css, data, title: values.title ?? "How machines learn"});
writeFileSync(values.out, html);
console.log(`wrote ${values.out}: ${data.chapters.length} chapters, ${(html.length / 1024).toFixed(0)} KB`);
