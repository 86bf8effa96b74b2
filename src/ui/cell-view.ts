import type {EditorView} from "@codemirror/view";
import type {Observer} from "@observablehq/runtime";
import type {LessonCell} from "../engine/lesson.js";
import {display} from "./display.js";

type EditorModule = typeof import("../editor/editor.js");
let editorModule: Promise<EditorModule> | null = null;

/** The editor is loaded only when first needed, so the first paint never waits for it. */
export function loadEditor(): Promise<EditorModule> {
  return (editorModule ??= import("../editor/editor.js"));
}

/** A code cell on the page: its output, and its code in an editor. */
export class CellView {
  readonly element: HTMLElement;
  readonly output: HTMLElement;
  readonly code: HTMLElement;
  readonly observer: Observer;
  editor: EditorView | null = null;
  readonly #cell: LessonCell;
  readonly #run: (source: string) => void;

  constructor(cell: LessonCell, run: (source: string) => void, document: Document = globalThis.document) {
    this.#cell = cell;
    this.#run = run;
    this.element = document.createElement("div");
    this.element.className = "cell";
    // "hide": plumbing whose value is not worth showing; its errors still show.
    if (cell.options.includes("hide")) this.element.classList.add("quiet");
    this.output = document.createElement("div");
    this.output.className = "cell-output";
    this.code = document.createElement("div");
    this.code.className = "cell-code";
    const pre = document.createElement("pre");
    pre.className = "code-static";
    pre.textContent = cell.source;
    this.code.append(pre);
    const folded = cell.options.includes("folded");
    const frame = document.createElement(folded ? "details" : "div");
    frame.className = "cell-source";
    if (folded) {
      const summary = document.createElement("summary");
      summary.textContent = "code";
      frame.append(summary);
    }
    const button = document.createElement("button");
    button.type = "button";
    button.className = "run";
    button.textContent = "Run";
    button.title = "Run this cell (Shift+Enter)";
    button.addEventListener("click", () => this.run());
    frame.append(this.code, button);
    this.element.append(this.output, frame);
    this.observer = {...display(this.output, () => this.#cell.label), _node: this.output};
    this.relabel();
  }

  /** Keeps the data hooks in step with the cell's name, which edits may change. */
  relabel(): void {
    this.output.dataset.cell = this.#cell.label;
    this.code.dataset.editor = this.#cell.label;
    this.element.dataset.name = this.#cell.label;
  }

  /** Runs what the editor holds. */
  run(): void {
    this.#run(this.editor ? this.editor.state.doc.toString() : this.#cell.source);
  }

  /** Replaces the static code with a live editor. */
  async hydrate(): Promise<void> {
    if (this.editor) return;
    const {createEditor} = await loadEditor();
    if (this.editor) return;
    this.code.replaceChildren();
    this.editor = createEditor({
      parent: this.code,
      doc: this.#cell.source,
      language: "ojs",
      label: `code of cell ${this.#cell.label}`,
      run: (source) => this.#run(source)
    });
  }

  /** Shows new source (set from outside the editor). */
  async show(source: string): Promise<void> {
    if (this.editor) (await loadEditor()).setText(this.editor, source);
    else this.code.querySelector("pre")!.textContent = source;
  }
}
