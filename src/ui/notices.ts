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
