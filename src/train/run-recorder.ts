/** One recorded moment of a run: where training stood after `iteration` updates. */
export interface RunMoment {
  /** How many updates led here (0 is the start). */
  iteration: number;
  /** The parameters, in the recorder's order (a copy). */
  parameters: number[];
  /** The loss there (NaN if the recorder has no way to measure it). */
  loss: number;
  /** The gradient of the loss there, one slope per parameter (NaNs if unknown). */
  gradient: number[];
}

/** What a recorder measures at a point, if asked: the loss and its gradient. */
export type Measure = (parameters: Float64Array) => {loss: number; gradient: ArrayLike<number>};

/** Options for {@link RunRecorder}. */
export interface RunRecorderOptions {
  /** The parameters' names, in the order `push` takes them: ["w", "b"]. */
  parameters: readonly string[];
  /**
   * Measures the loss and gradient at given parameters. Called only for the moments someone
   * asks about (the one the timeline shows, the loss curve's samples), then kept; so training
   * pays for writing its parameters and nothing else.
   */
  measure?: Measure;
  /**
   * The training step, for moments a long run no longer keeps (see `maxBytes`): from the kept
   * moment before, it recomputes them exactly. Without it, such a moment reads as that kept one.
   */
  update?: (parameters: Float64Array) => ArrayLike<number>;
  /**
   * The most memory the parameters may take. Past it the recorder keeps every other moment
   * (then every fourth, …), so a long run of a big model stays within it. Default 64 MB: four
   * million moments of the line, about 440,000 of a network of six hidden neurons.
   */
  maxBytes?: number;
  /** Moments to make room for at first; the arrays double when full. Default 1024. */
  capacity?: number;
}

/**
 * Every iteration of one training run, in growable Float64Arrays: the parameters of each step
 * (written as training goes, 8 bytes a parameter) and, when first asked for, the loss and
 * gradient there. A million iterations of the line cost 16 MB and no slower training: the
 * arrays double when full, so on average each value is copied fewer than two more times.
 */
export class RunRecorder {
  /** The parameters' names. */
  readonly parameters: readonly string[];
  /** Values per moment. */
  readonly size: number;
  /** How many moments the run has (the start counts as one). */
  length = 0;
  #values: Float64Array;
  // loss, then gradient, per kept moment; NaN until measured, made only if needed
  #measured: Float64Array | null = null;
  #measure: Measure | undefined;
  #update: RunRecorderOptions["update"];
  #maxBytes: number;
  /** The most moments kept. */
  #limit: number;
  /** Moments kept: iterations 0, stride, 2·stride, … (a power of two, 1 until the run is long). */
  #stride = 1;
  #mask = 0;
  #stored = 0;
  /** The latest moment, always exact, whether kept or not. */
  #last: Float64Array;
  #lastMeasured: {loss: number; gradient: Float64Array} | null = null;

  constructor({parameters, measure, update, maxBytes = 64 * 2 ** 20, capacity = 1024}: RunRecorderOptions) {
    if (!Array.isArray(parameters) || parameters.length === 0) throw new Error("runRecorder: parameters is not a list of names");
    if (!(capacity >= 1)) throw new Error(`runRecorder: invalid capacity; not a positive number: ${capacity}`);
    if (!(maxBytes > 0)) throw new Error(`runRecorder: invalid maxBytes; not a positive number: ${maxBytes}`);
    this.parameters = [...parameters];
    this.size = parameters.length;
    this.#maxBytes = maxBytes;
    this.#limit = Math.max(16, Math.floor(maxBytes / 8 / this.size));
    this.#values = new Float64Array(Math.min(Math.ceil(capacity), this.#limit) * this.size);
    this.#last = new Float64Array(this.size);
    this.#measure = measure;
    this.#update = update;
  }

  /** Room for how many moments before the arrays next grow. */
  get capacity(): number {
    return this.#values.length / this.size;
  }

  /** Every how many iterations a moment is kept: 1 until the run outgrows `maxBytes`. */
  get stride(): number {
    return this.#stride;
  }

