import {EditorView, keymap, lineNumbers, highlightActiveLine, drawSelection} from "@codemirror/view";
import {Compartment, EditorState, type Extension} from "@codemirror/state";
import {defaultKeymap, history, historyKeymap, indentWithTab} from "@codemirror/commands";
import {syntaxHighlighting, HighlightStyle, bracketMatching, indentOnInput} from "@codemirror/language";
import {tags as t} from "@lezer/highlight";
import {javascript} from "@codemirror/lang-javascript";
import {markdown} from "@codemirror/lang-markdown";
import {closeBrackets, closeBracketsKeymap} from "@codemirror/autocomplete";
import {linter, type Diagnostic} from "@codemirror/lint";
import {compile} from "../engine/compile.js";
import {CellSyntaxError} from "../engine/parse-cell.js";
import {scrubNumbers} from "./scrub-numbers.js";

/** What an editor needs from the cell it edits. */
export interface EditorOptions {
  /** The element to put the editor in. */
  parent: HTMLElement;
  /** The text to start with. */
  doc: string;
  /** "ojs" for a code cell, "md" for prose. */
  language: "ojs" | "md";
  /** What a screen reader calls the editor. */
  label: string;
  /** Called with the text when the reader runs the cell (Shift+Enter or the Run control). */
  run(source: string): void;
  /** Called with the text after every change. */
  change?(source: string): void;
  /** Whether `doc` is known to parse (its cell compiled): then it is checked only once changed. */
  parses?: boolean;
}

/**
 * Code colours from the same CSS variables as the inspector's values (set in style.css for
 * light and dark schemes), so code and values read alike in both.
 */
const highlight = HighlightStyle.define([
  {tag: [t.keyword, t.controlKeyword, t.definitionKeyword, t.moduleKeyword, t.operatorKeyword], color: "var(--syntax_keyword)"},
  {tag: [t.number, t.bool, t.null, t.atom], color: "var(--syntax_number)"},
  {tag: [t.string, t.special(t.string), t.regexp, t.escape], color: "var(--syntax_string)"},
  {tag: [t.comment, t.lineComment, t.blockComment], color: "var(--syntax_comment)", fontStyle: "italic"},
  {tag: [t.definition(t.variableName), t.function(t.definition(t.variableName))], color: "var(--syntax_known_variable)"},
  {tag: [t.propertyName, t.definition(t.propertyName)], color: "var(--syntax_key)"},
  {tag: t.invalid, color: "var(--error-fg)"},
  {tag: t.heading, fontWeight: "bold"},
  {tag: t.emphasis, fontStyle: "italic"},
  {tag: t.strong, fontWeight: "bold"},
  {tag: [t.link, t.url], color: "var(--syntax_string)", textDecoration: "underline"},
  {tag: [t.monospace, t.processingInstruction], color: "var(--syntax_number)"}
]);

/** A CodeMirror 6 editor for one cell. */
export function createEditor(options: EditorOptions): EditorView {
  const {parent, doc, language, label, run, change, parses = false} = options;
  // An editor made in the background (see Page.hydrateEditors) of a cell known to parse gets its
  // checker at the first change. Installed at once, the checker runs 400 ms later and hands the
  // view its (empty) diagnostics, an update that measures the editor: up to 49 ms a time at 4×,
  // two dozen times, in the middle of whatever the reader does then (a scrub, on a slow laptop).
  const check = (view: EditorView) => (parses && view.state.doc.length === doc.length && view.state.doc.toString() === doc ? [] : syntaxErrors(view));
  const checking = linter(check, {delay: 400});
  const checker = new Compartment();
  const checkOnceChanged = EditorState.transactionExtender.of((tr) =>
    tr.docChanged && checker.get(tr.startState) !== checking ? {effects: checker.reconfigure(checking)} : null
  );
  const runKey = {key: "Shift-Enter", run: (view: EditorView) => (run(view.state.doc.toString()), true)};
  const keys = tabKeys(parent);
  const extensions: Extension[] = [
    keymap.of([runKey, ...keys.bindings, indentWithTab, ...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap]),
    history(),
    drawSelection(),
    indentOnInput(),
    bracketMatching(),
    closeBrackets(),
    highlightActiveLine(),
    syntaxHighlighting(highlight),
    language === "ojs"
      ? [javascript(), lineNumbers(), checker.of(parses ? checkOnceChanged : checking), scrubNumbers((view) => run(view.state.doc.toString()))]
      : [markdown(), EditorView.lineWrapping],
    // tabindex says outright that the text (the scroller's content) takes focus, as it does anyway.
    EditorView.contentAttributes.of({"aria-label": label, "aria-describedby": keys.hint.id, tabindex: "0"}),
    keys.extension,
    EditorView.updateListener.of((update) => {
      if (update.docChanged) change?.(update.state.doc.toString());
    })
  ];
  quietFieldSelections(parent.ownerDocument);
  const view = new EditorView({parent, state: EditorState.create({doc, extensions})});
  view.setTabFocusMode(true);
  parent.append(keys.hint);
  return view;
}

