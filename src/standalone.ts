import "@observablehq/inspector/inspector.css";
import "@observablehq/inputs/dist/index.css";
import "./ui/style.css";
import {start} from "./app.js";
import {validateForkData} from "./fork/fork-data.js";

// A standalone page: the lesson is the JSON it carries, and its own code is in the page, so it
// can export itself again with no network at all.
const data = validateForkData(JSON.parse(document.querySelector("#lesson-data")!.textContent!));
void start({
  chapters: data.chapters,
  files: data.files ?? [],
  inputs: data.inputs,
  key: `how-machines-learn:fork:${data.id}`,
  title: document.title,
  lineage: data.lineage,
  pieces: async () => ({
    code: document.querySelector("script#app-code")!.textContent!.trim(),
    css: document.querySelector("style#app-style")!.textContent!
  })
});
