/** Parameters as the lesson's cells hold them: an object of numbers ({w, b}), or an array. */
export type Parameters = Readonly<Record<string, number>> | ArrayLike<number>;

/** Options for {@link previewPath}. */
export interface PreviewOptions<P> {
  /** Which fields of an object start, in order. Default all of them, in the start's key order. */
  keys?: readonly (keyof P & string)[];
  /** Stop once any value's size passes this (a diverging walk). Default 1e6. */
  bound?: number;
}

/**
 * Where the next `steps` updates lead from `start`: the values at the start and after each
 * step, interleaved in one Float64Array ([w₀, b₀, w₁, b₁, …] for {w, b}). It stops early, with
 * the last finite values, when a step overflows or passes `bound`, so a diverging rate draws
 * the first few strides and not a line to infinity. `update` is the chapter's own, so the
 * preview is exactly the walk that training will take.
 */
export function previewPath<P extends Parameters>(start: P, update: (parameters: P) => P, steps: number, options: PreviewOptions<P> = {}): Float64Array {
  if (!(steps >= 0) || !Number.isFinite(steps)) throw new Error(`previewPath: invalid steps; not a count: ${steps}`);
  const {bound = 1e6} = options;
  const array = isArrayLike(start);
  const keys = array ? null : options.keys ?? (Object.keys(start) as (keyof P & string)[]);
  const k = array ? start.length : keys!.length;
  const read = array ? (p: P, j: number) => (p as ArrayLike<number>)[j] : (p: P, j: number) => (p as Record<string, number>)[keys![j]];
  const out = new Float64Array((Math.floor(steps) + 1) * k);
  let p = start;
  let n = 0;
  for (; n <= steps; ++n) {
    if (n > 0) p = update(p);
    let fine = true;
    for (let j = 0; j < k; ++j) {
      const v = read(p, j);
      if (!(Math.abs(v) <= bound)) fine = false;
      out[n * k + j] = v;
    }
    if (!fine) break;
  }
  // A step past the bound is kept (it shows the overshoot), one that is not a number is not.
  let end = Math.min(n + 1, Math.floor(steps) + 1);
  if (n <= steps && !Array.from(out.subarray(n * k, (n + 1) * k)).every(Number.isFinite)) end = n;
  return out.slice(0, end * k);
}

function isArrayLike(p: Parameters): p is ArrayLike<number> {
  return Array.isArray(p) || ArrayBuffer.isView(p);
}
