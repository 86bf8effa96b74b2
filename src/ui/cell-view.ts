import type {EditorView} from "@codemirror/view";
import type {Observer} from "@observablehq/runtime";
import type {LessonCell} from "../engine/lesson.js";
import {display, type Shows} from "./display.js";

type EditorModule = typeof import("../editor/editor.js");
let editorModule: Promise<EditorModule> | null = null;

/** The editor is loaded only when first needed, so the first paint never waits for it. */
export function loadEditor(): Promise<EditorModule> {
  return (editorModule ??= import("../editor/editor.js"));
}

/** What the buttons around a cell ask the page to do. */
export interface CellActions {
  run(cell: LessonCell, source: string): void;
  insert(cell: LessonCell, where: "above" | "below"): void;
  move(cell: LessonCell, by: -1 | 1): void;
  duplicate(cell: LessonCell): void;
  remove(cell: LessonCell): void;
  reset(cell: LessonCell): void;
  /** Called (debounced by the caller) with the editor's text as the reader types. */
  draft(cell: LessonCell, source: string): void;
}

/** A code cell on the page: its output, its code in an editor, and the buttons around it. */
export class CellView {
  readonly element: HTMLElement;
  readonly output: HTMLElement;
  readonly code: HTMLElement;
  readonly observer: Observer;
  /** Draws the exact value, not drawn while the reader's view hid it (see display). */
  readonly reveal: () => void;
  editor: EditorView | null = null;
  readonly #cell: LessonCell;
  readonly #actions: CellActions;
  readonly #name: HTMLElement;

  constructor(cell: LessonCell, actions: CellActions, document: Document = globalThis.document) {
    this.#cell = cell;
    this.#actions = actions;
    const el = (tag: string, className: string) => Object.assign(document.createElement(tag), {className});
    this.element = el("div", "cell");
    // "hide": plumbing whose value is not worth showing; its errors still show.
    if (cell.options.includes("hide")) this.element.classList.add("quiet");
    // "lesson": the code the chapter is about, which the reader's view shows too.
    if (cell.options.includes("lesson")) this.element.classList.add("lesson-code");
    // "half": half the column on a wide screen, beside the next (or previous) half cell.
    if (cell.options.includes("half")) this.element.classList.add("half");
    // "third": a third of the column on a wide screen, three to a row (a neuron's three sliders).
    if (cell.options.includes("third")) this.element.classList.add("third");
    this.element.dataset.shows = "nothing";
    this.output = el("div", "cell-output");
    this.code = el("div", "cell-code");
    this.code.append(staticCode(document, cell.source));
    const folded = (cell.options.includes("folded") || cell.options.includes("hide")) && !cell.options.includes("lesson");
    const frame = el(folded ? "details" : "div", "cell-source");
    if (folded) {
      const summary = el("summary", "");
      summary.textContent = "code";
      frame.append(summary);
    }
    const run = this.#button(document, "run", "Run", "Run this cell (Shift+Enter)", () => this.run());
    frame.append(this.code, run);
    this.#name = el("span", "cell-name");
    const tools = el("div", "cell-tools");
    tools.setAttribute("role", "toolbar");
    tools.append(
      this.#name,
      this.#button(document, "reset-cell", "↺", "Reset this cell to the lesson as shipped", () => actions.reset(cell)),
      this.#button(document, "move-up", "↑", "Move this cell up", () => actions.move(cell, -1)),
      this.#button(document, "move-down", "↓", "Move this cell down", () => actions.move(cell, 1)),
      this.#button(document, "add-above", "+↑", "Add a cell above", () => actions.insert(cell, "above")),
      this.#button(document, "add-below", "+↓", "Add a cell below", () => actions.insert(cell, "below")),
      this.#button(document, "duplicate", "⧉", "Duplicate this cell", () => actions.duplicate(cell)),
      this.#button(document, "delete", "✕", "Delete this cell", () => actions.remove(cell))
    );
    rove(tools);
    // Shift+Enter runs from the editor (its key hint says so); the button is for the pointer.
    run.tabIndex = -1;
    this.element.append(tools, this.output, frame);
    const output = this.output, element = this.element;
    // The exact value is on show everywhere but in a chapter in the reader's view.
    const exact = () => element.closest<HTMLElement>("[data-chapter]")?.dataset.view !== "reader";
    const shows = (kind: Shows) => {
      element.dataset.shows = kind;
      // A figure skips its rendering while it is far from the screen (style.css, .figure).
      output.classList.toggle("figure", kind === "node" && output.querySelector("svg, canvas") !== null);
    };
    const shown = display(output, () => this.#cell.label, shows, () => this.#cell.source, exact);
    this.reveal = shown.reveal;
    this.observer = {
      ...shown,
      // visibility() in a cell waits for its chapter to be on screen (not just its own output,
      // which may be hidden or scrolled past while the chapter's charts are in view).
      get _node() {
        return element.closest("[data-chapter]") ?? output;
      }
    };
    this.relabel();
  }

  #button(document: Document, action: string, text: string, label: string, onclick: () => void): HTMLButtonElement {
    const b = document.createElement("button");
    b.type = "button";
    b.className = action === "run" ? "run" : "tool";
    b.dataset.tool = action;
    b.textContent = text;
    b.title = label;
    b.setAttribute("aria-label", label);
    b.addEventListener("click", onclick);
    return b;
  }

