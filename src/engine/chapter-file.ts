import MarkdownIt from "markdown-it";

/** A run of Markdown prose between cells. */
export interface ProseBlock {
  kind: "prose";
  /** The Markdown text, exactly as written (TeX and `${…}` included). */
  source: string;
  /** Index of the block it started as in the lesson as shipped, if it did. */
  origin?: number;
}

/** One ```ojs fenced cell. */
export interface CellBlock {
  kind: "cell";
  /** The cell's Observable JavaScript. */
  source: string;
  /** Words after `ojs` on the fence line, e.g. "folded" to start with the code hidden. */
  options: string[];
  /** Index of the block it started as in the lesson as shipped, if it did. */
  origin?: number;
}

export type Block = ProseBlock | CellBlock;

/** A chapter as written in `cells/NN-slug.md`. */
export interface ChapterFile {
  /** The chapter's slug: its module name, `data-chapter`, and what imports name. */
  slug: string;
  /** Prose and cells in order. */
  blocks: Block[];
}

const fences = new MarkdownIt();

/** Splits a chapter's Markdown into prose blocks and cells (one per ```ojs fence). */
export function parseChapterFile(slug: string, text: string): ChapterFile {
  const lines = text.split("\n");
  const blocks: Block[] = [];
  let at = 0; // next line not yet placed in a block
  for (const token of fences.parse(text, {})) {
    if (token.type !== "fence" || !token.map) continue;
    const [lang, ...options] = token.info.trim().split(/\s+/);
    if (lang !== "ojs") continue;
    const [start, end] = token.map;
    if (start > at) blocks.push(prose(lines.slice(at, start)));
    blocks.push({kind: "cell", source: token.content.replace(/\n$/, ""), options});
    at = end;
  }
  if (at < lines.length) blocks.push(prose(lines.slice(at)));
  return {slug, blocks: blocks.filter((b) => b.kind === "cell" || b.source.trim() !== "")};
}

function prose(lines: string[]): ProseBlock {
  return {kind: "prose", source: lines.join("\n").replace(/^\s*\n|\n\s*$/g, "")};
}

/** Writes a chapter back as Markdown; parseChapterFile(serialize(c)) gives c again. */
export function serializeChapterFile(chapter: ChapterFile): string {
  return chapter.blocks
    .map((b) => (b.kind === "prose" ? b.source : fence(b)))
    .join("\n\n")
    .concat("\n");
}

function fence({source, options}: CellBlock): string {
  // A fence must be longer than any run of backticks inside the cell that could close it.
  const longest = Math.max(2, ...Array.from(source.matchAll(/^\s*(`+)/gm), (m) => m[1].length));
  const ticks = "`".repeat(longest + 1);
  return `${ticks}${["ojs", ...options].join(" ")}\n${source}\n${ticks}`;
}

/** The same chapter with each block marking itself as shipped block number i. */
export function asShipped(chapter: ChapterFile): ChapterFile {
  return {slug: chapter.slug, blocks: chapter.blocks.map((b, origin) => ({...b, origin}))};
}

/** The slug of a chapter file named `NN-slug.md`. */
export function slugOf(path: string): string {
  const file = path.split("/").pop() ?? path;
  return file.replace(/\.md$/, "").replace(/^\d+-/, "");
}

/** The chapter's title: its first `# heading`, or the slug. */
export function titleOf(chapter: ChapterFile): string {
  for (const b of chapter.blocks) {
    if (b.kind !== "prose") continue;
    const m = /^#\s+(.+)$/m.exec(b.source);
    if (m) return m[1].trim();
  }
  return chapter.slug;
}
