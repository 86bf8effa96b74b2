import {deflateSync, inflateSync, strFromU8, strToU8} from "fflate";
import type {Block} from "../engine/chapter-file.js";

/**
 * The reader's changes against the lesson as shipped, small enough for a URL: per changed
 * chapter its blocks, where a shipped block unchanged is just its index, and inputs that moved.
 */
export interface SharedChanges {
  /** Changed chapters: each block is a shipped block's index, or [origin, kind, source, options]. */
  chapters: Record<string, (number | [number | null, "cell" | "prose", string, string[]])[]>;
  /** Changed input values, by chapter and name. */
  inputs: Record<string, Record<string, unknown>>;
}

/** Describes changed chapters compactly against the shipped blocks. */
export function describeChanges(chapters: Record<string, Block[]>, shipped: Record<string, Block[]>): SharedChanges["chapters"] {
  const out: SharedChanges["chapters"] = {};
  for (const [slug, blocks] of Object.entries(chapters)) {
    out[slug] = blocks.map((b) => {
      const s = b.origin === undefined ? undefined : shipped[slug]?.[b.origin];
      const same = s && s.kind === b.kind && s.source === b.source && (b.kind !== "cell" || String(b.options) === String((s as typeof b).options));
      return same ? b.origin! : [b.origin ?? null, b.kind, b.source, b.kind === "cell" ? b.options : []];
    });
  }
  return out;
}

/** The blocks a shared chapter describes; throws on a reference to a block that isn't shipped. */
export function applyChanges(changes: SharedChanges["chapters"], shipped: Record<string, Block[]>): Record<string, Block[]> {
  const out: Record<string, Block[]> = {};
  for (const [slug, blocks] of Object.entries(changes)) {
    if (!shipped[slug]) throw new Error(`the link changes a chapter this lesson does not have: "${slug}"`);
    out[slug] = blocks.map((b) => {
      if (typeof b === "number") {
        const s = shipped[slug][b];
        if (!s) throw new Error(`the link refers to block ${b} of "${slug}", which does not exist`);
        return {...s, origin: b};
      }
      const [origin, kind, source, options] = b;
      if ((kind !== "cell" && kind !== "prose") || typeof source !== "string") throw new Error(`the link has a malformed block in "${slug}"`);
      const o = origin === null ? {} : {origin};
      return kind === "cell" ? {kind, source, options: Array.isArray(options) ? options.map(String) : [], ...o} : {kind, source, ...o};
    });
  }
  return out;
}

/** Compresses changes into text for a URL fragment (deflate, then base64url). */
export function encodeShare(changes: SharedChanges): string {
  const bytes = deflateSync(strToU8(JSON.stringify({v: 1, c: changes.chapters, i: changes.inputs})), {level: 9});
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Reads changes back from a fragment; throws with a plain message if it is damaged. */
export function decodeShare(text: string): SharedChanges {
  let json: {v?: unknown; c?: unknown; i?: unknown};
  try {
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    json = JSON.parse(strFromU8(inflateSync(Uint8Array.from(binary, (c) => c.charCodeAt(0)))));
  } catch {
    throw new Error("the link is damaged (it could not be decoded); was it cut short when copied?");
  }
  if (json.v !== 1 || typeof json.c !== "object" || json.c === null || typeof json.i !== "object" || json.i === null) {
    throw new Error("the link is not a playground link of a version this page reads");
  }
  return {chapters: json.c as SharedChanges["chapters"], inputs: json.i as SharedChanges["inputs"]};
}
