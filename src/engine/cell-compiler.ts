import type {CompiledCell, CompileOptions} from "./compile.js";
import {Lazy, Prepared} from "./lazy.js";
import {provideGuardTools} from "./loop-guard.js";

/** The name by which compiled loops call the lesson's loop guard. */
export const LOOP_GUARD = "__guard";

/** What compiling needs from the parser, which is loaded only for cells the build did not compile. */
export interface Parser {
  compile(source: string, options?: CompileOptions): CompiledCell;
  /** The name a cell that does not parse is trying to define. */
  peekName(source: string): string | null;
  /** Every name a cell that does not parse is trying to define ("viewof x" and "x", imports…). */
  peekDefines?(source: string): string[];
}

/**
 * Loads the parser and compiler as a chunk of their own, with what guards code made at run
 * time (`eval`, `Function`, regular expressions), which only cells compiled here can reach.
 */
export async function loadParser(): Promise<Parser> {
  const [{compile, guardScript}, {peekName, peekDefines}, {SafeRegExp}] = await Promise.all([import("./compile.js"), import("./parse-cell.js"), import("./safe-regexp.js")]);
  provideGuardTools({guardScript, RegExp: SafeRegExp});
  return {compile, peekName, peekDefines};
}

/** Where a CellCompiler finds compiled cells. */
export interface CellCompilerOptions {
  /** Cells the build compiled, by source. */
  prebuilt?: ReadonlyMap<string, CompiledCell>;
  /** The parser, if it is already loaded. */
  parser?: Parser;
  /** Loads the parser. */
  load?: () => Promise<Parser>;
  /** Loads more compiled cells into `prebuilt` (see Prepared). */
  more?: Lazy<unknown>;
  /** The names of cells still to come from `more`, by source. */
  names?: ReadonlyMap<string, string | null>;
}

/**
 * Compiles cells as the page runs them: a cell as shipped comes compiled from the build, and
 * any other source needs the parser, which loads on first need, so the first page never waits
 * for it.
 */
export class CellCompiler extends Prepared<CompiledCell, Parser> {
  readonly #names: ReadonlyMap<string, string | null>;

  constructor({prebuilt = new Map(), parser, load = loadParser, more, names = new Map()}: CellCompilerOptions = {}) {
    super(prebuilt, new Lazy(load, parser ?? null), more);
    this.#names = names;
  }

  /** Compiles a source that is ready(); throws CellSyntaxError on bad syntax. */
  compile(source: string): CompiledCell {
    const prebuilt = this.prebuilt.get(source);
    if (prebuilt) return prebuilt;
    const parser = this.module.now;
    if (!parser) throw this.module.failure ? new Error(`the compiler could not be loaded (${String(this.module.failure)})`) : new Error("the compiler is not loaded yet");
    return parser.compile(source, {loopGuard: LOOP_GUARD});
  }

  /** The name a cell is trying to define, even if it does not parse; null if unknown (yet). */
  peekName(source: string): string | null {
    const prebuilt = this.prebuilt.get(source);
    if (prebuilt) return prebuilt.name;
    if (this.#names.has(source)) return this.#names.get(source)!;
    return this.module.now?.peekName(source) ?? null;
  }

  /** The names a cell is trying to define, even if it does not parse (empty if unknown yet). */
  peekDefines(source: string): string[] {
    const parser = this.module.now;
    if (parser?.peekDefines) return parser.peekDefines(source);
    const name = this.peekName(source);
    const modifier = name ? /^(viewof|mutable) (.*)$/.exec(name) : null;
    return modifier ? [modifier[0], modifier[2]] : name ? [name] : [];
  }
}
