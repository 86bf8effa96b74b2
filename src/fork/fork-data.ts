import type {Block} from "../engine/chapter-file.js";
import {validate as validateSaved} from "../ui/storage.js";
import type {LessonFile} from "../stdlib/file-attachment.js";

/** A chapter inside a standalone page: its blocks exactly, not re-parsed from Markdown. */
export interface ForkChapter {
  slug: string;
  blocks: Block[];
}

/** What a standalone page carries besides its code: the lesson as it was when exported. */
export interface ForkData {
  version: 1;
  /** The chapters, in order; they are the fork's lesson "as shipped". */
  chapters: ForkChapter[];
  /** Input values at export, by chapter and name. */
  inputs: Record<string, Record<string, unknown>>;
  /** A unique id, so each fork keeps its own saved changes. */
  id: string;
  /** Where each ancestor was forked from and when, the newest first. */
  lineage: {from: string; at: string}[];
  /** The files cells read with FileAttachment (cells/data/ of the lesson it was forked from). */
  files?: LessonFile[];
}

/** Checks the shape of fork data read from a page or a file; says what is wrong. */
export function validateForkData(value: unknown): ForkData {
  const v = value as ForkData;
  if (typeof v !== "object" || v === null || v.version !== 1) throw new Error("not a playground page (no lesson data of version 1)");
  if (!Array.isArray(v.chapters) || !v.chapters.length) throw new Error("the page holds no chapters");
  if (!Array.isArray(v.lineage) || typeof v.id !== "string") throw new Error("the page's lesson data has no id or lineage");
  // The chapters and inputs have the same shape as saved changes; reuse that check.
  validateSaved({version: 1, chapters: Object.fromEntries(v.chapters.map((c) => [c.slug, c.blocks])), inputs: v.inputs, tab: "", revision: 0});
  for (const c of v.chapters) if (typeof c.slug !== "string" || !/^[\w-]+$/.test(c.slug)) throw new Error(`bad chapter slug ${JSON.stringify(c.slug)}`);
  if (v.files !== undefined && !Array.isArray(v.files)) throw new Error("the page's files are not a list");
  for (const f of v.files ?? []) {
    const ok = typeof f?.name === "string" && typeof f.type === "string" && (typeof f.text === "string" || typeof f.base64 === "string");
    if (!ok) throw new Error(`the page's file ${JSON.stringify(f?.name ?? f)} has no name, type or contents`);
  }
  return v;
}
