import type {Page} from "./ui/page.js";
import type {LessonCell} from "./engine/lesson.js";
import {inputElement, setInput} from "./ui/inputs.js";
import type {Stalled} from "./engine/stalled.js";

/** What scripts and the console use to drive the page (see CONTRACT.md). */
export interface Playground {
  chapters(): string[];
  cells(chapter: string): string[];
  value(chapter: string, name: string): Promise<unknown>;
  set(chapter: string, name: string, value: unknown): void;
  source(chapter: string, name: string): string;
  /** Resolves once settled; if cells stay pending with nothing happening, after a bound, naming them. */
  edit(chapter: string, name: string, source: string): Promise<void | Stalled>;
  /** Resolves once settled; if cells stay pending with nothing happening, after a bound, naming them. */
  idle(): Promise<void | Stalled>;
  /** The standalone page, as Export downloads it. */
  exportHTML(): Promise<string>;
  /** The link Share copies. */
  shareURL(): Promise<string>;
}

/** Builds the parts of window.playground that drive the page itself. */
export function playground(page: Page): Omit<Playground, "exportHTML" | "shareURL"> {
  const {lesson} = page;
  const chapterNamed = (chapter: string) => {
    if (!lesson.chapter(chapter)) throw new Error(`no chapter named "${chapter}"`);
  };
  const find = (chapter: string, name: string): LessonCell => {
    chapterNamed(chapter);
    const cell = lesson.cell(chapter, name);
    if (!cell) throw new Error(`no cell named "${name}" in chapter "${chapter}"`);
    return cell;
  };
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const set = (chapter: string, name: string, value: unknown, deferred = false): void => {
    const cell = find(chapter, name);
    // A chapter not built yet (far from the screen) is built now; the value is set once the
    // input exists, and idle() waits for that.
    if (!deferred && (!lesson.chapter(chapter)!.built || (cell.state === "pending" && !cell.variables[0]?._value))) {
      lesson.build(chapter);
      const later = lesson.value(chapter, cell.label).then(() => set(chapter, name, value, true));
      lesson.waitFor(later);
      later.catch((error: unknown) => console.error(`playground.set("${chapter}", "${name}"): ${(error as Error).message}`));
      return;
    }
    const element = cell.label === `viewof ${name}` ? inputElement(cell) : null;
    if (element) {
      setInput(element, value);
    } else if (cell.label === `mutable ${name}`) {
      (cell.variables[1]._value as {value: unknown}).value = value;
    } else {
      throw new Error(`${name} in "${chapter}" is not an input`);
    }
  };
  return {
    chapters: () => lesson.chapters.map((c) => c.slug),
    cells: (chapter) => {
      chapterNamed(chapter);
      return lesson.cells(chapter).map((c) => c.label);
    },
    async value(chapter, name) {
      const cell = lesson.cell(chapter, name);
      if (cell?.label.startsWith("#")) {
        lesson.build(chapter);
        await lesson.settled(frame, {all: false});
        return cell.variables[0]._promise;
      }
      return lesson.value(chapter, name);
    },
    set: (chapter, name, value) => set(chapter, name, value),
    source: (chapter, name) => find(chapter, name).source,
    async edit(chapter, name, source) {
      const cell = find(chapter, name);
      page.run(cell, source);
      await page.view(cell).show(source);
      return lesson.settled(frame, {all: false});
    },
    idle: () => lesson.settled(frame)
  };
}
