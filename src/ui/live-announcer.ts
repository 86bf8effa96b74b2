/**
 * A polite live region that speaks at most once per `interval`: a screen reader given a new
 * message every frame (training) either floods or gives up. The newest text always comes out,
 * so when the messages stop (training paused) the last one, with the final numbers, is said.
 */
export class LiveAnnouncer {
  readonly element: HTMLElement;
  readonly #interval: number;
  #last = -Infinity;
  #waiting: string | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;

  constructor(document: Document = globalThis.document, interval = 1000) {
    this.#interval = interval;
    this.element = document.createElement("div");
    this.element.className = "sr-only live-announcer";
    this.element.setAttribute("role", "status");
    this.element.setAttribute("aria-live", "polite");
  }

  /** Says `text` now if the last message was long enough ago, else as soon as it was. */
  say(text: string): void {
    if (text === (this.#waiting ?? this.element.textContent)) return;
    this.#waiting = text;
    const wait = this.#last + this.#interval - performance.now();
    if (wait <= 0) return this.#flush();
    this.#timer ??= setTimeout(() => this.#flush(), wait);
  }

  #flush(): void {
    if (this.#timer !== null) clearTimeout(this.#timer), (this.#timer = null);
    if (this.#waiting === null) return;
    this.element.textContent = this.#waiting;
    this.#waiting = null;
    this.#last = performance.now();
  }
}
