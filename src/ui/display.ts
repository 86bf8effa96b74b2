import type {Inspector} from "@observablehq/inspector";
import type {Observer} from "@observablehq/runtime";
import {Lazy} from "../engine/lazy.js";
import {formatNumber} from "./prose-view.js";
import {asError} from "../engine/cell-run.js";

/**
 * What a cell's output holds, for the reader's view to decide whether it shows: a node (a chart,
 * an input), a number (shown rounded to the reader), another value (which only the inspector can
 * show), nothing, or an error.
 */
export type Shows = "node" | "number" | "value" | "nothing" | "error";

/**
 * A hint for code that a reader coming from Python might write, or null: the slips the lesson's
 * readers make most (a `def`, a `for … in range(…)`, a block opened with a colon).
 */
export function pythonHint(source: string): string | null {
  if (/^\s*(?:\w+\s*=\s*)?def\s+\w+\s*\(/m.test(source)) return "This looks like Python's def. In a cell a function is written name = (a, b) => { … }, its body between { and }.";
  if (/\bfor\s+\w+\s+in\s+range\s*\(/.test(source)) return "for i in range(n) is Python. In JavaScript the loop reads for (let i = 0; i < n; ++i) { … }.";
  if (/^\s*(?:if|for|while|else|elif)\b[^{\n]*:\s*$/m.test(source)) return "A block in JavaScript goes between { and }, not after a colon: for example if (x > 0) { … }.";
  return null;
}

/** The words a reader sees for a failed cell; errors inherited from an input say which. Never throws. */
export function errorMessage(error: unknown, self: string | null, source?: string): string {
  try {
    const hint = error instanceof Error && error.name === "SyntaxError" && source !== undefined ? pythonHint(source) : null;
    if (hint) return `SyntaxError: ${(error as Error).message}\n${hint}`;
    return describeError(asError(error, self && !self.startsWith("#") ? self : null), self);
  } catch {
    return "this cell failed with an error that cannot be shown";
  }
}

function describeError(error: Error, self: string | null): string {
  const input = (error as Error & {input?: string}).input;
  let message =
    error.name === "SyntaxError"
      ? `SyntaxError: ${error.message}`
      : /call stack/i.test(error.message)
        ? `too much recursion: a function kept calling itself until the stack ran out (${error.message})`
        : error.message;
  // The runtime's words for an input that failed without a message it could pass on.
  const unresolved = /^(.+) could not be resolved$/.exec(message);
  if (unresolved) message = `${unresolved[1]} failed (see its error), so this cell cannot run`;
  // A loop stopped inside another cell's function (chart calling y) is that cell's loop.
  const owner = loopOwner(error);
  if (owner && owner !== self) message = message.replace(/\bat line (\d+)/, `at line $1 of ${owner}`);
  if (input && input !== self && !message.startsWith(`${input} `)) return `waiting on ${input}: ${message}`;
  return message;
}

/** The cell whose loop a runaway-loop error stopped, from the cell's file in its stack. */
function loopOwner(error: Error): string | null {
  if (typeof (error as Error & {line?: unknown}).line !== "number") return null;
  const name = /cells\/[\w-]+\/([\w-]+)\.js/.exec(String(error.stack))?.[1];
  return name ? name.replace(/^(viewof|mutable)_/, "$1 ") : null;
}

/**
 * Observable's inspector, loaded when a value is first to be shown exactly: the reader's view
 * shows none, so the first screen does not wait for it.
 */
export const inspectors = new Lazy(() => import("@observablehq/inspector").then((module) => module.Inspector));

/**
 * Shows a variable's value in an element and keeps `data-state` current. The old value stays on
 * screen while the new one computes, so a redefinition never flashes empty.
 *
 * A value that is not a node is shown twice: exact (Observable's inspector, for the code view)
 * and, for a number, rounded (for the reader's view). While `exact()` says the exact one is not
 * on show, it is not drawn, only remembered: a slider moved in the reader's view redraws no
 * hidden inspector. `reveal()` draws the last one, when the code view opens. Until the
 * inspector has loaded, the value waits for it the same way.
 */
export function display(
  element: HTMLElement,
  self: () => string | null,
  shows: (kind: Shows) => void = () => {},
  source?: () => string,
  exact: () => boolean = () => true
): Observer & {reveal(): void} {
  const document = element.ownerDocument;
  let slot: HTMLElement | null = null; // where the inspector draws
  let inspector: Inspector | null = null;
  let reading: HTMLElement | null = null; // a number as the reader's view shows it, rounded
  let unshown: {value: unknown} | null = null; // the last value, not yet in the inspector
  element.dataset.state = "pending";
  const forget = () => void (slot = inspector = reading = unshown = null);
  const unshowable = () => {
    // A value that throws when looked at (a hostile Proxy, a getter that throws).
    forget();
    element.replaceChildren(Object.assign(document.createElement("div"), {className: "cell-unshowable", textContent: "a value that cannot be shown"}));
    shows("value");
  };
  /** Draws the last value in the inspector, now or once the inspector has loaded. */
  const draw = () => {
    if (!unshown || !slot) return;
    const Inspector = inspectors.now;
    if (!Inspector) return void inspectors.load().then(draw, () => {});
    const {value} = unshown;
    unshown = null;
    try {
      (inspector ??= new Inspector(slot)).fulfilled(value);
    } catch {
      unshowable();
    }
  };
  const show = (value: unknown) => {
    unshown = null;
    if (value === undefined && self()?.startsWith("#")) {
      // An unnamed cell run for its effect (moving an overlay, say) has nothing to show.
      forget();
      element.replaceChildren();
      shows("nothing");
    } else if (value instanceof Node) {
      forget();
      if (element.firstChild !== value || element.childNodes.length !== 1) element.replaceChildren(value);
      shows("node");
    } else {
      if (!slot) {
        slot = document.createElement("div");
        slot.className = "value-exact";
        reading = document.createElement("div");
        reading.className = "value-read";
        element.replaceChildren(slot, reading);
      }
      unshown = {value};
      if (exact()) draw();
      const number = typeof value === "number";
      reading!.textContent = number ? `${self()} = ${formatNumber(value)}` : "";
      shows(number ? "number" : "value");
    }
  };
  return {
    pending() {
      element.dataset.state = "pending";
    },
    fulfilled(value) {
      element.dataset.state = "fulfilled";
      element.querySelector(":scope > .cell-waiting")?.remove();
      try {
        show(value);
      } catch {
        unshowable();
      }
    },
    reveal: draw,
    rejected(error) {
      element.dataset.state = "rejected";
      forget();
      shows("error");
      const box = document.createElement("div");
      box.className = "cell-error";
      box.setAttribute("role", "alert");
      box.textContent = errorMessage(error, self(), source?.());
      element.replaceChildren(box);
    }
  };
}

/** Says, under what a pending cell still shows, what it has been waiting for; null takes it away. */
export function showWaiting(element: HTMLElement, reason: string | null): void {
  let note = element.querySelector<HTMLElement>(":scope > .cell-waiting");
  if (!reason || element.dataset.state !== "pending") return void note?.remove();
  if (!note) {
    note = Object.assign(element.ownerDocument.createElement("p"), {className: "cell-waiting"});
    element.append(note);
  }
  note.textContent = reason;
}
