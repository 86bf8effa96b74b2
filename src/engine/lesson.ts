import {Runtime, RuntimeError, type Module, type Observer, type Variable} from "@observablehq/runtime";
import type {CompiledCell, Injection, VariableSpec} from "./compile.js";
import type {Block, ChapterFile} from "./chapter-file.js";
import {CellCompiler, LOOP_GUARD} from "./cell-compiler.js";
import {Guards, quietRunaways} from "./loop-guard.js";
import {pendingReasons, STALL_MS, type Stalled} from "./stalled.js";
import {cellRun, TIMERS, type CellRun, type CellTimers} from "./cell-run.js";

/** What a cell is doing now, as `data-state` shows it. */
export type CellState = "pending" | "fulfilled" | "rejected";

/** A code cell, live in its chapter's module. */
export interface LessonCell {
  /** Unique within the lesson, stable across edits. */
  readonly id: number;
  /** The slug of the chapter the cell belongs to. */
  readonly chapter: string;
  /** The cell's current source. */
  source: string;
  /** Words after `ojs` on the fence line. */
  options: string[];
  /** Index of the shipped block this cell started as, or null if the reader added it. */
  origin: number | null;
  /** The cell's name as the page shows it: "x", "viewof x", "mutable x", or "#N" if unnamed. */
  label: string;
  /** What its displayed variable is doing. */
  state: CellState;
  /** The compiled cell, or null while its source does not parse (or waits for the parser). */
  compiled: CompiledCell | null;
  /** The cell's runtime variables, the displayed one first. */
  variables: Variable[];
}

/** A live `${expr}` hole in a chapter's prose. */
export interface LessonInline {
  /** The expression's source. */
  readonly source: string;
  /** Its variable. */
  variable: Variable;
}

/** A prose block of a chapter. */
export interface LessonProse {
  /** Unique within the lesson. */
  readonly id: number;
  readonly chapter: string;
  /** The Markdown source. */
  source: string;
  /** Index of the shipped block this prose started as, or null if the reader added it. */
  origin: number | null;
  /** The live holes of the prose, in order; redefined when the prose changes. */
  inlines: LessonInline[];
}

export type LessonBlock = ({kind: "cell"} & LessonCell) | ({kind: "prose"} & LessonProse);

/** A chapter: one runtime module. */
export interface LessonChapter {
  /** Its slug (module name for imports). */
  readonly slug: string;
  /** Prose and cells in order. */
  blocks: LessonBlock[];
  /** Its module. */
  readonly module: Module;
  /** Whether its cells have been defined (see Lesson.build): until then nothing in it runs. */
  built: boolean;
}

/** How the lesson reaches the page: the page gives each cell and hole an observer. */
export interface LessonHost {
  /** The observer that displays a cell's value. */
  observeCell(cell: LessonCell): Observer;
  /** The observer that displays a prose hole's value. */
  observeInline(prose: LessonProse, index: number): Observer;
  /** The builtins every cell can read. */
  builtins: Record<string, unknown>;
  /** Resolves names no cell or builtin defines; by default, globalThis then "x is not defined". */
  global?: (name: string) => unknown;
  /** Compiles cells; by default with nothing prebuilt, loading the parser on first need. */
  compiler?: CellCompiler;
  /** Called when a cell has compiled after waiting for the parser, since its name may have changed. */
  compiled?(cell: LessonCell): void;
  /**
   * Builds chapters only when asked (build, or anything that needs a chapter's values), rather
   * than every chapter at once: the page builds those near the screen.
   */
  lazy?: boolean;
  /** Called when a chapter has been built (its cells defined). */
  built?(slug: string): void;
  /** Called when cells have stayed pending with nothing happening, with why each waits. */
  stalled?(reasons: Map<LessonCell, string>): void;
  /**
   * Builtins that others may stand in for: `pick` gives the builtin a cell reading `name` is
   * given, from the cell's source (a namespace's part that comes with the page, say), or `name`.
   * A name the cell's own chapter defines is its own, as ever, and never picked for.
   */
  standIns?: {names: ReadonlySet<string>; pick(name: string, source: string): string};
}

