import lesson from "virtual:lesson";
import {CellCompiler} from "./engine/cell-compiler.js";
import {unpack} from "./engine/prebuilt.js";
import {Lazy} from "./engine/lazy.js";
import type {ChapterFile} from "./engine/chapter-file.js";
import type {CompiledCell} from "./engine/compile.js";
import {Renderer, texKey, type RenderedProse} from "./stdlib/renderer.js";
import type {LessonFile} from "./stdlib/file-attachment.js";

/** The names of the cells past the first screen, by source (the build lists them by place). */
function restNames(): Map<string, string | null> {
  const names = new Map<string, string | null>();
  lesson.rest.forEach((file, i) => file.blocks.forEach((b, j) => b.kind === "cell" && lesson.names[i]?.[j] != null && names.set(b.source, lesson.names[i][j])));
  return names;
}

/**
 * The lesson as shipped: every `cells/NN-slug.md` (or `.qmd`) in file-name order, split, compiled
 * and rendered by the build, and the files of `cells/data/` (see the prebuilt-lesson plugin in
 * vite.config.ts). The first screen's chapters come compiled in the first bundle; the others'
 * compiled cells and rendered prose load once `release` is called (when the first screen has
 * settled), or when one is needed.
 */
export function shippedLesson(): {chapters: ChapterFile[]; files: LessonFile[]; compiler: CellCompiler; renderer: Renderer; release: () => void} {
  const {chapters, compiled, prose, tex, files} = unpack(lesson.first);
  const all = new Map<string, CompiledCell>(compiled), rendered = new Map<string, RenderedProse>(prose);
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const more = new Lazy(async () => {
    const rest = unpack((await released.then(() => import("virtual:lesson/rest"))).default);
    for (const [source, cell] of rest.compiled) all.set(source, cell);
    for (const [source, html] of rest.prose) rendered.set(source, html);
    return true;
  });
  return {
    chapters: [...chapters, ...lesson.rest],
    files,
    compiler: new CellCompiler({prebuilt: all, more, names: restNames()}),
    renderer: new Renderer({prose: rendered, tex: new Map(tex.map((t) => [texKey(t.source, t.display), t.html])), more}),
    release
  };
}
