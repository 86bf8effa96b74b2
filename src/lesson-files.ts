import {parseChapterFile, slugOf, type ChapterFile} from "./engine/chapter-file.js";

/** The lesson as shipped: every `cells/NN-slug.md`, as text, in file-name order. */
export const shippedTexts: {slug: string; text: string}[] = Object.entries(
  import.meta.glob<string>("../cells/*.md", {query: "?raw", import: "default", eager: true})
)
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([path, text]) => ({slug: slugOf(path), text}));

export function shippedChapters(): ChapterFile[] {
  return shippedTexts.map(({slug, text}) => parseChapterFile(slug, text));
}