/**
 * A text field whose value changes fires `selectionchange`, which bubbles to the document: a
 * slider's number box does at every step of a drag. Every editor listens there for the page's
 * selection, which has not moved, and reads it: on a slow laptop that was 14 ms a step with a
 * chapter's editors on the page. A field's own selection is no editor's business, so the page
 * stops those events before they reach the document.
 */
const quieted = new WeakSet<Document>();
function quietFieldSelections(document: Document): void {
  if (quieted.has(document)) return;
  quieted.add(document);
  document.defaultView?.addEventListener(
    "selectionchange",
    (event) => {
      const target = event.target as Element | null;
      if (target && typeof target.matches === "function" && target.matches("input, textarea")) event.stopImmediatePropagation();
    },
    {capture: true}
  );
}

let hints = 0;

/**
 * Tab follows CodeMirror's accessible pattern: it moves focus on, as everywhere else on the
 * page, until the reader edits; then it indents, and Escape (or Ctrl+M) gives it back to focus.
 * A line under the focused editor says which it does now.
 */
function tabKeys(parent: HTMLElement): {bindings: {key: string; run: (view: EditorView) => boolean}[]; extension: Extension; hint: HTMLElement} {
  const hint = parent.ownerDocument.createElement("div");
  hint.className = "cm-keys";
  hint.id = `editor-keys-${++hints}`;
  const say = (moves: boolean) => {
    const text = moves ? "Tab moves on; once you type, Tab indents. Shift+Enter runs." : "Tab indents; Escape, then Tab, moves on. Shift+Enter runs.";
    if (hint.textContent !== text) hint.textContent = text;
    hint.dataset.tab = moves ? "moves" : "indents";
  };
  const mode = (view: EditorView, moves: boolean) => (view.setTabFocusMode(moves), say(moves));
  let moves = true;
  say(moves);
  return {
    hint,
    bindings: [
      {key: "Escape", run: (view) => (mode(view, (moves = true)), false)},
      {key: "Ctrl-m", run: (view) => (mode(view, (moves = !moves)), true)}
    ],
    extension: [
      // On the DOM's own focus event, before any key can reach the editor.
      EditorView.domEventHandlers({focus: (_, view) => void mode(view, (moves = true))}),
      EditorView.updateListener.of((update) => {
        const typed = update.transactions.some((tr) => tr.isUserEvent("input") || tr.isUserEvent("delete") || tr.isUserEvent("undo") || tr.isUserEvent("redo"));
        if (typed && moves) mode(update.view, (moves = false));
      })
    ]
  };
}


/** Marks where a cell stops parsing, as the reader types (the linter debounces). */
export function syntaxErrors(view: EditorView): Diagnostic[] {
  const source = view.state.doc.toString();
  try {
    compile(source);
    return [];
  } catch (error) {
    if (!(error instanceof CellSyntaxError)) return [];
    // Mark at least one character, so an error at the very end still shows.
    const from = Math.max(0, Math.min(error.pos, source.length - 1));
    return [{from, to: Math.min(from + 1, source.length), severity: "error", message: error.message}];
  }
}

/** Replaces the editor's whole text, keeping its undo history. */
export function setText(view: EditorView, text: string): void {
  if (view.state.doc.toString() === text) return;
  view.dispatch({changes: {from: 0, to: view.state.doc.length, insert: text}});
}
