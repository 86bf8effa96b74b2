import {asShipped, type Block, type ChapterFile} from "./engine/chapter-file.js";
import {CellCompiler} from "./engine/cell-compiler.js";
import {Renderer} from "./stdlib/renderer.js";
import {Page} from "./ui/page.js";
import {inspectors} from "./ui/display.js";
import type {Lesson, LessonCell} from "./engine/lesson.js";
import {playground, type Playground} from "./playground.js";
import {renderContents} from "./ui/contents.js";
import {Notices, reason, sentence} from "./ui/notices.js";
import {load, markRunning, own, readRunning, setAside, type CellPlace, type SavedLesson, type StorageLike} from "./ui/storage.js";
import {Saver} from "./ui/saver.js";
import {viewSwitch} from "./ui/view-switch.js";
import {resetAll} from "./ui/reset-all.js";
import {applyInputs, changedInputs, readInputs, refusedMessage} from "./ui/inputs.js";
import {openedFile, rememberOpened, type Opened} from "./fork/opened.js";
import {isSafeStart, offerKept, safeNotice, showOpened} from "./ui/start-modes.js";
import {Drafts} from "./ui/drafts.js";
import {alignOrigins} from "./ui/align.js";
import {validateForkData, type ForkData} from "./fork/fork-data.js";
import type {SharedChanges} from "./fork/share.js";
import {Attachments, type LessonFile} from "./stdlib/file-attachment.js";
import {kindOf, openChapter, openable, standIn} from "./ui/open-files.js";

// Sharing, exporting and opening someone else's code load when first used: the first page
// needs none of them (nor their compression and diff libraries).
const sharing = () => import("./fork/share.js");
const forking = () => import("./fork/assemble.js");
const trusting = () => import("./fork/trust-panel.js");
type Share = Awaited<ReturnType<typeof sharing>>;
type Trust = Awaited<ReturnType<typeof trusting>>;

/** Everything that differs between the site and a standalone page. */
export interface AppOptions {
  /** The lesson this page ships with: the baseline for changes, resets and links. */
  chapters: ChapterFile[];
  /** The files that ship with it, which cells read with FileAttachment. */
  files?: LessonFile[];
  /** Input values that come with the lesson (a fork carries those it was exported with). */
  inputs: Record<string, Record<string, unknown>>;
  /** Names the page's saved changes in local storage. */
  key: string;
  /** The page's title. */
  title: string;
  /** Where this lesson was forked from, the newest first (empty for the site). */
  lineage: ForkData["lineage"];
  /** The app's code, packed (see packCode), and its styles, for export. */
  pieces(): Promise<{code: string; css: string}>;
  /** Local storage (tests pass faulty ones). */
  storage?: () => StorageLike;
  /** Compiles cells; the site's knows the lesson's cells compiled by the build. */
  compiler?: CellCompiler;
  /** Renders prose, `md` and `tex`; the site's knows the lesson's prose rendered by the build. */
  renderer?: Renderer;
  /** Called once the first screen has settled and painted: what it did not need may load now. */
  release?: () => void;
  /** The file this lesson came from, when the reader opened one on the page (see opened.ts). */
  opened?: Opened & {siteKey: string};
  /** A notice to show as the page starts (why it starts as it does). */
  notice?: string;
}

/**
 * Starts the playground on this page's #lesson, #contents and #actions elements. It waits only
 * for what the build did not prepare: the parser and renderers, if the page shows code or text
 * other than the lesson as shipped, and the share module, for a share link.
 */