/** A compiled cell, or why it did not compile. */
type Compiled = {ok: true; value: CompiledCell} | {ok: false; error: unknown};

let nextId = 0;

/** The whole lesson live: a runtime with one module per chapter. */
export class Lesson {
  readonly runtime: Runtime;
  readonly chapters: LessonChapter[];
  readonly #host: LessonHost;
  readonly #compiler: CellCompiler;
  /** Stop runaway code; a cell stopped after it showed its value shows why instead. */
  readonly #guards = new Guards({
    stopped: (owner, error) => {
      // Code the cell left running (a promise that calls itself) stopped after its value showed,
      // unless the cell has been given other code since.
      const {cell} = owner as {cell: LessonCell};
      const observer = this.#observers.get(cell);
      if (observer) setTimeout(() => this.#guardRuns.get(cell) === owner && cell.state === "fulfilled" && observer.rejected?.(error), 0);
    }
  });
  /** Each cell's current run of definitions, what its guard reports as owner. */
  readonly #guardRuns = new WeakMap<LessonCell, {cell: LessonCell}>();
  /** Each cell's observer, for showing why code it left running was stopped. */
  readonly #observers = new WeakMap<LessonCell, Observer>();
  readonly #held = new Map<LessonCell, Error>();
  /** Work that settled() waits for: compilations waiting for the parser, and the like. */
  readonly #loading = new Set<Promise<void>>();
  /** The expressions each prose block's holes were last given. */
  readonly #holes = new WeakMap<LessonProse, readonly string[]>();
  /** The copies of other chapters that each `import … with` cell runs. */
  readonly #derived = new Map<LessonCell, Module[]>();
  /** Each variable's wrapped definition, disposed (its timers cleared) when it is redefined or deleted. */
  readonly #runs = new WeakMap<Variable, CellRun>();
  #pending = 0;
  /** When a cell or hole last changed state: settled() stops waiting after STALL_MS of nothing. */
  #progress = Date.now();
  /** Variables found waiting for a value that has not come (see #stalled). */
  #stuck = new WeakSet<Variable>();
  /** What a displayed variable's observer calls when it goes, so a pending one is not counted forever. */
  readonly #releases = new WeakMap<Variable, () => void>();
  #watching: ReturnType<typeof setTimeout> | null = null;
  #waiters: (() => void)[] = [];

  constructor(files: readonly ChapterFile[], host: LessonHost) {
    this.#host = host;
    quietRunaways();
    this.#compiler = host.compiler ?? new CellCompiler();
    this.runtime = host.global ? new Runtime(host.builtins, host.global) : new Runtime(host.builtins);
    this.chapters = files.map((file) => ({slug: file.slug, blocks: [], module: this.runtime.module(), built: false}));
    files.forEach((file, i) => {
      const chapter = this.chapters[i];
      chapter.blocks = file.blocks.map((b) => this.#newBlock(chapter, b));
      this.#relabel(chapter.slug);
    });
    // Define after every module exists, so imports between chapters resolve in any order.
    if (!host.lazy) for (const chapter of this.chapters) this.build(chapter.slug);
  }

  /**
   * Defines a chapter's cells and prose holes, so they run (once). A chapter it imports from is
   * built first, so an import never waits on a chapter nobody built.
   */
  build(slug: string): void {
    const chapter = this.chapter(slug);
    if (!chapter || chapter.built) return;
    chapter.built = true;
    for (const block of chapter.blocks) {
      if (block.kind === "cell") this.#define(block);
      else if (this.#holes.has(block)) this.defineInlines(block, this.#holes.get(block)!);
    }
    this.#relabel(slug);
    // A copy made by `import … with` holds the cells its chapter had then: make them again now.
    this.#rederive(slug);
    this.#host.built?.(slug);
  }

  /** Builds every chapter not built yet. */
  buildAll(): void {
    for (const chapter of this.chapters) this.build(chapter.slug);
  }

  chapter(slug: string): LessonChapter | undefined {
    return this.chapters.find((c) => c.slug === slug);
  }

  /** The code cells of a chapter, in order. */
  cells(slug: string): LessonCell[] {
    const blocks = this.chapter(slug)?.blocks ?? [];
    return blocks.filter((b): b is {kind: "cell"} & LessonCell => b.kind === "cell");
  }

  /** A chapter's cell by its label ("w", "viewof w", "#3"); `x` also finds `viewof x` and `mutable x`. */
  cell(slug: string, label: string): LessonCell | undefined {
    const cells = this.cells(slug);
    return (
      cells.find((c) => c.label === label) ??
      cells.find((c) => c.label === `viewof ${label}` || c.label === `mutable ${label}`)
    );
  }

  /** Replaces a cell's source and runs it (a syntax error makes the cell rejected, not a throw). */
  edit(cell: LessonCell, source: string): void {
    cell.source = source;
    this.#held.delete(cell);
    if (!this.chapter(cell.chapter)?.built) return void this.build(cell.chapter);
    this.#define(cell);
    this.#relabel(cell.chapter);
    this.#rederive(cell.chapter);
  }

  /**
   * Keeps a cell from running until it is edited (or run again as it is): it and the cells that
   * read it show the error. For code that froze the page on the last visit.
   */
  hold(cell: LessonCell, error: Error): void {
    this.#held.set(cell, error);
    if (this.chapter(cell.chapter)?.built) this.#define(cell);
  }

  /** Whether a cell is held (see hold). */
  held(cell: LessonCell): boolean {
    return this.#held.has(cell);
  }

  /** (Re)defines the live holes of a prose block after its source changed. */
  defineInlines(prose: LessonProse, expressions: readonly string[]): void {
    const {module, built} = this.chapter(prose.chapter)!;
    for (const inline of prose.inlines) this.#delete(inline.variable);
    prose.inlines = [];
    this.#holes.set(prose, expressions);
    if (!built) return; // defined when the chapter is built
    const define = () => {
      prose.inlines = expressions.map((source, i) => {
        const counted = this.#counted(this.#host.observeInline(prose, i));
        const variable = module.variable(counted);
        this.#releases.set(variable, counted.release);
        const cell = this.#compileOrThrow(source);
        const spec = cell.ok ? cell.value.variables[0] : null;
        if (!cell.ok) variable.define(null, [], () => Promise.reject(cell.error));
        else if (spec?.kind === "define") variable.define(null, spec.inputs, this.#run(variable, null, spec.inputs, (timers) => this.#definition(spec.body, `${prose.chapter}/prose`, prose, timers)));
        return {source, variable};
      });
    };
    // Holes the build did not compile wait for the parser, empty.
    if (expressions.every((source) => this.#compiler.ready(source))) define();
    else this.#whenLoaded(expressions, () => this.#holes.get(prose) === expressions, define);
  }

  /** A chapter's value by name; rejects with the error of a failed cell. */
  value(slug: string, name: string): Promise<unknown> {
    const chapter = this.chapter(slug);
    if (!chapter) return Promise.reject(new RuntimeError(`no chapter named "${slug}"`));
    this.build(slug);
    return chapter.module.value(name);
  }

  /** Makes settled() wait for work that comes before cells can run, such as loading a renderer. */
  waitFor(work: Promise<unknown>): void {
    const done = work.then(() => {}, () => {});
    this.#loading.add(done);
    void done.then(() => this.#loading.delete(done));
  }

  /** Whether any cell or hole is computing. */
  get busy(): boolean {
    return this.#pending > 0 || this.#loading.size > 0 || this.runtime._computing !== null;
  }

  /**
   * Resolves once no cell is pending and nothing more is scheduled; while an animation keeps
   * scheduling frames (training playing), it resolves after a frame that settled.
   */
  async settled(frame: () => Promise<unknown> = () => new Promise((r) => setTimeout(r, 0)), o: {all?: boolean; loading?: boolean; bound?: number} = {}): Promise<void | Stalled> {
    // Every cell has its value: so every chapter is built (a lazy page builds the rest now),
    // unless only the chapters built so far are asked for (`all: false`). With `loading: false`
    // it does not wait for cells still waiting to compile.
    if (o.all !== false) this.buildAll();
    const loading = o.loading !== false;
    const bound = o.bound ?? STALL_MS;
    // A page at rest settles in a round or two; past a few rounds, frames keep coming (an animation).
    for (let round = 0; round < 8; ++round) {
      if (this.#loading.size && loading) await Promise.all(this.#loading);
      if (this.runtime._computing) await this.runtime._computing;
      if (this.#pending > 0 && !(await this.#whenSettled(bound))) return this.#stalled();
      await frame();
      if (loading ? !this.busy : this.#pending === 0 && !this.runtime._computing) return;
    }
  }

  /** Resolves true once nothing is pending, or false after `bound` ms in which nothing changed. */
  #whenSettled(bound: number): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      let timer: ReturnType<typeof setTimeout>;
      const done = () => (clearTimeout(timer), resolve(true));
      this.#waiters.push(done);
      const check = () => {
        const quiet = Date.now() - this.#progress;
        if (quiet < bound) return void (timer = setTimeout(check, bound - quiet));
        this.#waiters = this.#waiters.filter((w) => w !== done);
        resolve(false);
      };
      timer = setTimeout(check, bound);
    });
  }

  /** While anything is pending, checks now and then whether it has stalled, so the cells say so even when no script waits. */
  #watch(): void {
    if (this.#watching) return;
    const check = () => {
      this.#watching = null;
      if (this.#pending === 0) return;
      const quiet = Date.now() - this.#progress;
      if (quiet >= STALL_MS) void this.#stalled();
      this.#watching = setTimeout(check, quiet >= STALL_MS ? STALL_MS : STALL_MS - quiet);
    };
    this.#watching = setTimeout(check, STALL_MS);
  }

  /** The cells still pending, told why (see host.stalled), as "chapter/name". */
  async #stalled(): Promise<Stalled> {
    const cells = this.chapters.flatMap((c) => this.cells(c.slug)).filter((c) => c.state === "pending" && c.variables.length);
    const names = new Map<Variable, string>();
    for (const chapter of this.chapters) for (const [name, v] of chapter.module._scope) names.set(v, name);
    // Prose holes are asked too, so those stuck behind a cell start afresh with it.
    const holes = this.chapters.flatMap((c) => c.blocks.flatMap((b) => (b.kind === "prose" ? b.inlines.map((i) => i.variable) : [])));
    const byVariable = await pendingReasons([...cells.map((c) => c.variables[0]), ...holes], (v) => names.get(v) ?? v._name ?? "an unnamed cell", this.#stuck);
    const reasons = new Map<LessonCell, string>();
    for (const cell of cells) {
      const reason = byVariable.get(cell.variables[0]);
      if (reason) reasons.set(cell, reason);
    }
    this.#host.stalled?.(reasons);
    return {pending: cells.map((c) => `${c.chapter}/${c.label}`)};
  }


  /** Puts a new block at index in a chapter (a cell starts running). */
  insert(slug: string, index: number, block: Block): LessonBlock {
    const chapter = this.chapter(slug)!;
    const created = this.#newBlock(chapter, block);
    chapter.blocks.splice(index, 0, created);
    if (created.kind === "cell" && chapter.built) this.#define(created);
    this.#relabel(slug);
    if (created.kind === "cell") this.#rederive(slug);
    return created;
  }

  /** Takes a block out of its chapter (a cell's variables are deleted); returns where it was. */
  remove(block: LessonBlock): number {
    const chapter = this.chapter(block.chapter)!;
    const index = chapter.blocks.indexOf(block);
    if (index < 0) return -1;
    chapter.blocks.splice(index, 1);
    if (block.kind === "cell") {
      for (const v of block.variables) this.#delete(v);
      block.variables = [];
      this.#derived.get(block)?.forEach(retire);
      this.#derived.delete(block);
      this.#rederive(block.chapter);
    } else {
      for (const inline of block.inlines) this.#delete(inline.variable);
      block.inlines = [];
      this.#holes.delete(block);
    }
    this.#relabel(block.chapter);
    return index;
  }

  /** Moves a block to another index of its chapter (order is for reading; it changes no value). */
  move(block: LessonBlock, index: number): void {
    const blocks = this.chapter(block.chapter)!.blocks;
    const from = blocks.indexOf(block);
    if (from < 0 || index < 0 || index >= blocks.length) return;
    blocks.splice(from, 1);
    blocks.splice(index, 0, block);
    this.#relabel(block.chapter);
  }

  /** The chapter as a file, as it is now. */
  file(slug: string): ChapterFile {
    const chapter = this.chapter(slug)!;
    return {
      slug,
      blocks: chapter.blocks.map((b): Block => {
        const origin = b.origin === null ? {} : {origin: b.origin};
        return b.kind === "cell" ? {kind: "cell", source: b.source, options: b.options, ...origin} : {kind: "prose", source: b.source, ...origin};
      })
    };
  }

  #newBlock(chapter: LessonChapter, b: Block): LessonBlock {
    const origin = b.origin ?? null;
    if (b.kind === "prose") return {kind: "prose", id: nextId++, chapter: chapter.slug, source: b.source, origin, inlines: []};
    const cell = {kind: "cell" as const, id: nextId++, chapter: chapter.slug, source: b.source, options: [...b.options], origin, label: "", state: "pending" as CellState, compiled: null, variables: []};
    cell.label = this.#labelOf(cell, chapter);
    return cell;
  }

  /** Names a chapter's cells again (names known only once compiled: see CellCompiler.peekName). */
  relabel(slug: string): void {
    this.#relabel(slug);
  }

  #relabel(slug: string): void {
    const chapter = this.chapter(slug)!;
    for (const cell of this.cells(slug)) cell.label = this.#labelOf(cell, chapter);
  }

  /** A cell's label: its name, or "#N" for the N-th cell (0-based) of the chapter if unnamed. */
  #labelOf(cell: LessonCell, chapter: LessonChapter): string {
    const index = chapter.blocks.filter((b) => b.kind === "cell").findIndex((b) => b.id === cell.id);
    const name = cell.compiled ? cell.compiled.name : this.#compiler.peekName(cell.source);
    return name ?? `#${index < 0 ? chapter.blocks.filter((b) => b.kind === "cell").length : index}`;
  }

  #compileOrThrow(source: string): Compiled {
    try {
      return {ok: true, value: this.#compiler.compile(source)};
    } catch (error) {
      return {ok: false, error};
    }
  }

  /**
   * Runs then once the sources can compile (the rest of the build's output has arrived, or the
   * parser has loaded, or failed to), if it is still wanted; settled() waits for it.
   */
  #whenLoaded(sources: readonly string[], wanted: () => boolean, then: () => void): void {
    // If the parser fails to load, then() still runs: compiling says why, and the cell shows it.
    this.waitFor(this.#compiler.prepare(sources).catch(() => {}).then(() => void (wanted() && then())));
  }

  /** (Re)defines a cell's variables from its source; a source the build did not compile waits for the parser. */
  #define(cell: LessonCell): void {
    const source = cell.source;
    const held = this.#held.get(cell);
    if (held) return this.#defineCompiled(cell, {ok: false, error: held});
    if (this.#compiler.ready(source)) return this.#defineCompiled(cell, this.#compileOrThrow(source));
    // Until then a cell keeps showing what it showed, and a new cell shows that it is pending.
    if (!cell.variables.length) this.#observe(cell).pending?.();
    const holds = () => cell.source === source && !!this.chapter(cell.chapter)?.blocks.includes(cell as LessonBlock);
    this.#whenLoaded([source], holds, () => {
      this.#defineCompiled(cell, this.#compileOrThrow(source));
      this.#relabel(cell.chapter);
      this.#rederive(cell.chapter);
      this.#host.compiled?.(cell);
    });
  }

  #defineCompiled(cell: LessonCell, result: Compiled): void {
    const chapter = this.chapter(cell.chapter)!;
    const before = cell.compiled?.variables.map((spec) => spec.name) ?? [];
    cell.compiled = result.ok ? result.value : null;
    const specs: VariableSpec[] = result.ok ? result.value.variables : brokenSpecs(this.#compiler.peekDefines(cell.source));
    const fail = result.ok ? null : result.error;
    const copies: Module[] = [];
    const derived = (from: LessonChapter, injections: readonly Injection[]): Module =>
      (copies[0] ??= from.module.derive(injections.map(({name, alias}) => ({name, alias})), chapter.module));
    // Reuse the cell's variables in place, so what is on screen stays until the new value arrives.
    let old = cell.variables;
    // A variable stuck waiting for a value that never came would hold its next definition back
    // forever (the runtime waits for the previous one): start such a cell afresh.
    const fresh = old.some((v) => this.#stuck.has(v));
    if (fresh) {
      for (const v of old) this.#delete(v);
      old = [];
    }
    const run = {cell};
    this.#guardRuns.set(cell, run);
    cell.variables = specs.map((spec, i) => {
      let variable = old[i];
      if (!variable) {
        const counted = i === 0 ? this.#counted(this.#observe(cell)) : undefined;
        if (counted) this.#observers.set(cell, counted);
        variable = chapter.module.variable(counted);
        if (counted) this.#releases.set(variable, counted.release);
      }
      this.#runs.get(variable)?.dispose();
      if (fail) return variable.define(spec.name, [], () => Promise.reject(fail));
      if (spec.kind === "define") {
        let definition: (...inputs: unknown[]) => unknown;
        try {
          const who = spec.name ?? (cell.label.startsWith("#") ? null : cell.label);
          definition = this.#run(variable, who, spec.inputs, (timers) => this.#definition(spec.body, `${cell.chapter}/${spec.name ?? cell.label}`, run, timers));
        } catch (error) {
          return variable.define(spec.name, [], () => Promise.reject(error));
        }
        return variable.define(spec.name, this.#inputs(chapter, spec.inputs, cell.source), definition);
      }
      const from = this.chapter(spec.from);
      if (!from) return variable.define(spec.name, [], () => Promise.reject(new RuntimeError(`no chapter named "${spec.from}"`)));
      if (from === chapter) return variable.define(spec.name, [], () => Promise.reject(new RuntimeError(`a chapter cannot import from itself`)));
      this.build(from.slug);
      return variable.import(spec.remote, spec.name, spec.injections ? derived(from, spec.injections) : from.module);
    });
    for (const v of old.slice(specs.length)) this.#delete(v);
    // A cell that comes to define (or stops defining) a name that has stand-ins changes what
    // the chapter's other cells reading that name are given: define them again.
    const names = this.#host.standIns?.names;
    const now = specs.map((spec) => spec.name);
    const turned = names ? [...before, ...now].filter((n): n is string => !!n && names.has(n) && before.includes(n) !== now.includes(n)) : [];
    if (turned.length) {
      for (const other of this.cells(chapter.slug)) {
        const reads = other.compiled?.variables.some((v) => v.kind === "define" && v.inputs.some((i) => turned.includes(i)));
        if (other !== cell && reads) this.#defineCompiled(other, {ok: true, value: other.compiled!});
      }
    }
    this.#derived.get(cell)?.forEach(retire);
    if (copies.length) this.#derived.set(cell, copies);
    else this.#derived.delete(cell);
    // The cells that were stuck waiting on this one would stay stuck on their own old promises.
    if (fresh) {
      for (const other of this.chapters.flatMap((c) => this.cells(c.slug))) {
        if (other !== cell && other.variables.some((v) => this.#stuck.has(v))) this.#defineCompiled(other, this.#compileOrThrow(other.source));
      }
      for (const prose of this.chapters.flatMap((c) => c.blocks.filter((b): b is {kind: "prose"} & LessonProse => b.kind === "prose"))) {
        const holes = this.#holes.get(prose);
        if (holes && prose.inlines.some((i) => this.#stuck.has(i.variable))) this.defineInlines(prose, holes);
      }
    }
  }

  /** The names a cell's variable reads, with a builtin's stand-in where the host picks one. */
  #inputs(chapter: LessonChapter, inputs: readonly string[], source: string): string[] {
    const standIns = this.#host.standIns;
    if (!standIns) return [...inputs];
    const own = (name: string) => this.cells(chapter.slug).some((c) => c.compiled?.variables.some((v) => v.name === name));
    return inputs.map((name) => (standIns.names.has(name) && !own(name) ? standIns.pick(name, source) : name));
  }

  /**
   * `import … with` runs a copy of the other chapter in which this chapter's names stand in for
   * some of its own (Observable's module.derive). A copy is of the chapter as it is when made, so
   * such cells are made again whenever a chapter they copy changes.
   */
  #rederive(slug: string, done = new Set<string>()): void {
    done.add(slug);
    for (const cell of [...this.#derived.keys()]) {
      const froms = cell.compiled?.variables.map((v) => (v.kind === "import" && v.injections ? v.from : null)) ?? [];
      if (!froms.includes(slug) || !cell.compiled) continue;
      this.#defineCompiled(cell, {ok: true, value: cell.compiled});
      if (!done.has(cell.chapter)) this.#rederive(cell.chapter, done);
    }
  }

  /** The definition a variable runs: the cell's own, wrapped (see cell-run.ts). */
  #run(variable: Variable, name: string | null, inputs: readonly string[], build: (timers: CellTimers["api"]) => (...inputs: unknown[]) => unknown): (...inputs: unknown[]) => unknown {
    const run = cellRun(name, inputs, build);
    this.#runs.set(variable, run);
    return run.definition;
  }

  #delete(variable: Variable): void {
    this.#releases.get(variable)?.();
    this.#runs.get(variable)?.dispose();
    this.#runs.delete(variable);
    variable.delete();
  }

  #observe(cell: LessonCell): Observer {
    const observer = this.#host.observeCell(cell);
    return {
      get _node() {
        return observer._node;
      },
      pending: () => {
        cell.state = "pending";
        observer.pending?.();
      },
      fulfilled: (value, name) => {
        cell.state = "fulfilled";
        observer.fulfilled?.(value, name);
      },
      rejected: (error, name) => {
        cell.state = "rejected";
        observer.rejected?.(error, name);
      }
    };
  }

  /** Wraps an observer to count what is pending, for settled(). */
  #counted(observer: Observer): Observer & {release(): void} {
    let pending = true, released = false;
    this.#pending++;
    this.#watch();
    const done = () => {
      this.#progress = Date.now();
      if (pending) (pending = false), this.#pending--;
      if (this.#pending === 0) for (const resolve of this.#waiters.splice(0)) resolve();
    };
    // The runtime's visibility() watches the observer's _node, so pass it through.
    return {
      get _node() {
        return observer._node;
      },
      release: () => ((released = true), done()),
      pending: () => {
        this.#progress = Date.now();
        if (!pending && !released) (pending = true), this.#pending++, this.#watch();
        observer.pending?.();
      },
      fulfilled: (value, name) => {
        done();
        observer.fulfilled?.(value, name);
      },
      rejected: (error, name) => {
        done();
        observer.rejected?.(error, name);
      }
    };
  }

  #definition(body: string, where: string, owner: {cell: LessonCell} | LessonProse, timers: CellTimers["api"]): (...inputs: unknown[]) => unknown {
    // Strict, as in an ES module: `this` is undefined on a first run, not the global object.
    // The sourceURL names the cell in the browser's debugger, profiles and stack traces.
    // The cell's `Function` and `RegExp` are its guard's (see loop-guard.ts).
    const url = `cells/${where.replace(/[^\w/-]+/g, "_")}.js`;
    const guard = this.#guards.for(owner);
    // The cell's timers shadow the page's, so they stop with the cell (see cell-run.ts).
    return new Function(LOOP_GUARD, "Function", "RegExp", ...TIMERS, `"use strict"; return (${body});\n//# sourceURL=${url}`)(guard, guard.Function, guard.RegExp, ...TIMERS.map((n) => timers[n]));
  }
}

/** Deletes the variables of a copy of a chapter that no cell imports from any more. */
function retire(copy: Module): void {
  for (const variable of [...copy._scope.values()]) variable.delete();
}

/** Variables for a cell that does not compile, named as it tries to be named, so readers say what they wait on. */
function brokenSpecs(names: string[]): VariableSpec[] {
  const specs = (names.length ? names : [null]).map((name): VariableSpec => ({kind: "define", name, inputs: [], body: ""}));
  return specs;
}
