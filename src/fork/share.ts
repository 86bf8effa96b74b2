import {deflateSync, Inflate, strFromU8, strToU8} from "fflate";
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

/** The most a link may hold once inflated: far more than any lesson's edits and data, far less than a bomb. */
export const MAX_LINK_BYTES = 4_000_000;
/** The most a link's fragment may be, before anything is decoded. */
export const MAX_FRAGMENT_CHARS = 2_000_000;

/** Describes changed chapters compactly against the shipped blocks. */
export function describeChanges(chapters: Record<string, Block[]>, shipped: Record<string, Block[]>): SharedChanges["chapters"] {
  const out: SharedChanges["chapters"] = {};
  for (const [slug, blocks] of Object.entries(chapters)) {
    out[slug] = blocks.map((b) => {
      const s = b.origin === undefined || !Object.hasOwn(shipped, slug) ? undefined : shipped[slug][b.origin];
      const same = s && s.kind === b.kind && s.source === b.source && (b.kind !== "cell" || String(b.options) === String((s as typeof b).options));
      return same ? b.origin! : [b.origin ?? null, b.kind, b.source, b.kind === "cell" ? b.options : []];
    });
  }
  return out;
}

/**
 * The blocks a shared chapter describes, checked one by one against the lesson: throws, in the
 * reader's terms, on a chapter the lesson lacks, a block that is not shipped, or a malformed one.
 * Chapter names are looked up as own keys only, so "constructor" or "__proto__" is just a name.
 */
export function applyChanges(changes: SharedChanges["chapters"], shipped: Record<string, Block[]>): Record<string, Block[]> {
  const out: Record<string, Block[]> = Object.create(null);
  if (typeof changes !== "object" || changes === null || Array.isArray(changes)) throw new Error("the link's changes are not a list of chapters");
  for (const [slug, blocks] of Object.entries(changes)) {
    if (!Object.hasOwn(shipped, slug)) throw new Error(`the link changes a chapter this lesson does not have: "${slug.slice(0, 40)}"`);
    if (!Array.isArray(blocks)) throw new Error(`the link's chapter "${slug}" is not a list of blocks`);
    const base = shipped[slug];
    const origin = (o: unknown): number | null => {
      if (o === null) return null;
      if (typeof o !== "number" || !Number.isInteger(o) || o < 0 || o >= base.length) throw new Error(`the link refers to block ${JSON.stringify(o)?.slice(0, 20)} of "${slug}", which does not exist`);
      return o;
    };
    out[slug] = blocks.map((b: unknown) => {
      if (typeof b === "number") {
        const i = origin(b)!;
        return {...base[i], origin: i};
      }
      if (!Array.isArray(b)) throw new Error(`the link has a malformed block in "${slug}"`);
      const [o, kind, source, options] = b as unknown[];
      if ((kind !== "cell" && kind !== "prose") || typeof source !== "string") throw new Error(`the link has a malformed block in "${slug}"`);
      const at = origin(o);
      const from = at === null ? {} : {origin: at};
      if (kind === "prose") return {kind, source, ...from};
      if (options !== undefined && !(Array.isArray(options) && options.every((x) => typeof x === "string"))) throw new Error(`the link has a cell with malformed options in "${slug}"`);
      return {kind, source, options: (options as string[] | undefined) ?? [], ...from};
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

/** Inflates, a little at a time, and stops as soon as the output passes the cap. */
function inflateCapped(bytes: Uint8Array, cap: number): Uint8Array {
  const parts: Uint8Array[] = [];
  let size = 0, ended = false;
  const inflate = new Inflate((chunk, final) => {
    size += chunk.length;
    if (size > cap) throw new TooBig();
    parts.push(chunk);
    if (final) ended = true;
  });
  // Deflate expands at most ~1000×, so a 1 kB slice never makes more than about a megabyte at once.
  for (let at = 0; at < bytes.length; at += 1024) inflate.push(bytes.subarray(at, at + 1024), at + 1024 >= bytes.length);
  if (!ended) throw new Error("truncated");
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) out.set(p, at), (at += p.length);
  return out;
}

class TooBig extends Error {}

/** Reads changes back from a fragment; throws with a plain message if it is damaged or too big. */
export function decodeShare(text: string): SharedChanges {
  const tooBig = `the link holds more than ${MAX_LINK_BYTES / 1e6} MB of changes, more than a page can safely open`;
  if (text.length > MAX_FRAGMENT_CHARS) throw new Error(tooBig);
  let json: {v?: unknown; c?: unknown; i?: unknown};
  try {
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    json = JSON.parse(strFromU8(inflateCapped(Uint8Array.from(binary, (c) => c.charCodeAt(0)), MAX_LINK_BYTES)));
  } catch (error) {
    if (error instanceof TooBig) throw new Error(tooBig);
    throw new Error("the link is damaged (it could not be decoded); was it cut short when copied?");
  }
  if (typeof json !== "object" || json === null || json.v !== 1 || !isRecord(json.c) || !isRecord(json.i)) {
    throw new Error("the link is not a playground link of a version this page reads");
  }
  return {chapters: json.c as SharedChanges["chapters"], inputs: json.i as SharedChanges["inputs"]};
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
