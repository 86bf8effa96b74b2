import type {Block} from "../engine/chapter-file.js";

/** What the page keeps between visits: the reader's changes, not the whole lesson. */
export interface SavedLesson {
  version: 1;
  /** The blocks of each chapter that differs from the lesson as shipped. */
  chapters: Record<string, Block[]>;
  /** Input values by chapter, then by name (`x` for `viewof x`). */
  inputs: Record<string, Record<string, unknown>>;
  /** The tab that saved it last. */
  tab: string;
  /** Increases with every save, so a tab can tell that another one saved in between. */
  revision: number;
  /** Text typed in editors and not yet run, by chapter, then block index (restored unrun). */
  drafts?: Record<string, Record<string, string>>;
  /** Saved while someone else's code (a link's) still waited for the reader's word. */
  untrusted?: boolean;
}

/** What reading the saved lesson gave. */
export type Loaded =
  | {kind: "empty"}
  | {kind: "ok"; saved: SavedLesson}
  /** Storage could not be read at all (disabled, or blocked). */
  | {kind: "unavailable"; reason: string}
  /** Something is there but it is not a saved lesson; it has been set aside under `backup`. */
  | {kind: "unreadable"; reason: string; backup: string | null};

/** The subset of the Storage interface we use; tests pass faulty ones. */
export type StorageLike = Pick<Storage, "getItem" | "setItem" | "removeItem">;

/** Reads the saved lesson; never throws. */
export function load(storage: () => StorageLike, key: string): Loaded {
  let text: string | null;
  let store: StorageLike;
  try {
    store = storage();
    text = store.getItem(key);
  } catch (error) {
    return {kind: "unavailable", reason: describe(error)};
  }
  if (text === null) return {kind: "empty"};
  try {
    return {kind: "ok", saved: validate(JSON.parse(text))};
  } catch (error) {
    // Keep the unreadable copy out of harm's way before anything overwrites the key, next to
    // (never over) the copies set aside before.
    try {
      const backup = freeKey(store, `${key}.unreadable`);
      store.setItem(backup, text);
      store.removeItem(key);
      return {kind: "unreadable", reason: describe(error), backup};
    } catch {
      return {kind: "unreadable", reason: describe(error), backup: null};
    }
  }
}

/** Moves what is saved under key aside, next to earlier copies; returns where, or null if it could not. */
export function setAside(storage: () => StorageLike, key: string): string | null {
  try {
    const store = storage();
    const text = store.getItem(key);
    if (text === null) return null;
    const backup = freeKey(store, `${key}.unreadable`);
    store.setItem(backup, text);
    store.removeItem(key);
    return backup;
  } catch {
    return null;
  }
}

/** Keeps a version apart from the saved one, next to (never over) others kept before. */
export function keep(storage: () => StorageLike, key: string, saved: SavedLesson): string | null {
  try {
    const store = storage();
    const kept = freeKey(store, `${key}.kept`);
    store.setItem(kept, JSON.stringify(saved));
    return kept;
  } catch {
    return null;
  }
}

/** The versions kept apart for key (see keep), oldest first. */
export function keptVersions(storage: () => StorageLike, key: string): string[] {
  try {
    const store = storage();
    const out: string[] = [];
    for (let n = 1; n < 100; ++n) {
      const k = n === 1 ? `${key}.kept` : `${key}.kept.${n}`;
      if (store.getItem(k) === null) break;
      out.push(k);
    }
    return out;
  } catch {
    return [];
  }
}

/** `base`, or `base.2`, `base.3`… : the first that holds nothing yet. */
function freeKey(store: StorageLike, base: string): string {
  for (let n = 1; ; ++n) {
    const key = n === 1 ? base : `${base}.${n}`;
    if (store.getItem(key) === null) return key;
  }
}

