import {Lesson, type LessonHost} from "../../src/engine/lesson.js";
import {parseChapterFile} from "../../src/engine/chapter-markdown.js";
import {CellCompiler} from "../../src/engine/cell-compiler.js";
import {compile} from "../../src/engine/compile.js";
import {peekDefines, peekName} from "../../src/engine/parse-cell.js";
import {Generators} from "../../src/stdlib/generators.js";
import {Mutable} from "../../src/stdlib/mutable.js";

/**
 * A lesson with no page: observers that do nothing, and the builtins the engine itself needs.
 * Its parser is loaded from the start, unless a compiler is given.
 */
export function headless(
  chapters: Record<string, string>,
  builtins: Record<string, unknown> = {},
  compiler = new CellCompiler({parser: {compile, peekName, peekDefines}}),
  standIns?: LessonHost["standIns"]
): Lesson {
  const host: LessonHost = {
    observeCell: () => ({}),
    observeInline: () => ({}),
    builtins: {Generators: () => Generators, Mutable: () => Mutable, ...builtins},
    compiler,
    standIns
  };
  return new Lesson(Object.entries(chapters).map(([slug, text]) => parseChapterFile(slug, text)), host);
}

/** A chapter of one ```ojs block per source. */
export function chapter(...cells: string[]): string {
  return cells.map((c) => "```ojs\n" + c + "\n```").join("\n\n");
}

/** The value of a name once the lesson has settled, or the error it failed with. */
export async function valueof(lesson: Lesson, slug: string, name: string): Promise<unknown> {
  await lesson.settled();
  return lesson.value(slug, name).catch((error: Error) => ({error: error.message}));
}
