import "@observablehq/inspector/inspector.css";
import "@observablehq/inputs/dist/index.css";
import "./ui/style.css";
import {shippedChapters} from "./lesson-files.js";
import {asShipped, type ChapterFile} from "./engine/chapter-file.js";
import {Page} from "./ui/page.js";
import {playground} from "./playground.js";
import {renderContents} from "./ui/contents.js";
import {Notices} from "./ui/notices.js";
import {load} from "./ui/storage.js";
import {Saver} from "./ui/saver.js";
import {applyInputs, changedInputs, readInputs} from "./ui/inputs.js";

const KEY = "how-machines-learn:main";
const storage = () => window.localStorage;

const notices = new Notices();
document.body.append(notices.element);
const loaded = load(storage, KEY);
if (loaded.kind === "unavailable") {
  notices.show(`Changes can't be saved in this browser (${loaded.reason}). Everything works; export the page to keep your changes.`, {id: "storage", tone: "error"});
} else if (loaded.kind === "unreadable") {
  const kept = loaded.backup ? ` The unreadable copy is kept in local storage as "${loaded.backup}".` : "";
  notices.show(`Saved changes could not be read (${loaded.reason}), so the lesson starts as shipped.${kept}`, {id: "storage", tone: "error"});
}
const saved = loaded.kind === "ok" ? loaded.saved : null;

const shipped = shippedChapters().map(asShipped);
const current: ChapterFile[] = shipped.map((file) => (saved?.chapters[file.slug] ? {slug: file.slug, blocks: saved.chapters[file.slug]} : file));

let defaults: Record<string, Record<string, unknown>> | null = null;
let saver: Saver | null = null;
const page = new Page({
  shipped,
  current,
  root: document.querySelector<HTMLElement>("#lesson")!,
  notices,
  changed: () => saver?.schedule()
});
saver = new Saver({
  key: KEY,
  storage,
  notices,
  revision: saved?.revision ?? 0,
  window,
  reload: () => location.reload(),
  collect: () => {
    const chapters: Record<string, ChapterFile["blocks"]> = {};
    for (const c of page.lesson.chapters) if (page.chapterChanged(c.slug)) chapters[c.slug] = page.lesson.file(c.slug).blocks;
    return {chapters, inputs: defaults ? changedInputs(readInputs(page.lesson), defaults) : saved?.inputs ?? {}};
  }
});
renderContents(document.querySelector<HTMLElement>("#contents")!, current);

const api = playground(page);
Object.assign(window, {playground: api});

// Once every cell has its first value, remember the defaults and put back the reader's inputs.
void api.idle().then(() => {
  defaults = readInputs(page.lesson);
  if (saved) applyInputs(page.lesson, saved.inputs);
});

const resetAll = document.createElement("button");
resetAll.type = "button";
resetAll.dataset.action = "reset-all";
resetAll.textContent = "Reset all";
resetAll.title = "Put the whole lesson back as shipped (code, text and inputs)";
resetAll.addEventListener("click", () => {
  page.resetAll();
  saver?.flush(true);
});
document.querySelector("#actions")!.append(resetAll);

window.addEventListener("pagehide", () => saver?.flush());
const idle = () => new Promise((resolve) => ("requestIdleCallback" in window ? requestIdleCallback(resolve, {timeout: 200}) : setTimeout(resolve, 16)));
void page.hydrateEditors(idle);
