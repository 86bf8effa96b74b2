import {asShipped, type Block, type ChapterFile} from "./engine/chapter-file.js";
import {CellCompiler} from "./engine/cell-compiler.js";
import {Renderer} from "./stdlib/renderer.js";
import {Page} from "./ui/page.js";
import {playground, type Playground} from "./playground.js";
import {renderContents} from "./ui/contents.js";
import {Notices, reason, sentence} from "./ui/notices.js";
import {load, own, setAside, type StorageLike} from "./ui/storage.js";
import {Saver} from "./ui/saver.js";
import {applyInputs, changedInputs, readInputs, refusedMessage} from "./ui/inputs.js";
import {openedFile, rememberOpened, type Opened} from "./fork/opened.js";
import {isSafeStart, offerKept, safeNotice, showOpened} from "./ui/start-modes.js";
import {Drafts} from "./ui/drafts.js";
import {alignOrigins} from "./ui/align.js";
import {validateForkData, type ForkData} from "./fork/fork-data.js";
import type {SharedChanges} from "./fork/share.js";

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
  /** Input values that come with the lesson (a fork carries those it was exported with). */
  inputs: Record<string, Record<string, unknown>>;
  /** Names the page's saved changes in local storage. */
  key: string;
  /** The page's title. */
  title: string;
  /** Where this lesson was forked from, the newest first (empty for the site). */
  lineage: ForkData["lineage"];
  /** The app's code and styles, for export. */
  pieces(): Promise<{js: string; css: string}>;
  /** Local storage (tests pass faulty ones). */
  storage?: () => StorageLike;
  /** Compiles cells; the site's knows the lesson's cells compiled by the build. */
  compiler?: CellCompiler;
  /** Renders prose, `md` and `tex`; the site's knows the lesson's prose rendered by the build. */
  renderer?: Renderer;
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

  // A share link proposes changes against the lesson; they run only once the reader agrees.
  let shared: SharedChanges | null = null;
  let key = options.key;
  let share: Share | null = null, trust: Trust | null = null;
  const fragment = /^#share=(.+)$/.exec(location.hash)?.[1];
  if (fragment) {
    try {
      [share, trust] = await Promise.all([sharing(), trusting()]);
      shared = share.decodeShare(fragment);
      share.applyChanges(shared.chapters, shippedBlocks);
      key = `${options.key}:shared:${hash(fragment)}`;
    } catch (error) {
      shared = null;
      notices.show(`This link could not be opened: ${sentence(reason(error, "it is not a link this page can read"))} Showing the lesson as shipped.`, {id: "share", tone: "error"});
    }
  }

  const loaded = safe ? ({kind: "empty"} as const) : load(storage, key);
  if (loaded.kind === "unavailable") {
    notices.show(`Changes can't be saved in this browser (${loaded.reason}). Everything works; export the page to keep your changes.`, {id: "storage", tone: "error"});
  } else if (loaded.kind === "unreadable") {
    const kept = loaded.backup ? ` The unreadable copy is kept in local storage as "${loaded.backup}".` : "";
    notices.show(`Saved changes could not be read (${loaded.reason}), so the lesson starts as shipped.${kept}`, {id: "storage", tone: "error"});
  }
  // Changes saved under a link's own key were trusted when they were first run.
  const saved = loaded.kind === "ok" ? loaded.saved : null;
  // Saved while the link's panel was open, the reader's own edits come back and the link still asks.
  const proposed = shared && share && (!saved || saved.untrusted) ? share.applyChanges(shared.chapters, shippedBlocks) : null;
  let current: ChapterFile[] = shipped.map((file) => {
    const blocks = own(saved?.chapters, file.slug);
    return blocks ? {slug: file.slug, blocks} : file;
  });

  // Code and text other than the lesson as shipped (saved changes, a fork's own lesson) wait
  // for the parser and renderers, so nothing shows raw Markdown, or errors, while they load.
  // Should they fail to load, each cell and passage says so.
  const blocks = current.flatMap((c) => c.blocks);
  await Promise.all([
    compiler.prepare(blocks.flatMap((b) => (b.kind === "cell" ? [b.source] : []))),
    renderer.prepare(blocks.flatMap((b) => (b.kind === "prose" ? [b.source] : [])))
  ]).catch(() => {});
  if (proposed) await compiler.load().catch(() => {}); // to name the cells the link changes
  // Saved against an older lesson, blocks are pointed again at the shipped blocks they started as.
  if (saved) current = current.map((file, i) => (file === shipped[i] ? file : {slug: file.slug, blocks: alignOrigins(file.blocks, shipped[i].blocks, (s) => compiler.peekName(s))}));
  const blockLabel = (b: Block): string => {
    if (b.kind === "prose") return `text “${b.source.trim().split("\n")[0].slice(0, 40)}”`;
    const name = compiler.peekName(b.source);
    return name ? `cell ${name}` : "a cell";
  };

  let defaults: Record<string, Record<string, unknown>> | null = null;
  let saver: Saver | null = null;
  let waiting = false; // while someone else's code waits for the reader's word, what is saved says so
  const drafts = new Drafts();
  let page: Page;
  try {
    page = new Page({shipped, current, root, notices, compiler, renderer, drafts, changed: () => !safe && saver?.schedule()});
  } catch (error) {
    if (!saved) throw error;
    return restartAsShipped(options, {storage, key, notices, root, listening, error});
  }
  saver = new Saver({
    key,
    storage,
    notices,
    revision: saved?.revision ?? 0,
    window,
    reload: () => location.reload(),
    collect: () => ({chapters: changedChapters(), inputs: changedNow(), drafts: drafts.collect(page.lesson), ...(waiting ? {untrusted: true} : {})})
  });
  restoreDrafts(page, drafts, saved?.drafts, notices);
  renderContents(contents, current);

  const changedChapters = (): Record<string, Block[]> => {
    const chapters: Record<string, Block[]> = {};
    for (const c of page.lesson.chapters) if (page.chapterChanged(c.slug)) chapters[c.slug] = page.lesson.file(c.slug).blocks;
    return chapters;
  };
  const changedNow = () => (defaults ? changedInputs(readInputs(page.lesson), defaults) : saved?.inputs ?? {});

  const api: Playground = {
    ...playground(page),
    exportHTML: async () => {
      const [{js, css}, {assemble}] = await Promise.all([options.pieces(), forking()]);
      const data: ForkData = {
        version: 1,
        chapters: page.lesson.chapters.map((c) => ({slug: c.slug, blocks: page.lesson.file(c.slug).blocks.map(({origin: _, ...b}) => b)})),
        inputs: readInputs(page.lesson),
        id: Math.random().toString(36).slice(2, 10),
        lineage: [{from: describeLocation(), at: new Date().toISOString()}, ...options.lineage]
      };
      return assemble({js, css, data, title: options.title});
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
  Object.assign(window, {playground: api});

  // Once every cell has its first value: remember defaults, then put inputs where they were.
  const refused = (list: string[], from: string) => {
    const message = refusedMessage(list, from);
    if (message) notices.show(message, {id: "refused", tone: "error"});
  };
  void api.idle().then(() => {
    defaults = readInputs(page.lesson);
    const list = applyInputs(page.lesson, options.inputs);
    if (saved) list.push(...applyInputs(page.lesson, saved.inputs));
    else if (shared) list.push(...applyInputs(page.lesson, shared.inputs));
    refused(list, shared && !saved ? "from the link" : "saved before");
  });

  if (proposed && trust && trust.pendingChanges(proposed, shippedBlocks, () => "").length) {
    waiting = true;
    const changes = trust.pendingChanges(proposed, shippedBlocks, blockLabel);
    root.before(
      trust.trustPanel(`This link changes ${changes.length} part${changes.length === 1 ? "" : "s"} of the lesson.`, changes, {
        trust: () => {
          waiting = false;
          for (const [slug, blocks] of Object.entries(proposed)) page.replaceChapter(slug, blocks);
          void api.idle().then(() => {
            refused(applyInputs(page.lesson, shared!.inputs), "from the link");
            saver!.schedule();
          });
        },
        discard: () => {
          // Back to the lesson as shipped, keeping nothing from the link (and saving nothing).
          saver!.cancel();
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

  actions.append(
    button("export", "Export", "Download this page, as it is now, as one HTML file that works offline", async () => {
      const html = await api.exportHTML();
      download(new Blob([html], {type: "text/html"}), `${slugify(options.title)}.html`);
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
    button("import", "Open file…", "Open a playground page exported before (or drop one on the page)", () => pick()),
    button("reset-all", "Reset all", "Put the whole lesson back as shipped (code, text and inputs)", () => {
      page.resetAll();
      saver?.flush(true);
    })
  );
  if (safe) safeNotice(notices, location);
  if (options.opened) showOpened(notices, options.opened, storage);
  if (options.notice) notices.show(options.notice, {id: "start", tone: "error"});

  const open = async (file: File) => {
    let data: ForkData, panel: Trust;
    try {
      const [fork, trust] = await Promise.all([forking(), trusting(), compiler.load()]);
      panel = trust;
      data = validateForkData(fork.extractForkData(await file.text()));
    } catch (error) {
      notices.show(`${file.name} could not be opened: ${sentence(reason(error, "it is not a playground page this one can read"))}`, {id: "import", tone: "error"});
      return;
    }
    const proposedFork: Record<string, Block[]> = Object.create(null);
    for (const c of data.chapters) proposedFork[c.slug] = c.blocks.map((b, origin) => ({...b, origin}));
    const changes = panel.pendingChanges(proposedFork, shippedBlocks, blockLabel);
    // One file at a time: a file dropped while another waits replaces its panel.
    document.querySelector(".trust-panel[data-from=file]")?.remove();
    const element = panel.trustPanel(`${file.name} holds a lesson of ${data.chapters.length} chapters; ${changes.length} part${changes.length === 1 ? "" : "s"} differ from this one. Only the lesson inside the file is read; nothing else in it runs.`, changes, {
      trust: () => {
        // The file's lesson replaces this one, as if the file itself had been opened, and stays after a reload.
        const siteKey = options.opened?.siteKey ?? options.key;
        rememberOpened(storage, siteKey, {name: file.name, data});
        listening.abort();
        page.dispose();
        contents.replaceChildren();
        actions.replaceChildren();
        notices.element.remove();
        void start(fileOptions(options, {name: file.name, data}, siteKey));
      },
      discard: () => {}
    });
    element.dataset.from = "file";
    root.before(element);
  };
  const pick = () => {
    const input = document.createElement("input");
    input.type = "file";
    input.accept = ".html,text/html";
    input.addEventListener("change", () => input.files?.[0] && open(input.files[0]));
    input.click();
  };
  const {signal} = listening;
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

  window.addEventListener("pagehide", () => !safe && saver?.flushOnExit(), {signal});
  if (!safe) offerKept(notices, storage, key, () => location.reload());
  const idle = () => new Promise((resolve) => ("requestIdleCallback" in window ? requestIdleCallback(resolve, {timeout: 200}) : setTimeout(resolve, 16)));
  void page.hydrateEditors(idle);
  return api;
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
    inputs: data.inputs,
    key: `${siteKey.split(":")[0]}:fork:${data.id}`,
    lineage: data.lineage,
    opened: {name, data, siteKey}
  };
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
