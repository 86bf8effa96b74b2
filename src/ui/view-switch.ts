import type {Page} from "./page.js";
import type {StorageLike} from "./storage.js";

const KEY = "how-machines-learn:view";

/**
 * The page-wide switch between the reader's view (the default: prose, figures and the code each
 * chapter is about) and the code view (every cell's code, to read and edit). The choice is
 * remembered in local storage; without storage it lasts until the page closes.
 */
export function viewSwitch(page: Page, storage: () => StorageLike, document: Document = globalThis.document): HTMLButtonElement {
  const button = document.createElement("button");
  button.type = "button";
  button.dataset.action = "show-code";
  const show = (view: "reader" | "code") => {
    page.setView(view);
    // The print sheet prints code only in the code view.
    document.documentElement.dataset.view = view;
    const code = view === "code";
    button.textContent = code ? "Reader's view" : "Show code";
    button.setAttribute("aria-pressed", String(code));
    button.title = code ? "Back to the reader's view: prose, figures and the code each chapter is about" : "Show every cell's code, to read and edit";
  };
  let saved: string | null = null;
  try {
    saved = storage().getItem(KEY);
  } catch {
    // No storage: the reader's view, as for a first visit.
  }
  show(saved === "code" ? "code" : "reader");
  button.addEventListener("click", () => {
    const next = page.viewMode === "code" ? "reader" : "code";
    show(next);
    try {
      storage().setItem(KEY, next);
    } catch {
      // Not remembered, but switched all the same.
    }
  });
  return button;
}
