import {validateForkData, type ForkData} from "./fork-data.js";
import type {StorageLike} from "../ui/storage.js";

/** A file the reader opened and trusted: the page shows its lesson, not its own, until they go back. */
export interface Opened {
  /** The file's name, as the reader knows it. */
  name: string;
  data: ForkData;
}

const keyOf = (key: string) => `${key}:opened`;

/** Remembers the file, so a reload comes back to it; says nothing if storage refuses. */
export function rememberOpened(storage: () => StorageLike, key: string, opened: Opened): boolean {
  try {
    storage().setItem(keyOf(key), JSON.stringify(opened));
    return true;
  } catch {
    return false;
  }
}

/** The file last opened and trusted on this page, if any is remembered and still reads. */
export function openedFile(storage: () => StorageLike, key: string): Opened | null {
  try {
    const text = storage().getItem(keyOf(key));
    if (text === null) return null;
    const value = JSON.parse(text) as Opened;
    return {name: typeof value.name === "string" ? value.name : "a file", data: validateForkData(value.data)};
  } catch {
    return null;
  }
}

/** Back to the page's own lesson: the file is forgotten (its saved changes stay under its own key). */
export function forgetOpened(storage: () => StorageLike, key: string): void {
  try {
    storage().removeItem(keyOf(key));
  } catch {
    // Nothing to forget.
  }
}
