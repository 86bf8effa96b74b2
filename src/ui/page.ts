import {Lesson, type LessonBlock, type LessonCell, type LessonChapter, type LessonProse} from "../engine/lesson.js";
import {titleOf, type Block, type ChapterFile} from "../engine/chapter-file.js";
import {builtins, CORES, coreOrWhole} from "../stdlib/builtins.js";
import type {Attachments} from "../stdlib/file-attachment.js";
import {Renderer} from "../stdlib/renderer.js";
import type {CellCompiler} from "../engine/cell-compiler.js";
import {CellView, type CellActions} from "./cell-view.js";
import {ProseView, inlineObserver, proseElement} from "./prose-view.js";
import {showWaiting} from "./display.js";
import type {Drafts} from "./drafts.js";
import {Notices} from "./notices.js";
import {dependencies} from "./dependencies.js";
import {dataflow} from "./dataflow.js";
import type {CellPlace} from "./storage.js";
import {watchAccessibility} from "./accessible.js";

/** What the page starts from. */
export interface PageOptions {
  /** The lesson as shipped, each block marked with its origin (see asShipped). */
  shipped: readonly ChapterFile[];
  /** The lesson to show: shipped, or with the reader's saved changes. */
  current: readonly ChapterFile[];
  /** Where the chapters go. */
  root: HTMLElement;
  /** Where notices go. */
  notices: Notices;
  /** Called after anything the reader changed: code, prose, order, or an input. */
  changed?: () => void;
  /** Called when a cell has new code to run, before it runs (which waits for the next frame). */
  ran?: (cell: LessonCell) => void;
  /** Cells that were running when the page froze last time: they wait until the reader runs them. */
  held?: readonly CellPlace[];
  /** Compiles cells (see Lesson). */
  compiler?: CellCompiler;
  /** Renders prose, `md` and `tex`. */
  renderer?: Renderer;
  /** Called (soon) after a chapter has been built: its cells are computing. */
  built?: (slug: string) => void;
  /** The files cells read with FileAttachment. */
  attachments?: Attachments;
  /** Keeps what is typed in editors and not yet run (see drafts.ts). */
  drafts?: Drafts;
}

/** The lesson on the page: chapters as sections, each cell a view with its editor and tools. */
export class Page {
  readonly lesson: Lesson;
  readonly root: HTMLElement;
  readonly notices: Notices;
  readonly views = new Map<number, CellView>();
  readonly #prose = new Map<number, ProseView>();
  readonly #shipped: Map<string, ChapterFile>;
  readonly #sections = new Map<string, HTMLElement>();
  readonly #changed: () => void;
  readonly #ran: (cell: LessonCell) => void;
  readonly #actions: CellActions;
  readonly #renderer: Renderer;
  /** Chapters near the screen: built, with live editors. The others sleep. */
  readonly #near = new Set<string>();
  /** Waits for the browser to be idle; editors are made then (see hydrateEditors). */
  #idle: Idle | null = null;
  #watcher: IntersectionObserver | null = null;
  readonly #labels = new Map<string, () => void>();
  #viewMode: "reader" | "code" = "reader";
  readonly #drafts: Drafts | undefined;

