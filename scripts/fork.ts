// Builds a standalone playground page from any folder of chapter files:
//   npm run fork -- --cells DIR --out FILE [--title "My lesson"]
import {writeFileSync} from "node:fs";
import {basename, resolve} from "node:path";
import {parseArgs} from "node:util";
import {buildStandalone} from "../vite.config.js";
import {readLessonFolder} from "../src/engine/lesson-folder.js";
import {assemble, packCode} from "../src/fork/assemble.js";
import {validateForkData, type ForkData} from "../src/fork/fork-data.js";

const {values} = parseArgs({options: {cells: {type: "string"}, out: {type: "string"}, title: {type: "string"}}});
if (!values.cells || !values.out) {
  console.error("usage: npm run fork -- --cells DIR --out FILE [--title TITLE]");
  process.exit(2);
}
const folder = resolve(values.cells);
const {chapters, files, notes} = readLessonFolder(folder, /^\d+-[\w-]+\.q?md$/);
if (!chapters.length) {
  console.error(`no chapter files (NN-slug.md or NN-slug.qmd) in ${folder}`);
  process.exit(1);
}
for (const note of notes) console.warn(`not honoured: ${note}`);
const data: ForkData = validateForkData({
  version: 1,
  chapters,
  inputs: {},
  id: Math.random().toString(36).slice(2, 10),
  lineage: [{from: `the chapter files in ${basename(folder)}/`, at: new Date().toISOString()}],
  files
});
const {js, css} = await buildStandalone();
const html = assemble({code: await packCode(js), css, data, title: values.title ?? "How machines learn"});
writeFileSync(values.out, html);
console.log(`wrote ${values.out}: ${data.chapters.length} chapters, ${files.length} data files, ${(html.length / 1024).toFixed(0)} KB`);
