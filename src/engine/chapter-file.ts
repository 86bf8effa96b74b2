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

/** The same chapter with each block marking itself as shipped block number i. */
export function asShipped(chapter: ChapterFile): ChapterFile {
  return {slug: chapter.slug, blocks: chapter.blocks.map((b, origin) => ({...b, origin}))};
}

/** The slug of a chapter file named `NN-slug.md`. */
export function slugOf(path: string): string {
  const file = path.split("/").pop() ?? path;
  return file.replace(/\.q?md$/, "").replace(/^\d+-/, "");
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