export async function start(options: AppOptions): Promise<Playground> {
  const storage = options.storage ?? (() => window.localStorage);
  const safe = isSafeStart(location);
  // A file the reader opened and trusted comes back after a reload (unless a link or ?safe says otherwise).
  const reopened = !options.opened && !safe && !location.hash.startsWith("#share=") ? openedFile(storage, options.key) : null;
  if (reopened) return start(fileOptions(options, reopened, options.key));
  const compiler = options.compiler ?? new CellCompiler();
  const renderer = options.renderer ?? new Renderer();
  const root = document.querySelector<HTMLElement>("#lesson")!;
  const contents = document.querySelector<HTMLElement>("#contents")!;
  const actions = document.querySelector<HTMLElement>("#actions")!;
  const notices = new Notices();
  document.body.append(notices.element);
  showLineage(options.lineage);
  // Every listener on the document ends with this start, so a lesson opened from a file has one set.
  const listening = new AbortController();

  const shipped = options.chapters.map(asShipped);
  // Keyed by chapter names from outside (files, links): own keys only, never Object.prototype's.
  const shippedBlocks: Record<string, Block[]> = Object.assign(Object.create(null), Object.fromEntries(shipped.map((c) => [c.slug, c.blocks])));

  const link = await openLink(options.key, shippedBlocks, notices);
  const {key, shared, share, trust} = link;
  const saved = safe ? null : loadSaved(storage, key, notices);
  // Saved while the link's panel was open, the reader's own edits come back and the link still asks.
  const proposed = shared && share && (!saved || saved.untrusted) ? share.applyChanges(shared.chapters, shippedBlocks) : null;
  let current: ChapterFile[] = shipped.map((file) => {
    const blocks = own(saved?.chapters, file.slug);
    return blocks ? {slug: file.slug, blocks} : file;
  });

  await prepareSources(compiler, renderer, options.release ? shipped : [], current, proposed !== null);
  // Saved against an older lesson, blocks are pointed again at the shipped blocks they started as.
  if (saved) current = current.map((file, i) => (file === shipped[i] ? file : {slug: file.slug, blocks: alignOrigins(file.blocks, shipped[i].blocks, (s) => compiler.peekName(s))}));
  const blockLabel = labeller(compiler);

  const state = {waiting: false}; // while someone else's code waits for the reader's word, what is saved says so
  let saver: Saver | null = null;
  // Input values wait for their chapter to be built: those that come with the lesson, then the reader's.
  const inputs = new ChapterInputs(options.inputs, saved ? saved.inputs : shared?.inputs ?? {});
  const attachments = new Attachments(options.files ?? []);
  // Code that might hang the page is noted in storage while it runs (saved first), so that if
  // the page freezes, the next visit holds that code instead of running it blindly.
  const held = saved ? readRunning(storage, key) : [];
  const running = new Set<LessonCell>();
  const place = (cell: LessonCell): CellPlace => ({chapter: cell.chapter, index: page.lesson.chapter(cell.chapter)!.blocks.indexOf(cell as never)});
  const noteRunning = () => markRunning(storage, key, [...running, ...page.held].map(place));
  const ran = (cell: LessonCell) => {
    if (state.waiting) return;
    saver?.flush();
    running.add(cell);
    noteRunning();
    void page.lesson.settled(undefined, {all: false}).then(() => running.delete(cell) && noteRunning());
  };
  // Refusals from every chapter built so far, in one notice.
  const refusals: string[] = [];
  const refused = (list: string[], from: string) => {
    refusals.push(...list);
    const message = refusedMessage(refusals, from);
    if (message) notices.show(message, {id: "refused", tone: "error"});
  };
  const inputsFrom = shared && !saved ? "from the link" : "saved before";
  if (inputs.invalid.length) refused(inputs.invalid, inputsFrom);
  const drafts = new Drafts();
  let page: Page;
  try {
    page = new Page({
      shipped,
      current,
      root,
      notices,
      compiler,
      renderer,
      attachments,
      held,
      ran,
      drafts,
      changed: () => !safe && saver?.schedule(),
      built: (slug) => {
        // Saved code runs as its chapter is built: noted until the lesson has settled.
        for (const cell of page.lesson.cells(slug)) if (!page.lesson.held(cell) && page.shippedBlock(cell)?.source !== cell.source) ran(cell);
        const sources = page.lesson.cells(slug).map((c) => c.source);
        page.lesson.waitFor(inputs.restore(page.lesson, slug, compiler.prepare(sources)).then((list) => refused(list, inputsFrom)));
      }
    });
  } catch (error) {
    if (!saved) throw error;
    return restartAsShipped(options, {storage, key, notices, root, listening, error});
  }
  if (held.length) noteRunning();
  addEventListener("pagehide", () => markRunning(storage, key, page.held.map(place)), {signal: listening.signal});
  if (page.held.length) {
    const names = page.held.map((c) => (c.label.startsWith("#") ? `a cell of “${c.chapter}”` : `${c.label} in “${c.chapter}”`)).join(", ");
    notices.show(`The page stopped responding last time while it ran ${names}. Your code is kept, but it waits until you run it from its cell.`, {id: "held", tone: "error"});
  }
  const changedChapters = (): Record<string, Block[]> => {
    const chapters: Record<string, Block[]> = {};
    for (const c of page.lesson.chapters) if (page.chapterChanged(c.slug)) chapters[c.slug] = page.lesson.file(c.slug).blocks;
    return chapters;
  };
  const changedNow = () => inputs.changed(page.lesson);
  saver = new Saver({
    key,
    storage,
    notices,
    revision: saved?.revision ?? 0,
    window,
    reload: () => location.reload(),
    collect: () => ({chapters: changedChapters(), inputs: changedNow(), drafts: drafts.collect(page.lesson), ...(state.waiting ? {untrusted: true} : {})})
  });
  renderContents(contents, current);
  restoreDrafts(page, drafts, saved?.drafts, notices);

  const api = released(playgroundAPI(page, options, attachments, shippedBlocks, changedChapters, changedNow, () => inputs.all(page.lesson)), options.release);
  Object.assign(window, {playground: api});
  // Once the first screen has settled and painted, the rest of the lesson may load.
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const firstScreen = page.lesson.settled(frame, {all: false, loading: false}).then(frame);
  // The browser's next idle period (its deadline), or within `timeout` ms if none comes.
  const idle = (timeout?: number) =>
    new Promise((resolve) => ("requestIdleCallback" in window ? requestIdleCallback(resolve, timeout === undefined ? {} : {timeout}) : setTimeout(resolve, 16)));
  // …once the browser is first idle after that, so its chunk never competes with the first paint.
  // (The inspector, which only the code view shows, loads then too.)
  void firstScreen.then(() => idle(500)).then(() => (options.release?.(), inspectors.load())).catch(() => {});
  // Figures far from the screen skip their rendering from then on (style.css): before, it would
  // hold the first chart back (190 ms at start, 500 ms on a 4× slower CPU).
  void firstScreen.then(() => (document.documentElement.dataset.started = ""));

  if (proposed && trust && shared && trust.pendingChanges(proposed, shippedBlocks, () => "").length) {
    state.waiting = true;
    askToRunLink({trust, proposed, shared, shippedBlocks, blockLabel, root, page, api, saver, storage, key, state, refused});
  }

  const open = (file: File) => openFile(file, {compiler, shippedBlocks, blockLabel, root, page, contents, actions, notices, options, attachments, storage, listening});
  actions.append(viewSwitch(page, storage), ...pageActions(api, page, saver, notices, options.title, open, () => inputs.forget()));
  if (safe) safeNotice(notices, location);
  if (options.opened) showOpened(notices, options.opened, storage);
  if (options.notice) notices.show(options.notice, {id: "start", tone: "error"});
  acceptDroppedFiles(open, listening.signal);

  window.addEventListener("pagehide", () => !safe && saver?.flushOnExit(), {signal: listening.signal});
  if (!safe) offerKept(notices, storage, key, () => location.reload());
  // Editors come once the first screen is on screen: the first chart does not wait for them.
  // No timeout: while the page is busy (training) editors wait, and one the reader clicks is made at once.
  void firstScreen.then(() => page.hydrateEditors(quietly(idle, listening.signal)));
  return api;
}

