/** Text made a sentence: a full stop added, unless it already ends in one (or in ? or !). */
export function sentence(text: string): string {
  const t = text.trim();
  return /[.!?…]["”)]?$/.test(t) ? t : `${t}.`;
}

/** The message of whatever was thrown, in words (never a minified name or "[object Object]"). */
export function reason(error: unknown, fallback: string): string {
  try {
    const message = error instanceof Error ? error.message : "";
    // A TypeError from inside the page's own code ("i.map is not a function") means nothing to a reader.
    if (!message || (error instanceof TypeError && /\b\w{1,2}(\.\w+)* is not|reading '|of (undefined|null)/.test(message))) return fallback;
    return message;
  } catch {
    return fallback;
  }
}

/** A button offered with a notice. */
export interface NoticeAction {
  label: string;
  /** What the button's data-action is, if a script may press it. */
  action?: string;
  run(): void;
}

/** Options for one notice. */
export interface NoticeOptions {
  /** A notice with the same id replaces the previous one. */
  id?: string;
  /** "error" for faults the reader should act on. */
  tone?: "info" | "error";
  actions?: NoticeAction[];
  /** Milliseconds until it goes by itself; none stays until dismissed or acted on. */
  timeout?: number;
}

/** The page's notices: short messages with buttons, read out by screen readers. */
export class Notices {
  readonly element: HTMLElement;

  constructor(document: Document = globalThis.document) {
    this.element = document.createElement("div");
    this.element.className = "notices";
    this.element.setAttribute("role", "status");
    this.element.setAttribute("aria-live", "polite");
  }

  show(message: string, options: NoticeOptions = {}): HTMLElement {
    const document = this.element.ownerDocument;
    if (options.id) this.dismiss(options.id);
    const notice = document.createElement("div");
    notice.className = `notice-toast ${options.tone === "error" ? "notice-error" : ""}`;
    if (options.id) notice.dataset.notice = options.id;
    const text = document.createElement("span");
    text.textContent = message;
    notice.append(text);
    const close = () => notice.remove();
    for (const a of options.actions ?? []) {
      const b = document.createElement("button");
      b.type = "button";
      b.textContent = a.label;
      if (a.action) b.dataset.action = a.action;
      b.addEventListener("click", () => (close(), a.run()));
      notice.append(b);
    }
    const x = document.createElement("button");
    x.type = "button";
    x.className = "dismiss";
    x.textContent = "✕";
    x.setAttribute("aria-label", "Dismiss");
    x.addEventListener("click", close);
    notice.append(x);
    this.element.append(notice);
    if (options.timeout) setTimeout(close, options.timeout);
    return notice;
  }

  dismiss(id: string): void {
    this.element.querySelector(`[data-notice="${id}"]`)?.remove();
  }
}
