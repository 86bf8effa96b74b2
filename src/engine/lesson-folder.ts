import {readFileSync, readdirSync, existsSync} from "node:fs";
import {join} from "node:path";
import {slugOf, type ChapterFile} from "./chapter-file.js";
import {parseChapterFile} from "./chapter-markdown.js";
import {parseQuarto} from "./quarto.js";
import {attachmentTypes, typeOf, type LessonFile} from "../stdlib/file-attachment.js";

/** A folder of chapter files as the build and `npm run fork` read it. */
export interface LessonFolder {
  /** Its chapters, in file-name order: `NN-slug.md`, and Quarto documents `NN-slug.qmd`. */
  chapters: ChapterFile[];
  /** The files in its `data/` folder, which cells read with FileAttachment. */
  files: LessonFile[];
  /** What of its Quarto documents could not be honoured, each naming its file. */
  notes: string[];
}

/** Chapter files the folder holds, by name; the build takes any `.md`, a fork asks for `NN-slug`. */
export function chapterFiles(folder: string, pattern = /\.q?md$/): string[] {
  return readdirSync(folder).filter((f) => pattern.test(f)).sort((a, b) => a.localeCompare(b));
}

/** Reads a lesson's folder: its chapters and its data files (Node only: the build and scripts). */
export function readLessonFolder(folder: string, pattern?: RegExp): LessonFolder {
  const notes: string[] = [];
  const chapters = chapterFiles(folder, pattern).map((f) => {
    const text = readFileSync(join(folder, f), "utf8");
    if (!f.endsWith(".qmd")) return parseChapterFile(slugOf(f), text);
    const quarto = parseQuarto(slugOf(f), text);
    notes.push(...quarto.notes.map((n) => `${f}: ${n}`));
    return quarto.chapter;
  });
  return {chapters, files: readDataFiles(join(folder, "data")), notes};
}

const textTypes = /^(text\/|application\/json|image\/svg)/;

/** The files of a data folder whose kind a lesson may ship (see attachmentTypes). */
export function readDataFiles(folder: string): LessonFile[] {
  if (!existsSync(folder)) return [];
  const known = new RegExp(`\\.(${Object.keys(attachmentTypes).join("|")})$`, "i");
  return readdirSync(folder)
    .filter((name) => known.test(name))
    .sort()
    .map((name) => {
      const type = typeOf(name), bytes = readFileSync(join(folder, name));
      return textTypes.test(type) ? {name, type, text: bytes.toString("utf8")} : {name, type, base64: bytes.toString("base64")};
    });
}
