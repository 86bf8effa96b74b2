import type {Lesson, LessonCell, LessonProse} from "../engine/lesson.js";

/** Text typed but not yet run (or applied), by chapter, then by the block's index in it. */
export type SavedDrafts = Record<string, Record<string, string>>;

/**
 * What the reader has typed in editors and not run yet. It is saved with their changes and
 * comes back, after a reload, in the same editors, as text still to run: nothing of it runs.
 */
export class Drafts {
  readonly #cells = new Map<LessonCell, string>();
  readonly #prose = new Map<LessonProse, string>();

  /** A cell's editor holds this text; the same as its source means no draft. */
  cell(cell: LessonCell, text: string): void {
    if (text === cell.source) this.#cells.delete(cell);
    else this.#cells.set(cell, text);
  }

  /** A passage's editor holds this text (null once it is applied or closed). */
  prose(prose: LessonProse, text: string | null): void {
    if (text === null || text === prose.source) this.#prose.delete(prose);
    else this.#prose.set(prose, text);
  }

  /** The drafts still standing, keyed as saved. */
  collect(lesson: Lesson): SavedDrafts {
    const out: SavedDrafts = {};
    for (const chapter of lesson.chapters) {
      chapter.blocks.forEach((block, i) => {
        const text = block.kind === "cell" ? this.#cells.get(block) : this.#prose.get(block);
        if (text !== undefined && text !== block.source) (out[chapter.slug] ??= {})[i] = text;
      });
    }
    return out;
  }

  /** Puts saved drafts back in their blocks' editors, unrun; skips blocks that are gone. */
  restore(lesson: Lesson, saved: unknown, show: {cell(cell: LessonCell, text: string): void; prose(prose: LessonProse, text: string): void}): void {
    if (typeof saved !== "object" || saved === null) return;
    for (const [slug, drafts] of Object.entries(saved)) {
      const chapter = lesson.chapters.find((c) => c.slug === slug);
      if (!chapter || typeof drafts !== "object" || drafts === null) continue;
      for (const [index, text] of Object.entries(drafts as Record<string, unknown>)) {
        const block = chapter.blocks[Number(index)];
        if (!block || typeof text !== "string" || text === block.source) continue;
        if (block.kind === "cell") this.#cells.set(block, text), show.cell(block, text);
        else this.#prose.set(block, text), show.prose(block, text);
      }
    }
  }
}