  /** Keeps the data hooks and labels in step with the cell's name, which edits may change. */
  relabel(): void {
    const label = this.#cell.label;
    this.output.dataset.cell = label;
    this.code.dataset.editor = label;
    this.element.dataset.name = label;
    this.#name.textContent = label.startsWith("#") ? "" : label;
    this.#name.parentElement!.setAttribute("aria-label", label.startsWith("#") ? "cell tools" : `tools for cell ${label}`);
    this.editor?.contentDOM.setAttribute("aria-label", `code of cell ${label}`);
  }

  /** Marks the cell as changed from the lesson as shipped (or added by the reader). */
  changed(changed: boolean): void {
    this.element.classList.toggle("changed", changed);
    const reset = this.element.querySelector<HTMLButtonElement>(':scope > .cell-tools [data-tool="reset-cell"]');
    if (!changed && reset?.tabIndex === 0) {
      reset.tabIndex = -1;
      this.element.querySelector<HTMLButtonElement>(':scope > .cell-tools [data-tool="move-up"]')!.tabIndex = 0;
    }
  }

  /** The text in the editor, which may be ahead of what last ran. */
  get text(): string {
    return this.editor ? this.editor.state.doc.toString() : this.#cell.source;
  }

  /** Runs what the editor holds. */
  run(): void {
    this.#actions.run(this.#cell, this.text);
  }

  /** Replaces the static code with a live editor. */
  async hydrate(): Promise<EditorView> {
    if (this.editor) return this.editor;
    const {createEditor} = await loadEditor();
    if (this.editor) return this.editor;
    const draft = this.code.querySelector("pre")?.textContent ?? this.#cell.source;
    this.code.replaceChildren();
    this.editor = createEditor({
      parent: this.code,
      doc: draft,
      language: "ojs",
      label: `code of cell ${this.#cell.label}`,
      run: (source) => this.#actions.run(this.#cell, source),
      change: (source) => this.#actions.draft(this.#cell, source),
      parses: draft === this.#cell.source && this.#cell.compiled !== null
    });
    return this.editor;
  }

  /**
   * Puts the live editor back to static code while its chapter is far from the screen (an
   * editor costs work on every frame): not while it has focus or holds text not yet run.
   */
  sleep(): void {
    const editor = this.editor;
    if (!editor || editor.hasFocus || editor.state.doc.toString() !== this.#cell.source) return;
    this.editor = null;
    editor.destroy();
    this.code.replaceChildren(staticCode(this.code.ownerDocument, this.#cell.source));
  }

  /** Opens the code (if folded) and puts the cursor in the editor. */
  async focus(): Promise<void> {
    const details = this.code.closest("details");
    if (details) details.open = true;
    (await this.hydrate()).focus();
  }

  /** Shows new source (set from outside the editor). */
  async show(source: string): Promise<void> {
    if (this.editor) (await loadEditor()).setText(this.editor, source);
    else this.code.replaceChildren(staticCode(this.code.ownerDocument, source));
  }
}

/**
 * A toolbar is one stop for Tab (the W3C toolbar pattern): the arrow keys, Home and End move
 * between its buttons, and Tab comes back to the one used last.
 */
export function rove(toolbar: HTMLElement): void {
  const buttons = () => [...toolbar.querySelectorAll<HTMLButtonElement>("button")].filter((b) => b.getClientRects().length > 0);
  const all = () => [...toolbar.querySelectorAll<HTMLButtonElement>("button")];
  // Reset shows only on a changed cell: the stop starts on the first button always shown.
  const home = all().find((b) => b.dataset.tool !== "reset-cell");
  for (const b of all()) b.tabIndex = b === home ? 0 : -1;
  toolbar.addEventListener("focusin", (event) => {
    for (const b of all()) b.tabIndex = b === event.target ? 0 : -1;
  });
  toolbar.addEventListener("keydown", (event) => {
    const shown = buttons();
    const i = shown.indexOf(event.target as HTMLButtonElement);
    if (i < 0) return;
    const next = {ArrowRight: i + 1, ArrowDown: i + 1, ArrowLeft: i - 1, ArrowUp: i - 1, Home: 0, End: shown.length - 1}[event.key];
    if (next === undefined) return;
    event.preventDefault();
    shown[(next + shown.length) % shown.length].focus();
  });
}

/**
 * Code as it shows before its editor is made (and while its chapter is far away): one span per
 * line, numbered as the editor numbers them, so the listing does not shift when the editor comes.
 * Its text is the source, character for character.
 */
function staticCode(document: Document, source: string): HTMLPreElement {
  const pre = document.createElement("pre");
  pre.className = "code-static";
  source.split("\n").forEach((text, i) => {
    if (i) pre.append("\n");
    pre.append(Object.assign(document.createElement("span"), {className: "code-line", textContent: text}));
  });
  return pre;
}
