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
  /** Records to make room for at first; the arrays double when full. Default 1024. */
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
  /** Values per record. */
  readonly size: number;
  /** How many moments are recorded (the start counts as one). */
  length = 0;
  #values: Float64Array;
  // loss, then gradient, per record; NaN-filled until measured, made only if needed
  #measured: Float64Array | null = null;
  #measure: Measure | undefined;

  constructor({parameters, measure, capacity = 1024}: RunRecorderOptions) {
    if (!Array.isArray(parameters) || parameters.length === 0) throw new Error("runRecorder: parameters is not a list of names");
    if (!(capacity >= 1)) throw new Error(`runRecorder: invalid capacity; not a positive number: ${capacity}`);
    this.parameters = [...parameters];
    this.size = parameters.length;
    this.#values = new Float64Array(Math.ceil(capacity) * this.size);
    this.#measure = measure;
  }

  /** Room for how many records before the arrays next grow. */
  get capacity(): number {
    return this.#values.length / this.size;
  }

  /**
   * Records the next moment's parameters, given as numbers in order (`push(w, b)`), for up to
   * three parameters (more go through pushFrom); returns its index. Written out by hand, with no
   * array in between, since training calls it once per iteration.
   */
  push(a: number, b?: number, c?: number): number {
    const {size} = this;
    const given = arguments.length;
    if (given !== size || size > 3) {
      throw new Error(size > 3 ? `runRecorder: push takes up to 3 values; use pushFrom for ${size}` : `runRecorder: ${given} values pushed, not ${size} (${this.parameters.join(", ")})`);
    }
    const i = this.length;
    if ((i + 1) * size > this.#values.length) this.#grow();
    const values = this.#values;
    const at = i * size;
    values[at] = a;
    if (size > 1) values[at + 1] = b!;
    if (size > 2) values[at + 2] = c!;
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
    if ((i + 1) * size > this.#values.length) this.#grow();
    const at = i * size;
    for (let j = 0; j < size; ++j) this.#values[at + j] = values[j];
    this.length = i + 1;
    if (loss !== undefined) this.#store(i, loss, gradient);
    return i;
  }

  /** Parameter `j` of moment `i`, read straight from the array. */
  parameter(i: number, j: number): number {
    return this.#values[this.#index(i) * this.size + j];
  }

  /** The parameters of moment `i` (negative counts from the end, as Array.at), as a fresh array. */
  parametersAt(i: number): Float64Array {
    const k = this.#index(i);
    return this.#values.slice(k * this.size, (k + 1) * this.size);
  }

  /** The loss at moment `i`, measured the first time it is asked for. */
  loss(i: number): number {
    const k = this.#index(i);
    return this.#measuredAt(k)[0];
  }

  /** Moment `i` (negative counts from the end), or undefined outside the run. */
  at(i: number): RunMoment | undefined {
    const k = i < 0 ? this.length + i : i;
    if (!(k >= 0 && k < this.length && Number.isInteger(k))) return undefined;
    const m = this.#measuredAt(k);
    return {iteration: k, parameters: Array.from(this.parametersAt(k)), loss: m[0], gradient: Array.from(m.subarray(1))};
  }

  /**
   * The moments to draw for a run of any length: at most about `limit` indexes, evenly spaced
   * by a power of two, always with the first and the last. As the run grows the spacing only
   * ever doubles, so each sample stays a sample and its measured loss is reused frame to frame.
   */
  samples(limit = 1000): Int32Array {
    const n = this.length;
    if (n === 0) return new Int32Array(0);
    let stride = 1;
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
    const copy = new RunRecorder({parameters: this.parameters, measure: this.#measure, capacity: Math.max(1, this.length)});
    copy.#values.set(this.#values.subarray(0, this.length * this.size));
    if (this.#measured) {
      copy.#measured = new Float64Array(copy.capacity * (this.size + 1)).fill(NaN);
      copy.#measured.set(this.#measured.subarray(0, this.length * (this.size + 1)));
    }
    copy.length = this.length;
    return copy;
  }

  /** Forgets every moment after `length` − 1, as when training goes on from a moment scrubbed back to. */
  truncate(length: number): void {
    if (!(length >= 0)) throw new Error(`runRecorder: invalid length; not a count: ${length}`);
    this.length = Math.min(this.length, Math.floor(length));
    // What was measured past the new end belongs to moments the next steps will overwrite.
    this.#measured?.fill(NaN, this.length * (this.size + 1));
  }

  /** Forgets the whole run, keeping its memory for the next. */
  clear(): void {
    this.length = 0;
    this.#measured?.fill(NaN);
  }

  /**
   * Runs the same update again from this run's start for as many steps as this run took, into
   * a new recorder: with the same start and the same arithmetic, every value is the same to the
   * last bit (see {@link firstDifference}).
   */
  replay(update: (parameters: Float64Array) => ArrayLike<number>, steps = this.length - 1): RunRecorder {
    if (this.length === 0) throw new Error("runRecorder: nothing to replay; the run has no start");
    const copy = new RunRecorder({parameters: this.parameters, measure: this.#measure, capacity: steps + 1});
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
   * different from the moment it stops.
   */
  firstDifference(other: RunRecorder): number {
    if (other.size !== this.size) return 0;
    const n = Math.min(this.length, other.length) * this.size;
    const a = new BigUint64Array(this.#values.buffer, 0, n);
    const b = new BigUint64Array(other.#values.buffer, 0, n);
    for (let k = 0; k < n; ++k) if (a[k] !== b[k]) return Math.floor(k / this.size);
    return this.length === other.length ? -1 : Math.min(this.length, other.length);
  }

  #index(i: number): number {
    const k = i < 0 ? this.length + i : i;
    if (!(k >= 0 && k < this.length)) throw new RangeError(`runRecorder: no moment ${i}; the run has ${this.length}`);
    return Math.floor(k);
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
    const next = new Float64Array(this.#values.length * 2);
    next.set(this.#values);
    this.#values = next;
    if (this.#measured) this.#measured = this.#grown(this.#measured);
  }

  #grown(old: Float64Array): Float64Array {
    const next = new Float64Array(this.capacity * (this.size + 1)).fill(NaN);
    next.set(old);
    return next;
  }

  #store(i: number, loss: number, gradient?: ArrayLike<number>): void {
    const stride = this.size + 1;
    this.#measured ??= new Float64Array(this.capacity * stride).fill(NaN);
    if (this.#measured.length < this.capacity * stride) this.#measured = this.#grown(this.#measured);
    const at = i * stride;
    this.#measured[at] = loss;
    for (let j = 0; j < this.size; ++j) this.#measured[at + 1 + j] = gradient ? gradient[j] : NaN;
  }

  #measuredAt(k: number): Float64Array {
    const stride = this.size + 1;
    const known = this.#measured && this.#measured.length >= (k + 1) * stride && !Number.isNaN(this.#measured[k * stride]);
    if (!known && this.#measure) {
      const {loss, gradient} = this.#measure(this.parametersAt(k));
      this.#store(k, loss, gradient);
    }
    if (!this.#measured || this.#measured.length < (k + 1) * stride) return new Float64Array(stride).fill(NaN);
    return this.#measured.subarray(k * stride, (k + 1) * stride);
  }
}

/** A recorder for a run of the named parameters (see {@link RunRecorder}). */
export function runRecorder(options: RunRecorderOptions): RunRecorder {
  return new RunRecorder(options);
}
