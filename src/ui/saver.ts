import {keep, save, storedRevision, type SavedLesson, type StorageLike} from "./storage.js";
import type {Notices} from "./notices.js";

/** What the saver needs from the page. */
export interface SaverOptions {
  /** The storage key of this lesson. */
  key: string;
  storage: () => StorageLike;
  notices: Notices;
  /** The reader's changes now. */
  collect(): Pick<SavedLesson, "chapters" | "inputs" | "drafts" | "untrusted">;
  /** The revision read at load, 0 if nothing was saved. */
  revision: number;
  /** Reloads the page (to take another tab's version). */
  reload(): void;
  /** Listens for other tabs' saves. */
  window?: Window;
  /** How long to wait after a change before saving. */
  delay?: number;
}

/**
 * Saves the reader's changes shortly after each one. If another tab saved the same lesson in
 * between, it does not overwrite that silently: it asks which version to keep.
 */
export class Saver {
  readonly tab = Math.random().toString(36).slice(2);
  #revision: number;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #conflict = false;
  #cancelled = false;
  readonly #options: SaverOptions;

  constructor(options: SaverOptions) {
    this.#options = options;
    this.#revision = options.revision;
    options.window?.addEventListener("storage", (event) => {
      if (event.key !== options.key || event.newValue === null) return;
      const stored = storedRevision(options.storage, options.key);
      if (stored && stored.tab !== this.tab) this.#askAboutConflict();
    });
  }

  /** Saves soon (well within a second of the last change). */
  schedule(): void {
    if (this.#cancelled) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.flush(), this.#options.delay ?? 300);
  }

  /** Stops saving for good (the reader discarded what this page holds). */
  cancel(): void {
    if (this.#timer) clearTimeout(this.#timer), (this.#timer = null);
    this.#cancelled = true;
  }

  /** Saves now; returns whether it was written. */
  flush(force = false): boolean {
    if (this.#timer) clearTimeout(this.#timer), (this.#timer = null);
    if (this.#cancelled) return false;
    const {key, storage, notices} = this.#options;
    const stored = storedRevision(storage, key);
    if (!force && (this.#conflict || (stored && stored.tab !== this.tab && stored.revision !== this.#revision))) {
      this.#askAboutConflict();
      return false;
    }
    const revision = Math.max(this.#revision, stored?.revision ?? 0) + 1;
    const failure = save(storage, key, {version: 1, ...this.#options.collect(), tab: this.tab, revision});
    if (failure) {
      notices.show(`Your changes could not be saved: ${failure}. They are still here on the page; export the page to keep a copy.`, {id: "storage", tone: "error"});
      return false;
    }
    notices.dismiss("storage");
    this.#revision = revision;
    this.#conflict = false;
    return true;
  }

  /**
   * Saves as the page goes away. A tab closed with the conflict unanswered keeps its version
   * apart (as "KEY.kept"), for the reader to choose later, instead of dropping it.
   */
  flushOnExit(): void {
    if (this.#timer) clearTimeout(this.#timer), (this.#timer = null);
    if (this.#cancelled) return;
    const {key, storage} = this.#options;
    const stored = storedRevision(storage, key);
    if (this.#conflict || (stored && stored.tab !== this.tab && stored.revision !== this.#revision)) {
      keep(storage, key, {version: 1, ...this.#options.collect(), tab: this.tab, revision: this.#revision});
    } else {
      this.flush();
    }
  }

  #askAboutConflict(): void {
    this.#conflict = true;
    this.#options.notices.show("This lesson was also changed in another tab. Which version do you want to keep?", {
      id: "conflict",
      tone: "error",
      actions: [
        {label: "Keep this tab's", action: "keep-mine", run: () => this.flush(true)},
        {label: "Load the other tab's", action: "load-theirs", run: () => this.#options.reload()}
      ]
    });
  }
}
