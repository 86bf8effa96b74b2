import type {Attachments} from "../stdlib/file-attachment.js";
import type {Notices} from "./notices.js";
import type {ChapterFile} from "../engine/chapter-file.js";

/** What a file the reader opens or drops is taken to be, by its name. */
export type OpenedKind = "page" | "chapter" | "data";

/** An exported page (.html), a chapter (Quarto .qmd, or .md), or a file for FileAttachment. */
export function kindOf(name: string): OpenedKind {
  if (/\.html?$/i.test(name)) return "page";
  if (/\.q?md$/i.test(name)) return "chapter";
  return "data";
}

/** What "Open file…" offers to open. */
export const openable = ".html,text/html,.qmd,.md,.csv,.tsv,.json,.txt";

/**
 * The reader's file stands in for the lesson's file of that name, for every cell that reads it
 * with FileAttachment, until they take it back; a file that cannot be read is said so and
 * changes nothing.
 */
export async function standIn(attachments: Attachments, notices: Notices, file: File): Promise<void> {
  try {
    // Read it now, so that a file that cannot be read is said here and not in every cell.
    const bytes = await file.arrayBuffer();
    attachments.standIn(file.name, new Blob([bytes], {type: file.type}));
  } catch (error) {
    notices.show(`${file.name} could not be read (${(error as Error).message || "the browser gave no reason"}); the lesson's files are unchanged.`, {id: `file:${file.name}`, tone: "error"});
    return;
  }
  const shipped = attachments.has(file.name);
  const what = shipped ? `Your ${file.name} stands in for the lesson's` : `Your ${file.name} is there for cells that read FileAttachment("${file.name}")`;
  notices.show(`${what}, in every chapter.`, {
    id: `file:${file.name}`,
    actions: [{label: shipped ? "Take it back" : "Remove it", action: "take-back", run: () => attachments.takeBack(file.name)}]
  });
}

/** A chapter file opened from the reader's computer, as a chapter added after the lesson's. */
export async function openChapter(file: File, lesson: readonly ChapterFile[]): Promise<{chapters: ChapterFile[]; notes: string[]}> {
  const text = await file.text();
  const taken = new Set(lesson.map((c) => c.slug));
  let slug = file.name.replace(/\.q?md$/i, "").replace(/^\d+-/, "").toLowerCase().replace(/[^\w-]+/g, "-").replace(/^-+|-+$/g, "") || "chapter";
  for (let n = 2, base = slug; taken.has(slug); ++n) slug = `${base}-${n}`;
  const opened = /\.qmd$/i.test(file.name)
    ? (await import("../engine/quarto.js")).parseQuarto(slug, text)
    : {chapter: (await import("../engine/chapter-markdown.js")).parseChapterFile(slug, text), notes: []};
  if (!opened.chapter.blocks.some((b) => b.kind === "cell")) throw new Error("it holds no ```ojs or ```{ojs} cells");
  return {chapters: [...lesson, opened.chapter], notes: opened.notes};
}
