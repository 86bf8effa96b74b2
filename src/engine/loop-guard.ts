/** How long a cell's code may keep the page from taking a turn before it is stopped: within 2 s, with room for heavy cells on a slow machine. */
export const RUNAWAY_MS = 1500;

/** Where a check sits: at the top of a loop's body, or at the entry of a function. */
export type GuardSite = 0 | 1;

/** Thrown into code that has run too long; names the loop or function of the cell where it was stopped. */
export class RunawayError extends RangeError {
  constructor(readonly line: number, site: GuardSite = 0, ms = RUNAWAY_MS) {
    super(
      site === 0
        ? `the loop at line ${line} ran for more than ${ms / 1000} s without a break, so it was stopped`
        : `the function at line ${line} kept the page busy for more than ${ms / 1000} s, so it was stopped (does it call itself without end, or far too many times?)`
    );
    this.name = "RangeError";
  }
}

/**
 * What compiled code calls: loops every 256 iterations, functions every 256 calls. It returns
 * how many calls may pass before the next check, and throws RunawayError to stop the code.
 * It also gives the cell guarded versions of what makes code at run time.
 */
export interface CellGuard {
  (line: number, site?: GuardSite): number;
  /** For a direct `eval(code)`: the code guarded (anything else as it is). */
  source(code: unknown): unknown;
  /** Any other use of `eval`: an indirect eval of the guarded code. */
  eval(code: unknown): unknown;
  /** `Function` as cells see it: the function it makes is guarded. */
  Function: FunctionConstructor;
  /** `RegExp` as cells see it: matching takes linear time where it can (see safe-regexp.ts). */
  RegExp: RegExpConstructor;
  /** A regular expression literal of the cell. */
  re(pattern: string, flags: string): RegExp;
}

/** What guarding run-time code needs; it comes with the compiler (see cell-compiler.ts). */
export interface GuardTools {
  /** The guarded code (a script, or a function expression); throws SyntaxError if it does not parse. */
  guardScript(code: string, guard: string, expression?: boolean): string;
  /** A RegExp whose matching takes linear time where it can. */
  RegExp: new (pattern?: string | RegExp, flags?: string) => RegExp;
}

let tools: GuardTools | null = null;

/** Called once the compiler has loaded. */
export function provideGuardTools(t: GuardTools): void {
  tools = t;
}

/** The name run-time code reads its guard by. */
const NAME = "__guard";
const NativeFunction = Function;

export interface GuardOptions {
  /** How long code may run without the page taking a turn. */
  limit?: number;
  /** The clock. Date.now: milliseconds are fine here, and performance.now is four times slower in Chromium. */
  now?: () => number;
  /** Called once each time a cell's code is stopped (its value may already be on screen). */
  stopped?: (owner: unknown, error: RunawayError) => void;
}

/**
 * The guards of a lesson. A cell's code is stopped when it has kept the page from taking a turn
 * (running a task of its own, where input, painting and timers happen) for longer than the
 * limit, counted from the cell's first check since the last turn; checks further apart than
 * half the limit start the count again (a helper that many cells call during one long start-up
 * is not running away; a runaway checks every few microseconds). A heartbeat (a message, or a
 * frame) notes each turn, so code that spins through microtasks (a promise that calls itself)
 * is starved of turns and stopped like a loop, while generators and animations, which return
 * to the event loop between frames, never are. Once stopped, every check of the cell throws
 * until the page has had its turn, so no `catch` can carry on.
 */
export class Guards {
  readonly #limit: number;
  readonly #now: () => number;
  readonly #stopped: GuardOptions["stopped"];
  #turn = 0;
  #armed = false;
  #beat: (() => unknown) | null = null;

  constructor(options: GuardOptions = {}) {
    this.#limit = options.limit ?? RUNAWAY_MS;
    this.#now = options.now ?? Date.now;
    this.#stopped = options.stopped;
  }

