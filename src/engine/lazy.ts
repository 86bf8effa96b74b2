/**
 * A module loaded on first need and usable synchronously once it is there. A failed load is
 * forgotten, so the next need tries again.
 */
export class Lazy<T> {
  /** The module once loaded, else null. */
  now: T | null;
  /** Why the last load failed, if it did. */
  failure: unknown = null;
  readonly #load: () => Promise<T>;
  #loading: Promise<T> | null = null;

  constructor(load: () => Promise<T>, now: T | null = null) {
    this.#load = load;
    this.now = now;
  }

  load(): Promise<T> {
    if (this.now) return Promise.resolve(this.now);
    return (this.#loading ??= this.#load().then(
      (value) => ((this.failure = null), (this.now = value)),
      (error: unknown) => {
        this.failure = error;
        this.#loading = null;
        throw error;
      }
    ));
  }
}

/**
 * Results the build made ahead of time, by source, and the module that makes any other, loaded
 * on first need: what the compiler and the renderer share.
 */
export class Prepared<T, M> {
  protected readonly prebuilt: ReadonlyMap<string, T>;
  protected readonly module: Lazy<M>;
  /** Loads more of what the build made into `prebuilt` (the chapters past the first screen). */
  readonly #more: Lazy<unknown> | null;

  constructor(prebuilt: ReadonlyMap<string, T>, module: Lazy<M>, more: Lazy<unknown> | null = null) {
    this.prebuilt = prebuilt;
    this.module = module;
    this.#more = more;
  }

  /** Whether a source can be handled now, without loading the module. */
  ready(source: string): boolean {
    return this.module.now !== null || this.prebuilt.has(source);
  }

  /** Loads the module (once). */
  async load(): Promise<void> {
    await this.module.load();
  }

  /**
   * Loads what the sources need: the rest of what the build made (unless `more` is false: for
   * sources the build never saw), then the module if that is not enough.
   */
  async prepare(sources: Iterable<string>, more = true): Promise<void> {
    const list = [...sources];
    if (!list.some((source) => !this.ready(source))) return;
    if (this.#more && more) await this.#more.load().catch(() => {});
    if (list.some((source) => !this.ready(source))) return this.load();
  }
}