  /**
   * Records the next moment's parameters, given as numbers in order (`push(w, b)`), for up to
   * three parameters (more go through pushFrom); returns its index. Written out by hand, with no
   * array in between, since training calls it once per iteration.
   */
  push(a: number, b?: number, c?: number): number {
    // Small on purpose, so the optimizing compiler inlines it into the training loop; a moment
    // that is kept is written once, straight into its slot, and the rare paths are calls.
    const {size} = this;
    if (arguments.length !== size || size > 3) this.#wrongCount(arguments.length);
    const i = this.length;
    const slot = (i & this.#mask) === 0 ? this.#slotFor(i) : -1;
    const target = slot >= 0 ? this.#values : this.#last;
    const at = slot >= 0 ? slot * size : 0;
    target[at] = a;
    if (size > 1) target[at + 1] = b!;
    if (size > 2) target[at + 2] = c!;
    this.#lastMeasured = null;
    this.length = i + 1;
    return i;
  }

  /**
   * Records the next moment from an array of parameters, with its loss and gradient if the
   * loop has them already (so they need not be measured again); returns its index.
   */
  pushFrom(values: ArrayLike<number>, loss?: number, gradient?: ArrayLike<number>): number {
    const {size} = this;
    if (values.length !== size) throw new Error(`runRecorder: ${values.length} values pushed, not ${size} (${this.parameters.join(", ")})`);
    const i = this.length;
    const slot = (i & this.#mask) === 0 ? this.#slotFor(i) : -1;
    const target = slot >= 0 ? this.#values : this.#last;
    const at = slot >= 0 ? slot * size : 0;
    for (let j = 0; j < size; ++j) target[at + j] = values[j];
    this.#lastMeasured = null;
    this.length = i + 1;
    if (loss !== undefined) {
      const g = Float64Array.from({length: size}, (_, j) => (gradient ? gradient[j] : NaN));
      this.#lastMeasured = {loss, gradient: g};
      if (slot >= 0) this.#store(slot, loss, g);
    }
    return i;
  }

  /** Parameter `j` of moment `i` (see {@link parametersAt}). */
  parameter(i: number, j: number): number {
    const k = this.#index(i);
    const slot = this.#slot(k);
    return slot >= 0 ? this.#values[slot * this.size + j] : this.parametersAt(k)[j];
  }

  /**
   * The parameters of moment `i` (negative counts from the end, as Array.at), as a fresh array.
   * A moment a long run no longer keeps is recomputed with `update`, or else is the kept one
   * before it (see {@link kept}).
   */
  parametersAt(i: number): Float64Array {
    const k = this.#index(i);
    const slot = this.#slot(k);
    if (slot >= 0) return this.#values.slice(slot * this.size, (slot + 1) * this.size);
    if (k === this.length - 1) return this.#last.slice();
    const from = Math.floor(k / this.#stride);
    let p = this.#values.slice(from * this.size, (from + 1) * this.size);
    if (!this.#update) return p;
    for (let n = from * this.#stride; n < k; ++n) p = Float64Array.from(this.#update(p));
    return p;
  }

  /** The moment that reading moment `i` gives: `i` itself, unless it was thinned out and there is no `update`. */
  kept(i: number): number {
    const k = this.#index(i);
    if (k === this.length - 1 || this.#update) return k;
    return Math.floor(k / this.#stride) * this.#stride;
  }

  /** The loss at moment `i`, measured the first time it is asked for. */
  loss(i: number): number {
    return this.#measuredAt(this.#index(i)).loss;
  }

  /** Moment `i` (negative counts from the end), or undefined outside the run; `iteration` says which moment it is (see {@link kept}). */
  at(i: number): RunMoment | undefined {
    const k = i < 0 ? this.length + i : i;
    if (!(k >= 0 && k < this.length && Number.isInteger(k))) return undefined;
    const shown = this.kept(k);
    const m = this.#measuredAt(shown);
    return {iteration: shown, parameters: Array.from(this.parametersAt(shown)), loss: m.loss, gradient: Array.from(m.gradient)};
  }

  /**
   * The moments to draw for a run of any length: at most about `limit` indexes, evenly spaced
   * by a power of two, always with the first and the last. As the run grows the spacing only
   * ever doubles, so each sample stays a sample and its measured loss is reused frame to frame.
   */
  samples(limit = 1000): Int32Array {
    const n = this.length;
    if (n === 0) return new Int32Array(0);
    let stride = this.#stride;
    while ((n - 1) / stride > limit) stride *= 2;
    const count = Math.floor((n - 1) / stride) + 1;
    const last = (count - 1) * stride === n - 1 ? 0 : 1;
    const out = new Int32Array(count + last);
    for (let k = 0; k < count; ++k) out[k] = k * stride;
    if (last) out[count] = n - 1;
    return out;
  }

  /** The path through two parameters (default the first two) at the samples, as [x, y] points for a chart. */
  path(limit = 1000, [jx, jy]: [number, number] = [0, 1], upTo = this.length - 1): [number, number][] {
    const picked = this.#upTo(this.samples(limit), upTo);
    return Array.from(picked, (i) => [this.parameter(i, jx), this.parameter(i, jy)]);
  }

  /** The loss at the samples (measured as needed), up to moment `upTo`: columns for a loss chart. */
  lossCurve(limit = 1000, upTo = this.length - 1): {iterations: Float64Array; losses: Float64Array} {
    const picked = this.#upTo(this.samples(limit), upTo);
    const losses = new Float64Array(picked.length);
    for (let k = 0; k < picked.length; ++k) losses[k] = this.loss(picked[k]);
    return {iterations: Float64Array.from(picked), losses};
  }

  /** A recorder of its own with the same moments (and what was measured), for keeping a run as it is now. */
  copy(): RunRecorder {
    const copy = this.#empty(Math.max(1, this.#stored));
    copy.#values.set(this.#values.subarray(0, this.#stored * this.size));
    if (this.#measured) {
      copy.#measured = new Float64Array(copy.capacity * (this.size + 1)).fill(NaN);
      copy.#measured.set(this.#measured.subarray(0, this.#stored * (this.size + 1)));
    }
    copy.#stride = this.#stride;
    copy.#mask = this.#mask;
    copy.#stored = this.#stored;
    copy.#last.set(this.#last);
    copy.#lastMeasured = this.#lastMeasured && {loss: this.#lastMeasured.loss, gradient: this.#lastMeasured.gradient.slice()};
    copy.length = this.length;
    return copy;
  }

  /**
   * Forgets every moment after `length` − 1, as when training goes on from a moment scrubbed
   * back to. In a long run without `update`, it goes back to the kept moment at or before it.
   */
  truncate(length: number): void {
    if (!(length >= 0)) throw new Error(`runRecorder: invalid length; not a count: ${length}`);
    const n = Math.min(this.length, Math.floor(length));
    if (n === this.length) return;
    if (n === 0) return this.clear();
    const k = this.kept(n - 1);
    const p = this.parametersAt(k);
    this.#stored = Math.floor(k / this.#stride) + 1;
    this.#last.set(p);
    this.#lastMeasured = null;
    this.length = k + 1;
    // What was measured past the new end belongs to moments the next steps will overwrite.
    this.#measured?.fill(NaN, this.#stored * (this.size + 1));
  }

  /** Forgets the whole run, keeping its memory for the next. */
  clear(): void {
    this.length = 0;
    this.#stored = 0;
    this.#stride = 1;
    this.#mask = 0;
    this.#lastMeasured = null;
    this.#measured?.fill(NaN);
  }

  /**
   * Runs the same update again from this run's start for as many steps as this run took, into
   * a new recorder: with the same start and the same arithmetic, every value is the same to the
   * last bit (see {@link firstDifference}).
   */
  replay(update: (parameters: Float64Array) => ArrayLike<number>, steps = this.length - 1): RunRecorder {
    if (this.length === 0) throw new Error("runRecorder: nothing to replay; the run has no start");
    const copy = this.#empty(Math.min(steps + 1, this.#limit));
    let p = this.parametersAt(0);
    copy.pushFrom(p);
    for (let k = 0; k < steps; ++k) {
      p = Float64Array.from(update(p));
      copy.pushFrom(p);
    }
    return copy;
  }

  /**
   * The first moment at which the two runs' parameters differ in any bit (NaNs compared by
   * their bits too), or −1 if they are the same moments, bit for bit. A run that stops early is
   * different from the moment it stops. Moments that either run no longer keeps are not compared.
   */
  firstDifference(other: RunRecorder): number {
    if (other.size !== this.size) return 0;
    const common = Math.min(this.length, other.length);
    const stride = Math.max(this.#stride, other.#stride);
    const a = new Float64Array(this.size);
    const b = new Float64Array(other.size);
    const bitsA = new BigUint64Array(a.buffer);
    const bitsB = new BigUint64Array(b.buffer);
    const differs = (k: number) => {
      a.set(this.parametersAt(k));
      b.set(other.parametersAt(k));
      for (let j = 0; j < this.size; ++j) if (bitsA[j] !== bitsB[j]) return true;
      return false;
    };
    if (stride === 1 && common > 0) {
      const n = common * this.size;
      const x = new BigUint64Array(this.#values.buffer, 0, n);
      const y = new BigUint64Array(other.#values.buffer, 0, n);
      for (let k = 0; k < n; ++k) if (x[k] !== y[k]) return Math.floor(k / this.size);
    } else {
      for (let k = 0; k < common; k += stride) if (differs(k)) return k;
    }
    // The last moment both have, exact in both (each run's latest is always exact).
    if (common > 0 && this.kept(common - 1) === common - 1 && other.kept(common - 1) === common - 1 && differs(common - 1)) return common - 1;
    return this.length === other.length ? -1 : common;
  }

  #empty(capacity: number): RunRecorder {
    return new RunRecorder({parameters: this.parameters, measure: this.#measure, update: this.#update, maxBytes: this.#maxBytes, capacity});
  }

  /** The slot for moment `i` (which falls on the stride), making room first if needed; or −1 if thinning leaves it out. */
  #slotFor(i: number): number {
    const slot = this.#stored;
    if ((slot + 1) * this.size > this.#values.length) return this.#slotAfterRoom(i);
    this.#stored = slot + 1;
    return slot;
  }

  /** The arrays are full: thin the run if it has reached its limit, else grow them. */
  #slotAfterRoom(i: number): number {
    if (this.#stored === this.#limit) this.#thin();
    else this.#grow();
    return (i & this.#mask) === 0 ? this.#slotFor(i) : -1;
  }

  #wrongCount(given: number): never {
    const {size} = this;
    throw new Error(size > 3 ? `runRecorder: push takes up to 3 values; use pushFrom for ${size}` : `runRecorder: ${given} values pushed, not ${size} (${this.parameters.join(", ")})`);
  }

  /** Keeps every other kept moment, doubling the stride: the memory a long run takes stays bounded. */
  #thin(): void {
    const {size} = this;
    const m = size + 1;
    const half = Math.ceil(this.#stored / 2);
    for (let k = 1; k < half; ++k) {
      this.#values.copyWithin(k * size, 2 * k * size, (2 * k + 1) * size);
      this.#measured?.copyWithin(k * m, 2 * k * m, (2 * k + 1) * m);
    }
    this.#measured?.fill(NaN, half * m);
    this.#stored = half;
    this.#stride *= 2;
    this.#mask = this.#stride - 1;
  }

  #index(i: number): number {
    const k = i < 0 ? this.length + i : i;
    if (!(k >= 0 && k < this.length)) throw new RangeError(`runRecorder: no moment ${i}; the run has ${this.length}`);
    return Math.floor(k);
  }

  /** The slot that keeps moment k, or −1. */
  #slot(k: number): number {
    if ((k & this.#mask) !== 0) return -1;
    const slot = k / this.#stride;
    return slot < this.#stored ? slot : -1;
  }

  #upTo(samples: Int32Array, upTo: number): Int32Array {
    const end = Math.min(this.length - 1, Math.floor(upTo));
    if (end < 0) return new Int32Array(0);
    let n = 0;
    while (n < samples.length && samples[n] <= end) ++n;
    if (n > 0 && samples[n - 1] === end) return samples.subarray(0, n);
    const out = new Int32Array(n + 1);
    out.set(samples.subarray(0, n));
    out[n] = end;
    return out;
  }

  #grow(): void {
    const next = new Float64Array(Math.min(this.#values.length * 2, this.#limit * this.size));
    next.set(this.#values);
    this.#values = next;
    if (this.#measured) this.#measured = this.#grown(this.#measured);
  }

  #grown(old: Float64Array): Float64Array {
    const next = new Float64Array(this.capacity * (this.size + 1)).fill(NaN);
    next.set(old);
    return next;
  }

  #store(slot: number, loss: number, gradient: ArrayLike<number>): void {
    const stride = this.size + 1;
    this.#measured ??= new Float64Array(this.capacity * stride).fill(NaN);
    if (this.#measured.length < this.capacity * stride) this.#measured = this.#grown(this.#measured);
    const at = slot * stride;
    this.#measured[at] = loss;
    for (let j = 0; j < this.size; ++j) this.#measured[at + 1 + j] = gradient[j];
  }

  /** The loss and gradient at moment k: kept ones are measured once and remembered. */
  #measuredAt(k: number): {loss: number; gradient: Float64Array} {
    const stride = this.size + 1;
    const slot = this.#slot(k);
    if (slot >= 0) {
      const known = this.#measured && !Number.isNaN(this.#measured[slot * stride]);
      if (!known && this.#measure) {
        const {loss, gradient} = this.#measure(this.parametersAt(k));
        this.#store(slot, loss, gradient);
      }
      if (this.#measured && this.#measured.length >= (slot + 1) * stride) {
        const m = this.#measured.subarray(slot * stride, (slot + 1) * stride);
        return {loss: m[0], gradient: m.subarray(1)};
      }
    } else if (k === this.length - 1 && this.#lastMeasured) {
      return this.#lastMeasured;
    } else if (this.#measure) {
      const {loss, gradient} = this.#measure(this.parametersAt(k));
      const measured = {loss, gradient: Float64Array.from(gradient)};
      if (k === this.length - 1) this.#lastMeasured = measured;
      return measured;
    }
    return {loss: NaN, gradient: new Float64Array(this.size).fill(NaN)};
  }
}

/** A recorder for a run of the named parameters (see {@link RunRecorder}). */
export function runRecorder(options: RunRecorderOptions): RunRecorder {
  return new RunRecorder(options);
}