  /**
   * A heartbeat: a message on a channel is a task of its own, and unlike timers it is not
   * throttled in background tabs; a frame counts too, since a busy page that keeps painting
   * (training at top speed) may run frames back to back before other tasks.
   */
  #heartbeat(): void {
    if (!this.#beat) {
      let beat = 0;
      const breathe = (n: number) => () => {
        if (n !== beat) return;
        beat++;
        this.#armed = false;
        this.#turn++;
      };
      const frame = typeof requestAnimationFrame === "function" ? requestAnimationFrame : null;
      if (typeof MessageChannel === "function") {
        const channel = new MessageChannel();
        channel.port1.onmessage = (event) => breathe(event.data as number)();
        (channel.port1 as {unref?: () => void}).unref?.();
        this.#beat = () => (channel.port2.postMessage(beat), frame?.(breathe(beat)));
      } else {
        this.#beat = () => (setTimeout(breathe(beat), 0), frame?.(breathe(beat)));
      }
    }
    this.#beat();
  }

  /** The guard of one cell (or prose hole): owner is what `stopped` is told about. */
  for(owner: unknown): CellGuard {
    let turn = -1, since = 0, last = 0, tripped: RunawayError | null = null;
    const limit = this.#limit, gap = limit / 2;
    const guard = ((line: number, site: GuardSite = 0): number => {
      // Once stopped, the same error again, at once: unwinding thousands of frames that each
      // catch it and call again must cost next to nothing.
      if (tripped && turn === this.#turn) throw tripped;
      const t = this.#now();
      if (!this.#armed) (this.#armed = true), this.#heartbeat();
      if (turn !== this.#turn) (turn = this.#turn), (since = t), (tripped = null);
      else if (t - last > gap) since = t;
      last = t;
      if (t - since > limit) {
        tripped = new RunawayError(line, site, limit);
        this.#stopped?.(owner, tripped);
        throw tripped;
      }
      return 255;
    }) as CellGuard;
    const need = (): GuardTools => {
      if (!tools) throw new Error("code made at run time needs the compiler, which has not loaded yet");
      return tools;
    };
    // Code made at run time reads the guard and its own count of calls as parameters.
    const guarded = (code: string) => new NativeFunction(NAME, `${NAME}C`, code)(guard, 0) as unknown;
    guard.source = (code) => (typeof code === "string" ? need().guardScript(code, NAME) : code);
    // A direct eval inside a function made by Function: global scope and sloppy, as an indirect
    // eval is (but its `var`s stay its own rather than becoming globals).
    guard.eval = (code) => (typeof code === "string" ? guarded(`return eval(${JSON.stringify(need().guardScript(code, NAME))});`) : code);
    const make = function Function(...args: unknown[]) {
      const body = args.length ? String(args[args.length - 1]) : "";
      const params = args.slice(0, -1).map(String).join(",");
      // The browser's Function first, which says why if the code does not parse (and runs nothing).
      NativeFunction(...(args as string[]));
      return guarded(`return ${need().guardScript(`(function anonymous(${params}\n) {\n${body}\n})`, NAME, true)};`);
    } as FunctionConstructor;
    Object.defineProperty(make, "prototype", {value: NativeFunction.prototype});
    guard.Function = make;
    const SafeRegExp = function RegExp(pattern?: string | RegExp, flags?: string) {
      return tools ? new tools.RegExp(pattern as string, flags) : new globalThis.RegExp(pattern as string, flags);
    } as RegExpConstructor;
    Object.defineProperty(SafeRegExp, "prototype", {value: globalThis.RegExp.prototype});
    guard.RegExp = SafeRegExp;
    guard.re = (pattern, flags) => new SafeRegExp(pattern, flags);
    return guard;
  }
}

/** Keeps a stopped runaway, which may surface as an unhandled rejection or timer error, out of the console: its cell shows it. */
let quiet = false;
export function quietRunaways(target: Pick<Window, "addEventListener"> = globalThis as unknown as Window): void {
  if (quiet || typeof target.addEventListener !== "function") return;
  quiet = true;
  target.addEventListener("unhandledrejection", (event) => {
    if ((event as PromiseRejectionEvent).reason instanceof RunawayError) event.preventDefault();
  });
  target.addEventListener("error", (event) => {
    if ((event as ErrorEvent).error instanceof RunawayError) event.preventDefault();
  });
}
