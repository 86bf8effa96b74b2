/** A state of training: at least the iteration counter (as a trainer holds it). */
export type State = {iteration_counter: number} & Record<string, unknown>;

/** The lesson's loop: `iterations` steps from a state, giving back the state they end in. */
export type Loop<S extends State> = (state: S, iterations: number) => S;

/** Options for {@link RunRecord}. */
export interface RunRecordOptions<S extends State> {
  /** The loss at a state, measured only for the moments a chart asks about, then kept. */
  loss?: (state: S) => number;
  /** The most states kept before every other one is let go (the run stays exact). Default 200,000. */
  maxStates?: number;
}

/**
 * Every iteration of one training run, kept for nothing while it trains: the trainer hands over
 * the state at the end of each call of the chapter's loop (a few thousand iterations at most),
 * and any iteration in between is worked out again, when asked for, by running that same loop
 * from the state before it. `train(s, k)` then `train(s', m)` equals `train(s, k + m)`, so the
 * moment comes out to the last bit as training had it; the first time a stretch is read it is
 * also run to its end and checked against the state kept there (see {@link exact}).
 *
 * Each kept state remembers the loop that led to it, so a run whose learning rate changed
 * half-way still replays each stretch with the rate it had.
 */
export class RunRecord<S extends State> {
  /** The iteration of each kept state, increasing; the first is the start. */
  #iterations = new Float64Array(1024);
  #states: S[] = [];
  /** The loop that led to each kept state (none for the start). */
  #loops: (Loop<S> | null)[] = [];
  /** The loss at each kept state; NaN until measured. */
  #losses = new Float64Array(1024);
  #loss: RunRecordOptions<S>["loss"];
  #maxStates: number;
  /** Stretches checked by running them to their end: index of the state they end at → whether it matched. */
  #checked = new Map<number, boolean>();

  constructor(start: S, options: RunRecordOptions<S> = {}) {
    this.#loss = options.loss;
    this.#maxStates = Math.max(16, options.maxStates ?? 200_000);
    this.#keep(start, null);
  }

  /** How many moments the run has (its start counts as one): the latest iteration + 1. */
  get length(): number {
    return this.latest.iteration_counter - this.start.iteration_counter + 1;
  }

  /** The iteration training started at (0, unless it went on from a state given from outside). */
  get first(): number {
    return this.start.iteration_counter;
  }

  get start(): S {
    return this.#states[0];
  }

  get latest(): S {
    return this.#states[this.#states.length - 1];
  }

  /** How many states are kept (the rest are worked out when asked for). */
  get kept(): number {
    return this.#states.length;
  }

  /** Records where one call of `loop` ended. Calls must come in order, each going on from the last. */
  push(state: S, loop: Loop<S>): void {
    const at = state.iteration_counter;
    if (!(at > this.latest.iteration_counter)) return; // nothing ran (a call for 0 iterations)
    if (this.#states.length >= this.#maxStates) this.#thin();
    this.#keep(state, loop);
  }

  /** The state after `iteration` iterations, exact. */
  at(iteration: number): S {
    const n = Math.max(this.first, Math.min(this.latest.iteration_counter, Math.round(iteration)));
    const i = this.#before(n);
    const kept = this.#states[i];
    if (kept.iteration_counter === n) return kept;
    const loop = this.#loops[i + 1]!;
    const state = loop(kept, n - kept.iteration_counter);
    if (!this.#checked.has(i + 1)) {
      const end = this.#states[i + 1];
      this.#checked.set(i + 1, same(loop(state, end.iteration_counter - n), end));
    }
    return state;
  }

  /**
   * Whether every stretch read so far came out, at its end, as the state training kept there:
   * false means the loop does not give the same result when split differently (it draws random
   * numbers, say, or keeps something between calls), so the moments in between are only close.
   */
  get exact(): boolean {
    for (const ok of this.#checked.values()) if (!ok) return false;
    return true;
  }

  /** The loss at the kept state `i`, measured once. */
  #lossAt(i: number): number {
    let l = this.#losses[i];
    if (Number.isNaN(l) && this.#loss) l = this.#losses[i] = this.#loss(this.#states[i]);
    return l;
  }

  /**
   * Kept states to draw the run with, up to `iteration`: at most about `limit`, evenly spread
   * through the kept ones (every kept state, every other one, every fourth …, so the samples
   * stay the same from frame to frame and their losses are measured once), with the start.
   */
  #samples(iteration: number, limit: number): number[] {
    const end = this.#before(iteration);
    let stride = 1;
    while (end / stride > limit) stride *= 2;
    const out: number[] = [];
    for (let i = 0; i <= end; i += stride) out.push(i);
    return out;
  }

  /**
   * The run up to `iteration`, for charts: the path through two of the state's numbers, and the
   * loss along it, sampled from the kept states and ending exactly at that iteration.
   */
  upTo(iteration: number, pick: (state: S) => [number, number], limit = 1000): {path: [number, number][]; iterations: number[]; losses: number[]} {
    const moment = this.at(iteration);
    const path: [number, number][] = [];
    const iterations: number[] = [];
    const losses: number[] = [];
    for (const i of this.#samples(moment.iteration_counter, limit)) {
      const s = this.#states[i];
      if (s.iteration_counter === moment.iteration_counter) break;
      path.push(pick(s));
      iterations.push(s.iteration_counter);
      losses.push(this.#lossAt(i));
    }
    path.push(pick(moment));
    iterations.push(moment.iteration_counter);
    losses.push(this.#loss ? this.#loss(moment) : NaN);
    return {path, iterations, losses};
  }

  #keep(state: S, loop: Loop<S> | null): void {
    const i = this.#states.length;
    if (i === this.#iterations.length) {
      this.#iterations = grown(this.#iterations);
      this.#losses = grown(this.#losses);
      this.#losses.fill(NaN, i);
    }
    this.#states.push(state);
    this.#loops.push(loop);
    this.#iterations[i] = state.iteration_counter;
    this.#losses[i] = NaN;
  }

  /** The index of the last kept state at or before iteration n. */
  #before(n: number): number {
    let lo = 0;
    let hi = this.#states.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.#iterations[mid] <= n) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /**
   * Lets every other kept state go (never the start or the latest). A stretch then spans two
   * calls of maybe different loops, so the loop that ran it is kept only where both agree;
   * where they differ both states stay.
   */
  #thin(): void {
    const states: S[] = [];
    const loops: (Loop<S> | null)[] = [];
    const losses: number[] = [];
    const n = this.#states.length;
    for (let i = 0; i < n; ++i) {
      const dropped = i % 2 === 1 && i < n - 1 && this.#loops[i] === this.#loops[i + 1];
      if (dropped) continue;
      states.push(this.#states[i]);
      loops.push(this.#loops[i]);
      losses.push(this.#losses[i]);
    }
    this.#states = states;
    this.#loops = loops;
    this.#iterations.fill(0);
    states.forEach((s, i) => (this.#iterations[i] = s.iteration_counter));
    this.#losses.fill(NaN);
    this.#losses.set(losses);
    this.#checked.clear();
  }
}

function grown(a: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> {
  const next = new Float64Array(a.length * 2);
  next.set(a);
  return next;
}

/** Whether two states hold the same values, numbers compared to the last bit (−0 and NaN too). */
export function same(a: unknown, b: unknown): boolean {
  if (typeof a === "number" || typeof b === "number") return Object.is(a, b);
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