  constructor(options: PageOptions) {
    const {root, notices} = options;
    this.root = root;
    this.notices = notices;
    this.#changed = options.changed ?? (() => {});
    this.#ran = options.ran ?? (() => {});
    this.#drafts = options.drafts;
    this.#shipped = new Map(options.shipped.map((f) => [f.slug, f]));
    const renderer = (this.#renderer = options.renderer ?? new Renderer({document: root.ownerDocument}));
    this.#actions = {
      run: (cell, source) => this.run(cell, source),
      insert: (cell, where) => void this.insert(cell, where),
      move: (cell, by) => this.move(cell, by),
      duplicate: (cell) => void this.duplicate(cell),
      remove: (cell) => this.remove(cell),
      reset: (cell) => void this.resetCell(cell),
      draft: (cell, source) => (options.drafts?.cell(cell, source), this.#changed())
    };
    // Where the browser can tell what is near the screen, chapters are built as they come near.
    const lazy = typeof IntersectionObserver === "function";
    this.lesson = new Lesson(options.current, {
      lazy,
      builtins: builtins({column: root, renderer, attachments: options.attachments, wait: (work) => this.lesson.waitFor(work)}),
      compiler: options.compiler,
      // A cell that reads only the core of draw or widgets does not wait for the rest to load.
      standIns: {names: new Set(Object.keys(CORES)), pick: coreOrWhole},
      compiled: (cell) => this.#relabel(cell.chapter),
      built: (slug) => {
        // A chapter's cells go on the page as it is built (see #layout).
        if (this.lesson) this.#layout(slug);
        queueMicrotask(() => options.built?.(slug));
      },
      stalled: (reasons) => {
        for (const [cell, reason] of reasons) {
          const view = this.views.get(cell.id);
          if (view) showWaiting(view.output, reason);
        }
      },
      observeCell: (cell) => {
        const {observer} = this.#view(cell);
        return {
          fulfilled: observer.fulfilled,
          rejected: (error, name) => {
            observer.rejected?.(error, name);
            if (error instanceof HeldError && this.lesson.held(cell)) this.#offerRun(cell);
          },
          pending: () => (observer.pending?.(), this.#pulse(cell)),
          get _node() {
            return observer._node;
          }
        };
      },
      observeInline: (prose, i) => {
        const slot = this.#prose.get(prose.id)!.rendered.querySelector<HTMLElement>(`[data-inline="${i}"]`);
        return inlineObserver(slot, root.ownerDocument);
      }
    });
    const titles = new Map(options.current.map((f) => [f.slug, titleOf(f)]));
    this.lesson.chapters.forEach((c, i) => {
      const section = this.#section(c, i, titles.get(c.slug)!);
      this.#sections.set(c.slug, section);
      root.append(section);
      this.#layout(c.slug);
    });
    root.addEventListener("input", () => this.#changed());
    this.#watchDependencies();
    for (const {chapter, index} of options.held ?? []) {
      const block = this.lesson.chapter(chapter)?.blocks[index];
      if (block?.kind === "cell") this.lesson.hold(block, new HeldError());
    }
    watchAccessibility(root);
    if (lazy) this.#watchNearness();
  }

  /** Names every cell again (once the rest of the lesson's compiled cells have arrived, say). */
  relabel(): void {
    for (const chapter of this.lesson.chapters) {
      this.lesson.relabel(chapter.slug);
      this.#relabel(chapter.slug);
    }
  }

  /** Whether a chapter is near the screen (its editors are live, its cells built). */
  near(slug: string): boolean {
    return this.#near.has(slug);
  }

  /**
   * Builds chapters as they come within a screen of the viewport, and wakes their editors;
   * chapters that go far away put their editors to sleep (each one costs work on every frame).
   * The first chapter on the screen is built at once, before the first frame, and alone: the
   * rest of the screen's and the ones a screen away wait until it has settled and been painted,
   * so the first chart never waits for charts no one sees yet.
   */
  #watchNearness(): void {
    const view = this.root.ownerDocument.defaultView!;
    const height = view.innerHeight || 900;
    const near = (slug: string) => {
      if (this.#near.has(slug)) return;
      this.#near.add(slug);
      this.lesson.build(slug);
      void this.#wake(slug);
    };
    // Before anything is drawn every chapter is short, and more of them seem to share the first
    // screen than will once their figures are there: the first chapter on it is built now, and
    // the rest of the screen's (and the next screen's) once that one has settled, as they are seen.
    for (const [slug, section] of this.#sections) {
      const {top, bottom} = section.getBoundingClientRect();
      if (bottom > 0 && top < height) {
        near(slug);
        break;
      }
    }
    const frame = () => new Promise((resolve) => view.requestAnimationFrame(resolve));
    const watch = () => {
      if (this.#watcher) for (const section of this.#sections.values()) this.#watcher.observe(section);
    };
    void this.lesson.settled(frame, {all: false, loading: false}).then(frame).then(watch, watch);
    this.#watcher = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const slug = (entry.target as HTMLElement).dataset.chapter!;
          if (entry.isIntersecting) near(slug);
          else if (this.#near.delete(slug)) this.#sleep(slug);
        }
      },
      {rootMargin: "100% 0px 100% 0px"}
    );
  }

  /** Turns a chapter's code listings into live editors, a few at a time while the page is idle. */
  async #wake(slug: string): Promise<void> {
    if (!this.#idle) return;
    const views = this.lesson.cells(slug).map((c) => this.views.get(c.id)).filter((v): v is CellView => !!v && !v.editor);
    await hydrateWhileIdle(views, this.#idle, () => this.#near.has(slug));
  }

  /** Puts the editors of a chapter far from the screen to sleep (but not one being typed in). */
  #sleep(slug: string): void {
    for (const c of this.lesson.cells(slug)) this.views.get(c.id)?.sleep();
  }

  /** Shows every chapter in the reader's view (prose, figures, the cells marked `lesson`) or the code view (every cell's code). */
  setView(view: "reader" | "code"): void {
    this.#viewMode = view;
    for (const [slug, section] of this.#sections) {
      section.dataset.view = view;
      this.#labels.get(slug)?.();
      if (view === "code") this.#reveal(slug);
    }
  }

  /** Draws the exact values of a chapter's cells, not drawn while its reader's view hid them. */
  #reveal(slug: string): void {
    for (const c of this.lesson.cells(slug)) this.views.get(c.id)?.reveal();
  }

  /** Which view the page as a whole is in. */
  get viewMode(): "reader" | "code" {
    return this.#viewMode;
  }

  /** Runs new source in a cell, as the editor's Run does. */
  run(cell: LessonCell, source: string): void {
    this.lesson.edit(cell, source);
    this.#relabel(cell.chapter);
    this.#changed();
    this.#ran(cell);
  }

  /** The cells held since the last visit froze (see PageOptions.held). */
  get held(): LessonCell[] {
    return this.lesson.chapters.flatMap((c) => this.lesson.cells(c.slug).filter((cell) => this.lesson.held(cell)));
  }

  /** A held cell offers to run its code as it is. */
  #offerRun(cell: LessonCell): void {
    const output = this.view(cell).output;
    const button = output.ownerDocument.createElement("button");
    button.type = "button";
    button.className = "run-held";
    button.dataset.action = "run-held";
    button.textContent = "Run it";
    button.title = "Run this cell's code as it is";
    button.addEventListener("click", () => this.run(cell, cell.source));
    output.append(button);
  }