/** A record's own entry for key: never one inherited from Object.prototype ("constructor", "__proto__"). */
export function own<T>(record: Record<string, T> | null | undefined, key: string): T | undefined {
  return record && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Writes the saved lesson; returns null or the reason it failed, in the reader's terms. */
export function save(storage: () => StorageLike, key: string, saved: SavedLesson): string | null {
  try {
    storage().setItem(key, JSON.stringify(saved));
    return null;
  } catch (error) {
    return describe(error);
  }
}

/** The revision another tab last wrote, or null if none can be read. */
export function storedRevision(storage: () => StorageLike, key: string): {revision: number; tab: string} | null {
  try {
    const text = storage().getItem(key);
    if (text === null) return null;
    const {revision, tab} = JSON.parse(text) as SavedLesson;
    return typeof revision === "number" && typeof tab === "string" ? {revision, tab} : null;
  } catch {
    return null;
  }
}

function describe(error: unknown): string {
  if (error instanceof DOMException && (error.name === "QuotaExceededError" || error.code === 22)) return "the browser's storage for this page is full";
  if (error instanceof DOMException && error.name === "SecurityError") return "this browser does not allow the page to store anything";
  if (error instanceof SyntaxError) return "it is not valid JSON";
  return error instanceof Error ? error.message : String(error);
}

/** Checks the shape of what was read, field by field, so a bad copy is caught here, not later. */
export function validate(value: unknown): SavedLesson {
  const fail = (what: string): never => {
    throw new Error(`saved lesson: ${what}`);
  };
  if (!isObject(value)) fail("not an object");
  const v = value as Record<string, unknown>;
  if (v.version !== 1) fail(`unknown version ${JSON.stringify(v.version)}`);
  if (!isObject(v.chapters)) fail("chapters is not an object");
  if (!isObject(v.inputs)) fail("inputs is not an object");
  for (const [slug, blocks] of Object.entries(v.chapters as object)) {
    if (!Array.isArray(blocks)) fail(`chapter ${slug} is not a list of blocks`);
    (blocks as unknown[]).forEach((b, i) => {
      if (!isObject(b)) fail(`${slug}[${i}] is not a block`);
      const block = b as Record<string, unknown>;
      if (block.kind !== "cell" && block.kind !== "prose") fail(`${slug}[${i}] is neither a cell nor prose`);
      if (typeof block.source !== "string") fail(`${slug}[${i}] has no source`);
      if (block.kind === "cell" && !(Array.isArray(block.options) && block.options.every((o) => typeof o === "string"))) fail(`${slug}[${i}] has bad options`);
      if (block.origin !== undefined && !Number.isInteger(block.origin)) fail(`${slug}[${i}] has a bad origin`);
    });
  }
  for (const [slug, inputs] of Object.entries(v.inputs as object)) if (!isObject(inputs)) fail(`inputs of ${slug} is not an object`);
  if (typeof v.tab !== "string" || typeof v.revision !== "number") fail("no tab or revision");
  if (v.drafts !== undefined) {
    if (!isObject(v.drafts)) fail("drafts is not an object");
    for (const [slug, drafts] of Object.entries(v.drafts as object)) {
      if (!isObject(drafts) || !Object.values(drafts).every((t) => typeof t === "string")) fail(`drafts of ${slug} are not texts`);
    }
  }
  if (v.untrusted !== undefined && typeof v.untrusted !== "boolean") fail("untrusted is not true or false");
  return value as SavedLesson;
}

function isObject(value: unknown): value is object {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Whether a value can be saved and restored as it is (plain data, no elements or functions). */
export function isPlainData(value: unknown, depth = 0): boolean {
  if (depth > 6) return false;
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.length <= 100_000 && value.every((v) => isPlainData(v, depth + 1));
  if (isObject(value) && Object.getPrototypeOf(value) === Object.prototype) return Object.values(value).every((v) => isPlainData(v, depth + 1));
  return false;
}

/** A cell by its chapter and its place among the chapter's blocks, as saved. */
export interface CellPlace {
  chapter: string;
  index: number;
}

const runningKey = (key: string) => `${key}:running`;

/**
 * Notes the cells that are running code that might hang the page (set before such a run, so
 * it is there if the page freezes), or clears the note (an empty list); never throws.
 */
export function markRunning(storage: () => StorageLike, key: string, cells: readonly CellPlace[]): void {
  try {
    if (cells.length) storage().setItem(runningKey(key), JSON.stringify(cells));
    else storage().removeItem(runningKey(key));
  } catch {
    // Without storage there is nothing to reopen either.
  }
}

/** The cells noted as running when the last visit ended without clearing the note (it froze or crashed); never throws. */
export function readRunning(storage: () => StorageLike, key: string): CellPlace[] {
  try {
    const value: unknown = JSON.parse(storage().getItem(runningKey(key)) ?? "[]");
    if (!Array.isArray(value)) return [];
    return value.filter((c): c is CellPlace => isObject(c) && typeof (c as CellPlace).chapter === "string" && Number.isInteger((c as CellPlace).index));
  } catch {
    return [];
  }
}
