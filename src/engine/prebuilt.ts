import type {CellBlock, ChapterFile, ProseBlock} from "./chapter-file.js";
import type {CompiledCell} from "./compile.js";
import type {RenderedProse} from "../stdlib/markdown.js";
import type {LessonFile} from "../stdlib/file-attachment.js";

/**
 * A lesson as the build prepares it (see prebuild.ts): plain data, so the page can show the
 * lesson as shipped without the parser, markdown-it or temml.
 */
export interface PrebuiltLesson {
  /** The chapters in order; each block carries what the build made of it. */
  chapters: {slug: string; blocks: PrebuiltBlock[]}[];
  /** The TeX of tex`…` and tex.block`…` templates with nothing interpolated, found in cells. */
  tex: PrebuiltTeX[];
  /** The files of cells/data/, which cells read with FileAttachment. */
  files?: LessonFile[];
}

/** A cell and its compiled form (none if it does not compile), or prose, rendered, with its holes compiled. */
export type PrebuiltBlock = (CellBlock & {compiled?: CompiledCell}) | (ProseBlock & {rendered: RenderedProse; holes: (CompiledCell | null)[]});

/** TeX rendered to MathML. */
export interface PrebuiltTeX {
  source: string;
  /** Display math (tex.block) rather than inline. */
  display: boolean;
  html: string;
}

/** A prebuilt lesson as the page uses it: the chapter files, and what was made of them by source. */
export interface UnpackedLesson {
  chapters: ChapterFile[];
  /** Compiled cells and prose holes, by source. */
  compiled: Map<string, CompiledCell>;
  /** Rendered prose, by source. */
  prose: Map<string, RenderedProse>;
  tex: PrebuiltTeX[];
  files: LessonFile[];
}

export function unpack(lesson: PrebuiltLesson): UnpackedLesson {
  const compiled = new Map<string, CompiledCell>();
  const prose = new Map<string, RenderedProse>();
  const chapters = lesson.chapters.map(({slug, blocks}) => ({
    slug,
    blocks: blocks.map((b) => {
      if (b.kind === "cell") {
        if (b.compiled) compiled.set(b.source, b.compiled);
        return {kind: b.kind, source: b.source, options: b.options};
      }
      prose.set(b.source, b.rendered);
      b.rendered.expressions.forEach((expression, i) => b.holes[i] && compiled.set(expression, b.holes[i]));
      return {kind: b.kind, source: b.source};
    })
  }));
  return {chapters, compiled, prose, tex: lesson.tex, files: lesson.files ?? []};
}