  view(cell: LessonCell): CellView {
    return this.#view(cell);
  }

  /** Adds an empty cell next to another and puts the cursor in it. */
  async insert(cell: LessonCell, where: "above" | "below", source = ""): Promise<LessonCell> {
    const blocks = this.lesson.chapter(cell.chapter)!.blocks;
    const index = blocks.indexOf(cell as LessonBlock) + (where === "below" ? 1 : 0);
    // A cell the reader adds is theirs to read and change: its code shows in the reader's view too.
    const added = this.lesson.insert(cell.chapter, index, {kind: "cell", source, options: ["lesson"]}) as LessonCell;
    this.#layout(cell.chapter);
    this.#changed();
    await this.view(added).focus();
    return added;
  }

  async duplicate(cell: LessonCell): Promise<LessonCell> {
    return this.insert(cell, "below", this.view(cell).text);
  }

  /** Moves a cell past its neighbouring cell, up or down. */
  move(cell: LessonCell, by: -1 | 1): void {
    const blocks = this.lesson.chapter(cell.chapter)!.blocks;
    const from = blocks.indexOf(cell as LessonBlock);
    const to = from + by;
    if (to < 0 || to >= blocks.length) return;
    this.lesson.move(cell as LessonBlock, to);
    this.#layout(cell.chapter);
    this.#changed();
    this.view(cell).element.querySelector<HTMLElement>(`[data-tool="${by < 0 ? "move-up" : "move-down"}"]`)?.focus();
  }