/**
 * `idle`, waiting too until the reader has not moved anything (a slider, a point, the page) for
 * a moment: an editor made while they scrub measures itself in the next frame, and a scrub's
 * frame on a slow laptop has no room for it (12 ms of a 60 ms frame at 4x).
 */
function quietly<T>(idle: () => Promise<T>, signal: AbortSignal, quietMs = 400): () => Promise<T> {
  let last = -Infinity;
  // A pointer moving with no button down (the reader's hand on the mouse, reading) does not count.
  const moved = (event: Event) => void ((event.type !== "pointermove" || (event as PointerEvent).buttons !== 0) && (last = performance.now()));
  for (const type of ["input", "pointerdown", "pointermove", "keydown", "wheel", "touchmove"]) addEventListener(type, moved, {capture: true, passive: true, signal});
  return async () => {
    for (;;) {
      const since = performance.now() - last;
      if (since >= quietMs) {
        const deadline = await idle();
        if (performance.now() - last >= quietMs) return deadline;
      } else await new Promise((resolve) => setTimeout(resolve, quietMs - since));
    }
  };
}

/** The API, each of whose asynchronous methods first lets the rest of the lesson load. */
function released(api: Playground, release: (() => void) | undefined): Playground {
  if (!release) return api;
  const first = <A extends unknown[], R>(f: (...args: A) => R) => (...args: A): R => (release(), f(...args));
  return {...api, value: first(api.value), set: first(api.set), edit: first(api.edit), idle: first(api.idle), exportHTML: first(api.exportHTML), shareURL: first(api.shareURL)};
}

