import type {EditorView} from "@codemirror/view";
import type {Observer} from "@observablehq/runtime";
import type {LessonProse} from "../engine/lesson.js";
import type {RenderedProse} from "../stdlib/renderer.js";
import {errorMessage} from "./display.js";
import {loadEditor} from "./cell-view.js";

/**
 * The element that shows rendered prose; its live holes are `[data-inline]` slots. A hole
 * where HTML can hold no element (in code, a comment, a <textarea>, an attribute) is text
 * there, so it shows as the `${…}` the reader wrote, and stays out of the page's live values.
 */
export function proseElement({html, expressions}: RenderedProse, document: Document = globalThis.document): HTMLElement {
  const element = document.createElement("div");
  element.className = "prose";
  element.innerHTML = html;
  const literal = (text: string) => text.replace(/<span data-inline="?(\d+)"?><\/span>/g, (all, i: string) => (expressions[+i] === undefined ? all : `\${${expressions[+i]}}`));
  const walker = document.createTreeWalker(element, 0x4 | 0x80 /* text and comments */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeValue?.includes("data-inline")) node.nodeValue = literal(node.nodeValue);
  }
  for (const el of element.querySelectorAll("*")) {
    for (const attribute of el.attributes) if (attribute.value.includes("data-inline")) attribute.value = literal(attribute.value);
  }
  for (const style of element.querySelectorAll("style")) scopeStyle(style);
  return element;
}

/**
 * A <style> in prose styles its own passage, never the page: its rules, parsed (so no brace in
 * them can close the scope early), are put inside `@scope (.prose)`. `body { display: none }`
 * then matches nothing, and the page's buttons and chapters stay in reach.
 */
function scopeStyle(style: HTMLStyleElement): void {
  const view = style.ownerDocument.defaultView as (Window & typeof globalThis) | null;
  let rules: string[] = [];
  try {
    const sheet = new view!.CSSStyleSheet();
    sheet.replaceSync(style.textContent ?? "");
    rules = [...sheet.cssRules].filter((r) => !(r.constructor.name === "CSSImportRule")).map((r) => r.cssText);
  } catch {
    rules = []; // A browser that cannot parse it here gets none of it.
  }
  style.textContent = rules.length ? `@scope (.prose) {\n${rules.join("\n")}\n}` : "";
}

/** Shows a live hole's value inline: nodes as they are, numbers and text as text. A hole with no slot shows nowhere. */
export function inlineObserver(slot: HTMLElement | null, document: Document = globalThis.document): Observer {
  slot ??= document.createElement("span");
  slot.className = "inline";
  return {
    _node: slot,
    pending() {
      slot.dataset.state = "pending";
    },
    fulfilled(value) {
      slot.dataset.state = "fulfilled";
      try {
        if (value instanceof Node) slot.replaceChildren(value);
        else slot.textContent = typeof value === "number" ? formatNumber(value) : String(value);
        // Words a hole makes (a phrase, a sentence) read as the text around them, not as a value.
        slot.classList.toggle("inline-words", typeof value === "string" && /\s/.test(value.trim()));
      } catch {
        slot.textContent = "(a value that cannot be shown)";
      }
    },
    rejected(error) {
      slot.dataset.state = "rejected";
      slot.textContent = errorMessage(error, null);
    }
  };
}

/** Numbers in prose read best short: up to 3 decimals (3 digits if smaller), trailing zeros dropped. */
export function formatNumber(x: number): string {
  if (Number.isInteger(x) || !Number.isFinite(x)) return String(x);
  return String(Math.abs(x) < 0.01 ? +x.toPrecision(3) : +x.toFixed(3));
}

/** A prose block on the page, with an editor for its Markdown that opens on request. */
export class ProseView {
  readonly element: HTMLElement;
  /** The rendered prose; replaced when the source changes. */
  rendered: HTMLElement;
  editor: EditorView | null = null;
  readonly #prose: LessonProse;
  readonly #apply: (prose: LessonProse, source: string) => void;
  readonly #pane: HTMLElement;

  readonly #draft: (prose: LessonProse, text: string | null) => void;

  constructor(prose: LessonProse, apply: (prose: LessonProse, source: string) => void, document: Document = globalThis.document, draft: (prose: LessonProse, text: string | null) => void = () => {}) {
    this.#prose = prose;
    this.#apply = apply;
    this.#draft = draft;
    this.element = document.createElement("div");
    this.element.className = "prose-block";
    this.rendered = document.createElement("div");
    this.#pane = document.createElement("div");
    this.#pane.className = "prose-editor";
    this.#pane.hidden = true;
    const edit = document.createElement("button");
    edit.type = "button";
    edit.className = "tool prose-edit";
    edit.textContent = "✎";
    edit.title = "Edit this text";
    edit.setAttribute("aria-label", "Edit this text");
    edit.addEventListener("click", () => this.toggle());
    this.element.append(edit, this.rendered, this.#pane);
  }

  /** Puts freshly rendered prose in place. */
  show(rendered: HTMLElement): void {
    this.rendered.replaceWith(rendered);
    this.rendered = rendered;
  }

  /** Opens or closes the Markdown editor; closing applies what was typed. */
  async toggle(): Promise<void> {
    if (!this.#pane.hidden) return this.done();
    this.#pane.hidden = false;
    this.element.classList.add("editing");
    if (!this.editor) {
      const {createEditor} = await loadEditor();
      const done = this.element.ownerDocument.createElement("button");
      done.type = "button";
      done.className = "run prose-done";
      done.textContent = "Done";
      done.title = "Show the text (Shift+Enter)";
      done.addEventListener("click", () => this.done());
      this.editor = createEditor({
        parent: this.#pane,
        doc: this.#prose.source,
        language: "md",
        label: "text of this passage, in Markdown",
        run: () => this.done(),
        change: (text) => this.#draft(this.#prose, text)
      });
      this.#pane.append(done);
    }
    this.editor.focus();
  }

  /** Opens the editor holding a draft saved before (not applied until Done). */
  async openDraft(text: string): Promise<void> {
    if (this.#pane.hidden) await this.toggle();
    if (this.editor) (await loadEditor()).setText(this.editor, text);
    this.element.classList.add("draft");
  }

  done(): void {
    this.element.classList.remove("draft");
    this.#draft(this.#prose, null);
    if (this.editor) this.#apply(this.#prose, this.editor.state.doc.toString());
    this.#pane.hidden = true;
    this.element.classList.remove("editing");
  }
}
