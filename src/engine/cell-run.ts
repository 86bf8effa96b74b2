/**
 * What the lesson wraps around each cell's definition, so that a cell's mistakes stay the
 * cell's: the timers it starts die when it reruns or goes, a cell that keeps re-running itself
 * through a `mutable` it also reads is stopped and named, and whatever it throws reaches its
 * readers as an Error that says what was thrown.
 */

/** The timer functions a cell gets in place of the page's, so they can be cleared with it. */
export const TIMERS = ["setTimeout", "setInterval", "requestAnimationFrame", "clearTimeout", "clearInterval", "cancelAnimationFrame"] as const;
type TimerName = (typeof TIMERS)[number];

/** How many runs in a row, each started by the run before, stop a self-triggering cell. */
export const SELF_TRIGGER_RUNS = 20;

/** A cell's timers, cleared together. */
export class CellTimers {
  readonly #timeouts = new Set<number>();
  readonly #intervals = new Set<number>();
  readonly #frames = new Set<number>();
  readonly api: Record<TimerName, (...args: never[]) => unknown>;

  constructor(host: typeof globalThis = globalThis) {
    const timeouts = this.#timeouts, intervals = this.#intervals, frames = this.#frames;
    // A string of code would run later as a script of its own, out of reach of the cell's guards.
    const callable = (name: string, fn: unknown) => {
      if (typeof fn !== "function") throw new TypeError(`${name} takes a function in a cell, not ${typeof fn === "string" ? "a string of code" : String(fn)}: write ${name}(() => …, ms)`);
    };
    this.api = {
      setTimeout: ((fn: TimerHandler, ms?: number, ...rest: unknown[]) => {
        callable("setTimeout", fn);
        const id: number = host.setTimeout(
          (...a: unknown[]) => (timeouts.delete(id), (fn as (...a: unknown[]) => unknown)(...a)),
          ms,
          ...rest
        ) as unknown as number;
        timeouts.add(id);
        return id;
      }) as never,
      setInterval: ((fn: TimerHandler, ms?: number, ...rest: unknown[]) => {
        callable("setInterval", fn);
        const id = host.setInterval(fn, ms, ...rest) as unknown as number;
        intervals.add(id);
        return id;
      }) as never,
      requestAnimationFrame: ((fn: FrameRequestCallback) => {
        const id = host.requestAnimationFrame((t) => (frames.delete(id), fn(t)));
        frames.add(id);
        return id;
      }) as never,
      clearTimeout: ((id: number) => (timeouts.delete(id), host.clearTimeout(id))) as never,
      clearInterval: ((id: number) => (intervals.delete(id), host.clearInterval(id))) as never,
      cancelAnimationFrame: ((id: number) => (frames.delete(id), host.cancelAnimationFrame(id))) as never
    };
    this.#host = host;
  }

  readonly #host: typeof globalThis;

  /** Whether the cell has any timer running. */
  get size(): number {
    return this.#timeouts.size + this.#intervals.size + this.#frames.size;
  }

