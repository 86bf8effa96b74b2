import lesson from "virtual:lesson";
import {CellCompiler} from "./engine/cell-compiler.js";
import {unpack} from "./engine/prebuilt.js";
import type {ChapterFile} from "./engine/chapter-file.js";
import {Renderer, texKey} from "./stdlib/renderer.js";

/**
 * The lesson as shipped: every `cells/NN-slug.md` in file-name order, split, compiled and
 * rendered by the build (see the prebuilt-lesson plugin in vite.config.ts).
 */
export function shippedLesson(): {chapters: ChapterFile[]; compiler: CellCompiler; renderer: Renderer} {
  const {chapters, compiled, prose, tex} = unpack(lesson);
  return {
    chapters,
    compiler: new CellCompiler({prebuilt: compiled}),
    renderer: new Renderer({prose, tex: new Map(tex.map((t) => [texKey(t.source, t.display), t.html]))})
  };
}
