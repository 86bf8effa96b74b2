import lesson from "virtual:lesson";
import {CellCompiler} from "./engine/cell-compiler.js";
import {unpack} from "./engine/prebuilt.js";
import type {ChapterFile} from "./engine/chapter-file.js";
import {Renderer, texKey} from "./stdlib/renderer.js";
import type {LessonFile} from "./stdlib/file-attachment.js";

/**
 * The lesson as shipped: every `cells/NN-slug.md` (or `.qmd`) in file-name order, split, compiled
 * and rendered by the build, and the files of `cells/data/` (see the prebuilt-lesson plugin in vite.config.ts).
 */
export function shippedLesson(): {chapters: ChapterFile[]; files: LessonFile[]; compiler: CellCompiler; renderer: Renderer} {
  const {chapters, compiled, prose, tex, files} = unpack(lesson);
  return {
    chapters,
    files,
    compiler: new CellCompiler({prebuilt: compiled}),
    renderer: new Renderer({prose, tex: new Map(tex.map((t) => [texKey(t.source, t.display), t.html]))})
  };
}
