import MarkdownIt from "markdown-it";
import type {Block, CellBlock, ChapterFile, ProseBlock} from "./chapter-file.js";

// Chapter files read and written as Markdown: apart from chapter-file.ts, so that the page,
// which gets its chapters split by the build, never loads markdown-it for them.

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