  /** Deletes a cell, offering to bring it back. */
  remove(cell: LessonCell): void {
    const view = this.view(cell);
    const source = view.text, options = cell.options, origin = cell.origin;
    const index = this.lesson.remove(cell as LessonBlock);
    view.element.remove();
    this.views.delete(cell.id);
    this.#layout(cell.chapter);
    this.#changed();
    const name = cell.label.startsWith("#") ? "a cell" : `cell ${cell.label}`;
    this.notices.show(`Deleted ${name}.`, {
      id: "deleted",
      timeout: 15000,
      actions: [
        {
          label: "Undo",
          action: "undo",
          run: () => {
            const back = this.lesson.insert(cell.chapter, index, {kind: "cell", source, options, ...(origin === null ? {} : {origin})});
            this.#layout(cell.chapter);
            this.#changed();
            void this.view(back as LessonCell).focus();
          }
        }
      ]
    });
  }

  /** Puts a cell back as shipped. */
  async resetCell(cell: LessonCell): Promise<void> {
    const shipped = this.shippedBlock(cell);
    if (!shipped) return;
    this.run(cell, shipped.source);
    await this.view(cell).show(shipped.source);
  }

  /** Puts a chapter back as shipped: its code, its prose, its order and its inputs. */
  resetChapter(slug: string): void {
    this.replaceChapter(slug, this.#shipped.get(slug)!.blocks);
  }

  /** Replaces every block of a chapter (its cells start afresh, inputs at their defaults). */
  replaceChapter(slug: string, blocks: readonly Block[]): void {
    const chapter = this.lesson.chapter(slug)!;
    for (const block of [...chapter.blocks]) {
      this.lesson.remove(block);
      if (block.kind === "cell") this.views.delete(block.id);
      else this.#prose.delete(block.id);
    }
    for (const block of blocks) this.lesson.insert(slug, chapter.blocks.length, block);
    this.#layout(slug);
  }

  /** Stops every cell and empties the page (before another lesson takes its place). */
  dispose(): void {
    this.#watcher?.disconnect();
    this.lesson.runtime.dispose();
    this.root.replaceChildren();
  }

  /** The whole lesson as shipped. */
  resetAll(): void {
    for (const chapter of this.lesson.chapters) this.resetChapter(chapter.slug);
    this.#changed();
  }

  /** Shows a saved draft in a prose block's editor, not applied. */
  async draftProse(prose: LessonProse, text: string): Promise<void> {
    await this.#prose.get(prose.id)?.openDraft(text);
  }

  /** Applies new Markdown to a prose block. */
  editProse(prose: LessonProse, source: string): void {
    prose.source = source;
    this.#renderProse(prose);
    this.#mark(prose.chapter);
    this.#changed();
  }

  /** The shipped block a block started as, if it did and still has the same kind. */
  shippedBlock(block: LessonBlock | LessonCell): Block | undefined {
    if (block.origin === null) return undefined;
    const shipped = this.#shipped.get(block.chapter)?.blocks[block.origin];
    return shipped && shipped.kind === ("kind" in block ? block.kind : "cell") ? shipped : undefined;
  }

  /** Whether a chapter differs from the lesson as shipped in any source or in its order. */
  chapterChanged(slug: string): boolean {
    const now = this.lesson.file(slug).blocks;
    const shipped = this.#shipped.get(slug)!.blocks;
    return now.length !== shipped.length || now.some((b, i) => b.origin !== i || b.source !== shipped[i].source || b.kind !== shipped[i].kind);
  }

  /**
   * Turns static code listings into live editors, a few at a time while the page is idle: those
   * of the chapters near the screen now, and of the others as they come near. Where the browser
   * cannot tell what is near, every one.
   */
  async hydrateEditors(idle: Idle): Promise<void> {
    this.#idle = idle;
    if (this.#watcher) {
      await Promise.all([...this.#near].map((slug) => this.#wake(slug)));
      return;
    }
    await hydrateWhileIdle([...this.views.values()], idle, () => true);
  }

  #view(cell: LessonCell): CellView {
    let view = this.views.get(cell.id);
    if (!view) {
      view = new CellView(cell, this.#actions, this.root.ownerDocument);
      this.views.set(cell.id, view);
    }
    return view;
  }

  #section(chapter: LessonChapter, index: number, title: string): HTMLElement {
    const document = this.root.ownerDocument;
    const section = document.createElement("section");
    section.className = "chapter";
    section.id = chapter.slug;
    section.dataset.chapter = chapter.slug;
    section.setAttribute("aria-label", title);
    const header = document.createElement("div");
    header.className = "chapter-header";
    const number = document.createElement("span");
    number.className = "chapter-number";
    number.textContent = `Chapter ${index + 1}`;
    const reset = document.createElement("button");
    reset.type = "button";
    reset.className = "tool reset-chapter";
    reset.dataset.tool = "reset-chapter";
    reset.textContent = "↺ reset chapter";
    reset.title = "Put this chapter back as shipped";
    reset.addEventListener("click", () => {
      this.resetChapter(chapter.slug);
      this.#changed();
    });
    // Each chapter shows the reader's view or the code view; this flips one chapter alone.
    section.dataset.view = this.#viewMode;
    const code = document.createElement("button");
    code.type = "button";
    code.className = "tool chapter-code";
    code.dataset.tool = "chapter-code";
    const label = () => {
      const on = section.dataset.view === "code";
      code.textContent = on ? "hide the code" : "show the code";
      code.setAttribute("aria-pressed", String(on));
      code.title = on ? "Back to the reader's view of this chapter" : "Show every cell's code in this chapter, to read and edit";
    };
    label();
    code.addEventListener("click", () => {
      section.dataset.view = section.dataset.view === "code" ? "reader" : "code";
      label();
      if (section.dataset.view === "code") this.#reveal(chapter.slug);
    });
    this.#labels.set(chapter.slug, label);
    header.append(number, code, reset);
    const body = document.createElement("div");
    body.className = "chapter-body";
    const flow = document.createElement("details");
    flow.className = "dataflow";
    const summary = document.createElement("summary");
    summary.textContent = "dataflow of this chapter";
    flow.append(summary);
    flow.addEventListener("toggle", () => flow.open && this.#drawDataflow(chapter.slug));
    section.append(header, body, flow);
    return section;
  }

  /**
   * Puts a chapter's blocks on the page in order, creating views for new ones. Until the chapter
   * is built (as it comes near the screen) only its prose is there, to read and to find: each
   * cell's view (its output, code listing and tools) is made then, so a page with every chapter
   * starts with the first screen's cells alone.
   */
  #layout(slug: string): void {
    const section = this.#sections.get(slug)!;
    const body = section.querySelector(".chapter-body")!;
    const chapter = this.lesson.chapter(slug)!;
    const elements = chapter.blocks.flatMap((block) => {
      if (block.kind === "cell") return chapter.built ? [this.#view(block).element] : [];
      if (!this.#prose.has(block.id)) this.#renderProse(block);
      return [this.#prose.get(block.id)!.element];
    });
    elements.forEach((element, i) => {
      if (body.children[i] !== element) body.insertBefore(element, body.children[i] ?? null);
    });
    while (body.children.length > elements.length) body.lastElementChild!.remove();
    this.#relabel(slug);
  }

  #relabel(slug: string): void {
    for (const c of this.lesson.cells(slug)) this.views.get(c.id)?.relabel();
    this.#mark(slug);
    const flow = this.#sections.get(slug)?.querySelector("details.dataflow") as HTMLDetailsElement | null;
    if (flow?.open) this.#drawDataflow(slug);
  }

  /** Marks changed cells and shows the chapter's reset when anything in it changed. */
  #mark(slug: string): void {
    for (const c of this.lesson.cells(slug)) {
      const shipped = this.shippedBlock(c);
      this.views.get(c.id)?.changed(!shipped || shipped.source !== c.source);
    }
    this.#sections.get(slug)?.classList.toggle("changed", this.chapterChanged(slug));
  }

  #renderProse(prose: LessonProse): void {
    let view = this.#prose.get(prose.id);
    if (!view) {
      view = new ProseView(prose, (p, source) => this.editProse(p, source), this.root.ownerDocument, (p, text) => (this.#drafts?.prose(p, text), this.#changed()));
      this.#prose.set(prose.id, view);
    }
    const source = prose.source, shown = view;
    const show = () => {
      const rendered = this.#renderer.prose(source);
      shown.show(proseElement(rendered, this.root.ownerDocument));
      this.lesson.defineInlines(prose, rendered.expressions);
    };
    if (this.#renderer.ready(source)) return show();
    // Prose the build did not render waits for the renderer; what was shown stays until then.
    const rendering = this.#renderer.prepare([source]).then(
      () => prose.source === source && this.#prose.get(prose.id) === shown && show(),
      (error: unknown) => this.notices.show(`This text could not be shown: ${(error as Error).message}.`, {id: "render", tone: "error"})
    );
    this.lesson.waitFor(rendering);
  }

  #drawDataflow(slug: string): void {
    const flow = this.#sections.get(slug)!.querySelector("details.dataflow")!;
    flow.querySelector("svg")?.remove();
    flow.append(dataflow(this.lesson.cells(slug), this.root.ownerDocument));
  }

  /** Hovering or focusing a cell lights up what it reads and what reads it. */
  #watchDependencies(): void {
    let lit: Element[] = [];
    const clear = () => {
      for (const el of lit) el.classList.remove("reads", "read-by", "focus");
      lit = [];
    };
    const light = (target: EventTarget | null) => {
      const element = (target as Element | null)?.closest?.(".cell");
      const section = element?.closest<HTMLElement>("[data-chapter]");
      if (!element || !section) return clear();
      const cells = this.lesson.cells(section.dataset.chapter!);
      const cell = cells.find((c) => this.views.get(c.id)?.element === element);
      if (!cell) return clear();
      clear();
      const deps = dependencies(cells);
      const add = (id: number, className: string) => {
        const el = this.views.get(id)?.element;
        if (el) el.classList.add(className), lit.push(el);
        const node = section.querySelector(`.dataflow [data-cell-id="${id}"]`);
        if (node) node.classList.add(className), lit.push(node);
      };
      add(cell.id, "focus");
      for (const id of deps.reads.get(cell.id) ?? []) add(id, "reads");
      for (const id of deps.readBy.get(cell.id) ?? []) add(id, "read-by");
    };
    this.root.addEventListener("pointerover", (e) => light(e.target));
    this.root.addEventListener("focusin", (e) => light(e.target));
    this.root.addEventListener("pointerleave", clear);
  }

  /** Lights a cell's node in an open dataflow drawing as it recomputes. */
  #pulse(cell: LessonCell): void {
    const node = this.#sections.get(cell.chapter)?.querySelector(`details.dataflow[open] [data-cell-id="${cell.id}"]`);
    if (!node) return;
    node.classList.remove("ran");
    void (node as SVGGElement).getBBox?.();
    node.classList.add("ran");
  }
}

/** Why a held cell has not run: its code was running when the page froze on the last visit. */
export class HeldError extends Error {
  constructor() {
    super("this cell was running when the page stopped responding last time, so it has not run yet. Your code is kept: change it, or run it as it is.");
    this.name = "HeldError";
  }
}

/**
 * Waits until the browser is idle, and says how long it may work (ms) before it has more to do:
 * `requestIdleCallback`'s deadline, or nothing where the browser has no such call.
 */
export type Idle = () => Promise<{timeRemaining(): number} | unknown>;

/**
 * Makes the views' editors, one at a time while the browser is idle, as many in a row as the
 * idle period has room for. An editor costs 4 ms on a fast machine and four times that on a slow
 * one: made in batches of eight, they took 100 ms frames out of training on a slow laptop, and
 * out of the moves of a reader dragging a chart right after it.
 */
async function hydrateWhileIdle(views: CellView[], idle: Idle, wanted: () => boolean): Promise<void> {
  let i = 0;
  while (i < views.length && wanted()) {
    const deadline = (await idle()) as {timeRemaining?: () => number} | undefined;
    if (!deadline?.timeRemaining) {
      // No idle deadline to go by (no requestIdleCallback): one editor per wait.
      if (wanted()) await views[i++].hydrate();
      continue;
    }
    // Only with room left in the idle period, so the next frame never waits for an editor.
    while (i < views.length && wanted() && deadline.timeRemaining() > 6) await views[i++].hydrate();
  }
}
