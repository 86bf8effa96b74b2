import {Lesson, type LessonCell, type LessonChapter, type LessonProse} from "../engine/lesson.js";
import {titleOf, type ChapterFile} from "../engine/chapter-file.js";
import {builtins} from "../stdlib/builtins.js";
import {CellView} from "./cell-view.js";
import {inlineObserver, renderProse} from "./prose-view.js";

/** The lesson on the page: chapters as sections, each cell a view. */
export class Page {
  readonly lesson: Lesson;
  readonly root: HTMLElement;
  readonly views = new Map<number, CellView>();
  readonly #prose = new Map<number, HTMLElement>();

  constructor(files: readonly ChapterFile[], root: HTMLElement) {
    this.root = root;
    const document = root.ownerDocument;
    this.lesson = new Lesson(files, {
      builtins: builtins({column: root}),
      observeCell: (cell) => {
        const view = new CellView(cell, (source) => this.run(cell, source), document);
        this.views.set(cell.id, view);
        return view.observer;
      },
      observeInline: (prose, i) => {
        const slot = this.#prose.get(prose.id)!.querySelector<HTMLElement>(`[data-inline="${i}"]`)!;
        return {...inlineObserver(slot), _node: slot};
      }
    });
    const titles = new Map(files.map((f) => [f.slug, titleOf(f)]));
    root.append(...this.lesson.chapters.map((c, i) => this.#section(c, i, titles.get(c.slug)!)));
  }

  /** Runs new source in a cell, as the editor's Run does. */
  run(cell: LessonCell, source: string): void {
    this.lesson.edit(cell, source);
    for (const c of this.lesson.cells(cell.chapter)) this.views.get(c.id)?.relabel();
  }

  view(cell: LessonCell): CellView {
    return this.views.get(cell.id)!;
  }

  /** Turns every static code listing into a live editor, a few at a time while the page is idle. */
  async hydrateEditors(idle: () => Promise<unknown>): Promise<void> {
    const views = [...this.views.values()];
    for (let i = 0; i < views.length; i += 8) {
      await idle();
      await Promise.all(views.slice(i, i + 8).map((v) => v.hydrate()));
    }
  }

  #section(chapter: LessonChapter, index: number, title: string): HTMLElement {
    const document = this.root.ownerDocument;
    const section = document.createElement("section");
    section.className = "chapter";
    section.id = chapter.slug;
    section.dataset.chapter = chapter.slug;
    section.setAttribute("aria-label", title);
    const number = document.createElement("div");
    number.className = "chapter-number";
    number.textContent = `Chapter ${index + 1}`;
    section.append(number);
    for (const block of chapter.blocks) {
      if (block.kind === "cell") section.append(this.views.get(block.id)!.element);
      else section.append(this.#renderProse(block));
    }
    return section;
  }

  #renderProse(prose: LessonProse): HTMLElement {
    const {element, expressions} = renderProse(prose.source, this.root.ownerDocument);
    this.#prose.set(prose.id, element);
    this.lesson.defineInlines(prose, expressions);
    return element;
  }
}