  clear(): void {
    for (const id of this.#timeouts) this.#host.clearTimeout(id);
    for (const id of this.#intervals) this.#host.clearInterval(id);
    for (const id of this.#frames) this.#host.cancelAnimationFrame(id);
    this.#timeouts.clear(), this.#intervals.clear(), this.#frames.clear();
  }
}

/** A thrown value that is not an Error, made into one that says what it was. */
export class ThrownValue extends Error {
  constructor(readonly value: unknown, who: string | null) {
    super(`${who ?? "the cell"} threw ${describeValue(value)}`);
    this.name = "Error";
  }
}

/** What a thrown value was, readably, whatever it is (even a Proxy or a throwing toString). */
export function describeValue(value: unknown): string {
  try {
    if (value === undefined) return "undefined (not an Error)";
    if (value === null) return "null (not an Error)";
    switch (typeof value) {
      case "string":
        return value ? JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}…` : value) : "an empty string";
      case "number":
      case "boolean":
      case "bigint":
        return `${String(value)} (not an Error)`;
      case "symbol":
        return `${(value as symbol).toString()} (not an Error)`;
      case "function":
        return "a function (not an Error)";
    }
    let json: string | undefined;
    try {
      json = JSON.stringify(value);
    } catch {
      json = undefined;
    }
    if (json && json !== "{}") return `${json.length > 200 ? `${json.slice(0, 200)}…` : json} (not an Error)`;
    return "an object that is not an Error";
  } catch {
    return "a value that cannot be shown";
  }
}

/** Whether a value is an Error, asked so that a hostile Proxy cannot throw from the question. */
export function isError(value: unknown): value is Error {
  try {
    return value instanceof Error;
  } catch {
    return false;
  }
}

/** Makes anything thrown into an Error with a message; an Error's empty message says so. */
export function asError(thrown: unknown, who: string | null): Error {
  if (!isError(thrown)) return new ThrownValue(thrown, who);
  try {
    if (thrown.message) return thrown;
    const error = new Error(`${who ?? "the cell"} threw ${thrown.name || "an Error"} with no message`);
    error.stack = thrown.stack;
    return error;
  } catch {
    return new ThrownValue(undefined, who);
  }
}

function isPromise(value: unknown): value is Promise<unknown> {
  try {
    return value instanceof Promise;
  } catch {
    return false;
  }
}

type Definition = (this: unknown, ...inputs: unknown[]) => unknown;

/** A wrapped definition, and what to call when the cell's variable is redefined or deleted. */
export interface CellRun {
  definition: Definition;
  dispose(): void;
}

/**
 * Wraps a definition over the named inputs. build makes the definition with the cell's own
 * timer functions (the page's are globals, which cells read directly), cleared at each rerun
 * and on dispose; a run that changes a `mutable x` whose value x it also read counts toward
 * stopping the cell.
 */
export function cellRun(name: string | null, inputs: readonly string[], build: (timers: CellTimers["api"]) => Definition, host: typeof globalThis = globalThis): CellRun {
  const timers = new CellTimers(host);
  const definition = build(timers.api);
  // Pairs [index of `mutable x`, index of x]: assigning the one reruns a cell that reads the other.
  const loops = inputs.flatMap((n, i) => {
    if (!n.startsWith("mutable ")) return [];
    const j = inputs.indexOf(n.slice(8));
    return j < 0 ? [] : [[i, j, n] as const];
  });
  let runs = 0;
  const changedItself = (args: unknown[]): string | null => {
    for (const [i, j, n] of loops) {
      try {
        if (!Object.is((args[i] as {value: unknown}).value, args[j])) return n;
      } catch {
        // Not a Mutable after all: nothing to watch.
      }
    }
    return null;
  };
  const count = (args: unknown[]) => {
    const which = changedItself(args);
    runs = which ? runs + 1 : 0;
  };
  const who = name;
  function wrapped(this: unknown, ...args: unknown[]): unknown {
    timers.clear();
    if (loops.length && runs >= SELF_TRIGGER_RUNS) {
      const which = changedItself(args) ?? loops[0][2];
      runs = 0;
      throw new Error(
        `${who ?? "this cell"} was stopped: it sets ${which} and also reads ${which.slice(8)}, so each run started the next (${SELF_TRIGGER_RUNS} times in a row). Read the value as ${which}, which does not re-run the cell.`
      );
    }
    let value: unknown;
    try {
      value = definition.apply(this, args);
    } catch (error) {
      if (loops.length) count(args);
      throw asError(error, who);
    }
    if (isPromise(value)) {
      return value.then(
        (v) => (loops.length && count(args), v),
        (error: unknown) => {
          if (loops.length) count(args);
          throw asError(error, who);
        }
      );
    }
    if (loops.length) count(args);
    return value;
  }
  return {definition: wrapped, dispose: () => timers.clear()};
}
