import {Inspector} from "@observablehq/inspector";
import type {Observer} from "@observablehq/runtime";
import {asError} from "../engine/cell-run.js";

/** The words a reader sees for a failed cell; errors inherited from an input say which. Never throws. */
export function errorMessage(error: unknown, self: string | null): string {
  try {
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
 * Shows a variable's value in an element and keeps `data-state` current. The old value stays on
 * screen while the new one computes, so a redefinition never flashes empty.
 */
export function display(element: HTMLElement, self: () => string | null): Observer {
  const document = element.ownerDocument;
  let inspector: Inspector | null = null;
  element.dataset.state = "pending";
  const show = (value: unknown) => {
    if (value === undefined && self()?.startsWith("#")) {
      // An unnamed cell run for its effect (moving an overlay, say) has nothing to show.
      inspector = null;
      element.replaceChildren();
    } else if (value instanceof Node) {
      inspector = null;
      if (element.firstChild !== value || element.childNodes.length !== 1) element.replaceChildren(value);
    } else {
      if (!inspector) {
        const slot = document.createElement("div");
        element.replaceChildren(slot);
        inspector = new Inspector(slot);
      }
      inspector.fulfilled(value);
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
        // A value that throws when looked at (a hostile Proxy, a getter that throws).
        inspector = null;
        element.replaceChildren(Object.assign(document.createElement("div"), {className: "cell-unshowable", textContent: "a value that cannot be shown"}));
      }
    },
    rejected(error) {
      element.dataset.state = "rejected";
      inspector = null;
      const box = document.createElement("div");
      box.className = "cell-error";
      box.setAttribute("role", "alert");
      box.textContent = errorMessage(error, self());
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