// ——— Inputs: values saved or shared for chapters not built yet wait for them.

/** Input values by chapter, then by name (`x` for `viewof x`). */
type InputValues = Record<string, Record<string, unknown>>;

/**
 * The lesson's input values: those set on the page, and those still waiting for their chapter
 * to be built. Each chapter's defaults are read when it is built, before any value is put back.
 */
class ChapterInputs {
  // Keyed by chapter names from outside (links, files): no Object.prototype names.
  readonly #pending: InputValues = Object.create(null);
  readonly #defaults: InputValues = Object.create(null);

  /** Chapters whose values were not a list of values, as refusals ("fitting (not a list of values)"). */
  readonly invalid: string[] = [];

  constructor(...layers: unknown[]) {
    for (const layer of layers) {
      if (!layer || typeof layer !== "object") continue;
      for (const [slug, values] of Object.entries(layer)) {
        if (!values || typeof values !== "object" || Array.isArray(values)) this.invalid.push(`${slug} (not a list of values)`);
        else this.#pending[slug] = {...own(this.#pending, slug), ...(values as Record<string, unknown>)};
      }
    }
  }

  /** Once a chapter's inputs have their first values: remembers them, then puts back those waiting. */
  async restore(lesson: Lesson, slug: string, compiled: Promise<unknown>): Promise<string[]> {
    // Cells past the first screen wait for their compiled code: their inputs exist only then.
    await compiled.catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 0));
    const cells = lesson.cells(slug).filter((c) => c.label.startsWith("viewof "));
    await Promise.all(cells.map((c) => lesson.value(slug, c.label).catch(() => {})));
    this.#defaults[slug] = readInputs(lesson)[slug] ?? {};
    const waiting = this.#pending[slug];
    delete this.#pending[slug];
    return waiting ? applyInputs(lesson, {[slug]: waiting}) : [];
  }

  /** Drops the values still waiting (the lesson is back as shipped). */
  forget(): void {
    for (const slug of Object.keys(this.#pending)) delete this.#pending[slug];
  }

  /** Every input value: read from the page, and for chapters not built yet, those waiting. */
  all(lesson: Lesson): InputValues {
    const now = readInputs(lesson);
    for (const [slug, values] of Object.entries(this.#pending)) now[slug] = {...now[slug], ...values};
    return now;
  }

  /** The values that differ from the lesson's defaults. */
  changed(lesson: Lesson): InputValues {
    const now = readInputs(lesson);
    const read = Object.fromEntries(Object.keys(this.#defaults).map((slug) => [slug, now[slug] ?? {}]));
    const changed = changedInputs(read, this.#defaults);
    for (const [slug, values] of Object.entries(this.#pending)) changed[slug] = {...changed[slug], ...values};
    return changed;
  }
}

// ——— Links: a share link proposes changes against the lesson; they run only once the reader agrees.

interface OpenedLink {
  /** The storage key: the page's own, or one of the link's, so its changes are kept apart. */
  key: string;
  shared: SharedChanges | null;
  share: Share | null;
  trust: Trust | null;
}

/** Reads a `#share=` link, if the page was opened from one; a broken link says so and is ignored. */
async function openLink(pageKey: string, shippedBlocks: Record<string, Block[]>, notices: Notices): Promise<OpenedLink> {
  let shared: SharedChanges | null = null;
  let key = pageKey;
  let share: Share | null = null, trust: Trust | null = null;
  const fragment = /^#share=(.+)$/.exec(location.hash)?.[1];
  if (fragment) {
    try {
      [share, trust] = await Promise.all([sharing(), trusting()]);
      shared = share.decodeShare(fragment);
      share.applyChanges(shared.chapters, shippedBlocks);
      key = `${pageKey}:shared:${hash(fragment)}`;
    } catch (error) {
      shared = null;
      notices.show(`This link could not be opened: ${sentence(reason(error, "it is not a link this page can read"))} Showing the lesson as shipped.`, {id: "share", tone: "error"});
    }
  }
  return {key, shared, share, trust};
}

// ——— Storage: what the reader changed before, read once at start.

/** The saved lesson under `key`, or null; storage that fails says so in a notice. */
function loadSaved(storage: () => StorageLike, key: string, notices: Notices): SavedLesson | null {
  const loaded = load(storage, key);
  if (loaded.kind === "unavailable") {
    notices.show(`Changes can't be saved in this browser (${loaded.reason}). Everything works; export the page to keep your changes.`, {id: "storage", tone: "error"});
  } else if (loaded.kind === "unreadable") {
    const kept = loaded.backup ? ` The unreadable copy is kept in local storage as "${loaded.backup}".` : "";
    notices.show(`Saved changes could not be read (${loaded.reason}), so the lesson starts as shipped.${kept}`, {id: "storage", tone: "error"});
  }
  // Changes saved under a link's own key were trusted when they were first run.
  return loaded.kind === "ok" ? loaded.saved : null;
}

// ——— Trust: someone else's code (a link, a file) runs only once the reader agrees.

/**
 * Code and text other than the lesson as shipped (saved changes, a fork's own lesson) wait
 * for the parser and renderers, so nothing shows raw Markdown, or errors, while they load.
 * Should they fail to load, each cell and passage says so. (The lesson as shipped comes
 * prepared by the build, though past the first screen only once that has settled.)
 */
async function prepareSources(compiler: CellCompiler, renderer: Renderer, prebuilt: ChapterFile[], current: ChapterFile[], naming: boolean): Promise<void> {
  const asShipped = new Set(prebuilt.flatMap((c) => c.blocks.map((b) => b.source)));
  const blocks = current.flatMap((c) => c.blocks).filter((b) => !asShipped.has(b.source));
  await Promise.all([
    // (The build never saw these: waiting for the rest of what it made would not help.)
    compiler.prepare(blocks.flatMap((b) => (b.kind === "cell" ? [b.source] : [])), false),
    renderer.prepare(blocks.flatMap((b) => (b.kind === "prose" ? [b.source] : [])), false)
  ]).catch(() => {});
  if (naming) await compiler.load().catch(() => {}); // to name the cells a link changes
}

/** How a trust panel names a block. */
function labeller(compiler: CellCompiler): (b: Block) => string {
  return (b) => {
    if (b.kind === "prose") return `text “${b.source.trim().split("\n")[0].slice(0, 40)}”`;
    const name = compiler.peekName(b.source);
    return name ? `cell ${name}` : "a cell";
  };
}

/** Shows the changes a link proposes, to run or discard. */
function askToRunLink(o: {
  trust: Trust;
  proposed: Record<string, Block[]>;
  shared: SharedChanges;
  shippedBlocks: Record<string, Block[]>;
  blockLabel: (b: Block) => string;
  root: HTMLElement;
  page: Page;
  api: Playground;
  saver: Saver;
  storage: () => StorageLike;
  key: string;
  state: {waiting: boolean};
  refused: (list: string[], from: string) => void;
}): void {
  const {trust, proposed, shared, page, api, saver, storage, key, state} = o;
  const changes = trust.pendingChanges(proposed, o.shippedBlocks, o.blockLabel);
  o.root.before(
    trust.trustPanel(`This link changes ${changes.length} part${changes.length === 1 ? "" : "s"} of the lesson.`, changes, {
      trust: () => {
        state.waiting = false;
        for (const [slug, blocks] of Object.entries(proposed)) page.replaceChapter(slug, blocks);
        void api.idle().then(() => {
          o.refused(applyInputs(page.lesson, shared.inputs), "from the link");
          saver.schedule();
        });
      },
      discard: () => {
        // Back to the lesson as shipped, keeping nothing from the link (and saving nothing).
        saver.cancel();
        history.replaceState(null, "", location.href.replace(/#.*$/, ""));
        try {
          storage().removeItem(key);
        } catch {
          // Nothing was saved, or storage is unavailable: either way nothing is kept.
        }
        location.reload();
      }
    })
  );
}

/** Opens a file: a data file stands in for the lesson's file of that name; an exported page or a chapter replaces this lesson once the reader agrees. */
async function openFile(
  file: File,
  o: {
    compiler: CellCompiler;
    shippedBlocks: Record<string, Block[]>;
    blockLabel: (b: Block) => string;
    root: HTMLElement;
    page: Page;
    contents: HTMLElement;
    actions: HTMLElement;
    notices: Notices;
    options: AppOptions;
    attachments: Attachments;
    storage: () => StorageLike;
    listening: AbortController;
  }
): Promise<void> {
  const {notices, options, attachments, page} = o;
  if (kindOf(file.name) === "data") return standIn(attachments, notices, file);
  let data: ForkData, panel: Trust;
  let notes: string[] = [];
  try {
    const [fork, trust] = await Promise.all([forking(), trusting(), o.compiler.load()]);
    panel = trust;
    if (kindOf(file.name) === "chapter") {
      const opened = await openChapter(file, page.lesson.chapters.map((c) => ({slug: c.slug, blocks: page.lesson.file(c.slug).blocks.map(({origin: _, ...b}) => b)})));
      notes = opened.notes;
      data = {version: 1, chapters: opened.chapters, inputs: readInputs(page.lesson), id: Math.random().toString(36).slice(2, 10), lineage: [{from: file.name, at: new Date().toISOString()}, ...options.lineage], files: attachments.shipped};
    } else data = validateForkData(fork.extractForkData(await file.text()));
  } catch (error) {
    notices.show(`${file.name} could not be opened: ${sentence(reason(error, "it is not a playground page this one can read"))}`, {id: "import", tone: "error"});
    return;
  }
  const proposedFork: Record<string, Block[]> = Object.create(null);
  for (const c of data.chapters) proposedFork[c.slug] = c.blocks.map((b, origin) => ({...b, origin}));
  const changes = panel.pendingChanges(proposedFork, o.shippedBlocks, o.blockLabel);
  // One file at a time: a file dropped while another waits replaces its panel.
  document.querySelector(".trust-panel[data-from=file]")?.remove();
  const element = panel.trustPanel(
    `${file.name} holds a lesson of ${data.chapters.length} chapters; ${changes.length} part${changes.length === 1 ? "" : "s"} differ from this one. Only the lesson inside the file is read; nothing else in it runs.${notes.length ? ` Not honoured here: ${notes.join(" ")}` : ""}`,
    changes,
    {
      trust: () => {
        // The file's lesson replaces this one, as if the file itself had been opened, and stays after a reload.
        const siteKey = options.opened?.siteKey ?? options.key;
        rememberOpened(o.storage, siteKey, {name: file.name, data});
        o.listening.abort();
        page.dispose();
        o.contents.replaceChildren();
        o.actions.replaceChildren();
        notices.element.remove();
        void start(fileOptions(options, {name: file.name, data}, siteKey));
      },
      discard: () => {}
    }
  );
  element.dataset.from = "file";
  o.root.before(element);
}

/** Text typed and not run comes back in its editors, unrun, and the reader is told. */
function restoreDrafts(page: Page, drafts: Drafts, saved: unknown, notices: Notices): void {
  let count = 0;
  drafts.restore(page.lesson, saved, {
    cell: (cell, text) => (count++, void page.view(cell).show(text)),
    prose: (prose, text) => (count++, void page.draftProse(prose, text))
  });
  if (count) notices.show(`${count === 1 ? "An edit" : `${count} edits`} you had typed but not run ${count === 1 ? "is" : "are"} back in ${count === 1 ? "its editor" : "their editors"}, not run yet: Shift+Enter runs ${count === 1 ? "it" : "each"}.`, {id: "drafts", timeout: 15000});
}

/** A saved state that fails to start the page is set aside, and the lesson starts as shipped. */
function restartAsShipped(
  options: AppOptions,
  {storage, key, notices, root, listening, error}: {storage: () => StorageLike; key: string; notices: Notices; root: HTMLElement; listening: AbortController; error: unknown}
): Promise<Playground> {
  const backup = setAside(storage, key);
  listening.abort();
  notices.element.remove();
  root.replaceChildren();
  document.querySelector("#contents")?.replaceChildren();
  const kept = backup ? ` They are kept in local storage as "${backup}".` : "";
  return start({...options, notice: `Your saved changes could not start the page (${sentence(reason(error, "an error in the page")).replace(/\.$/, "")}), so the lesson starts as shipped.${kept}`});
}

/** The options that start a file's lesson in place of this page's own. */
function fileOptions(options: AppOptions, {name, data}: Opened, siteKey: string): AppOptions {
  return {
    ...options,
    chapters: data.chapters.map((c) => ({slug: c.slug, blocks: c.blocks})),
    files: data.files ?? [],
    inputs: data.inputs,
    key: `${siteKey.split(":")[0]}:fork:${data.id}`,
    lineage: data.lineage,
    opened: {name, data, siteKey}
  };
}

// ——— The page: window.playground, the page-wide buttons, files dropped on it.

function playgroundAPI(
  page: Page,
  options: AppOptions,
  attachments: Attachments,
  shippedBlocks: Record<string, Block[]>,
  changedChapters: () => Record<string, Block[]>,
  changedNow: () => Record<string, Record<string, unknown>>,
  allInputs: () => Record<string, Record<string, unknown>>
): Playground {
  return {
    ...playground(page),
    exportHTML: async () => {
      const [{code, css}, {assemble}] = await Promise.all([options.pieces(), forking()]);
      const data: ForkData = {
        version: 1,
        chapters: page.lesson.chapters.map((c) => ({slug: c.slug, blocks: page.lesson.file(c.slug).blocks.map(({origin: _, ...b}) => b)})),
        inputs: allInputs(),
        id: Math.random().toString(36).slice(2, 10),
        lineage: [{from: describeLocation(), at: new Date().toISOString()}, ...options.lineage],
        files: attachments.shipped
      };
      return assemble({code, css, data, title: options.title});
    },
    shareURL: async () => {
      const base = location.href.replace(/#.*$/, "");
      const {describeChanges, encodeShare} = await sharing();
      const chapters = describeChanges(changedChapters(), shippedBlocks);
      const inputs = changedNow();
      if (!Object.keys(chapters).length && !Object.keys(inputs).length) return base;
      return `${base}#share=${encodeShare({chapters, inputs})}`;
    }
  };
}

/** Export, Share, Open file… and Reset all. */
function pageActions(api: Playground, page: Page, saver: Saver, notices: Notices, title: string, open: (file: File) => void, forgetInputs: () => void): HTMLButtonElement[] {
  const pick = () => {
    const input = document.createElement("input");
    input.type = "file";
    input.accept = openable;
    input.addEventListener("change", () => input.files?.[0] && open(input.files[0]));
    input.click();
  };
  const reset: HTMLButtonElement = button("reset-all", "Reset all", "Put the whole lesson back as shipped (code, text and inputs); asks first, and can be undone", () =>
    resetAll({page, save: () => (forgetInputs(), saver.flush(true)), idle: () => api.idle()}, reset)
  );
  return [
    button("export", "Export", "Download this page, as it is now, as one HTML file that works offline", async () => {
      const html = await api.exportHTML();
      download(new Blob([html], {type: "text/html"}), `${slugify(title)}.html`);
    }),
    button("share", "Share", "Copy a link that opens the lesson with your changes", async () => {
      const url = await api.shareURL();
      try {
        await navigator.clipboard.writeText(url);
        notices.show("Link copied. It holds your changes; whoever opens it sees them and chooses whether to run your code.", {id: "share", timeout: 8000});
      } catch {
        notices.show(`Copy this link: ${url}`, {id: "share"});
      }
    }),
    button("import", "Open file…", "Open a playground page exported before, a chapter (.qmd or .md), or a data file for the lesson's cells (or drop one on the page)", () => pick()),
    reset
  ];
}

function acceptDroppedFiles(open: (file: File) => void, signal: AbortSignal): void {
  document.addEventListener("dragover", (e) => e.dataTransfer?.types.includes("Files") && e.preventDefault(), {signal});
  document.addEventListener(
    "drop",
    (e) => {
      const file = e.dataTransfer?.files[0];
      if (!file) return;
      e.preventDefault();
      void open(file);
    },
    {signal}
  );
}

function button(action: string, text: string, title: string, onclick: () => void): HTMLButtonElement {
  const b = document.createElement("button");
  b.type = "button";
  b.dataset.action = action;
  b.textContent = text;
  b.title = title;
  b.addEventListener("click", onclick);
  return b;
}

function download(blob: Blob, name: string): void {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/** Where this page is, for a fork's record: the site's address, or the standalone file's name. */
function describeLocation(): string {
  return location.protocol === "file:" ? decodeURIComponent(location.pathname.split("/").pop() ?? "a standalone page") : location.href.replace(/#.*$/, "");
}

function showLineage(lineage: ForkData["lineage"]): void {
  const slot = document.querySelector("#forked-from");
  if (!slot || !lineage.length) return;
  const [{from, at}] = lineage;
  slot.textContent = `forked from ${from} on ${new Date(at).toLocaleString("en-GB", {dateStyle: "medium", timeStyle: "short"})}`;
}

function slugify(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "playground";
}

/** A short, stable name for a link's contents (FNV-1a), to keep its saved changes apart. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; ++i) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}
