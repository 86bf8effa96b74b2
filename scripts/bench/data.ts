// Generated data for the scale runs: noisy points near the line y = 0.6·x + 0.2, from a seeded
// generator (mulberry32), written out as the source of the `fitting` chapter's `data` cell so the
// source stays a few lines long whatever the number of points. descent.py makes the same points.

/** The lesson's data, as cells/11-fitting.md ships them. */
export const LESSON_DATA: [number, number][] = [[1, 0.85], [2, 1.43], [3, 1.92], [4, 2.59], [5, 3.2], [6, 3.82], [7, 4.38], [8, 4.97]];

/** The seed every run uses, so every run measures the same points. */
export const SEED = 20240611;

/**
 * The body of the generator, shared by the cell source and the Node copy below. x lies in [0, 1):
 * with the sum-of-squares loss the gradient grows with the number of points, and on [0, 1) the
 * descent chapter's smallest learning rate (0.00001) still converges at 100,000 points.
 */
const body = (points: number, seed: number) => `let s = ${seed} | 0;
  const random = () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({length: ${points}}, () => {
    const x = random();
    return [x, 0.6 * x + 0.2 + (random() + random() - 1) * 0.1];
  });`;

/** The `data` cell that makes `points` points. */
export function dataCell(points: number, seed = SEED): string {
  return `data = {\n  ${body(points, seed)}\n}`;
}

/** The same points, made here. */
export function generate(points: number, seed = SEED): [number, number][] {
  return new Function(body(points, seed))() as [number, number][];
}

/**
 * The largest learning rate the descent chapter's slider offers (0.00001 to 0.02, default 0.001)
 * at which gradient descent on these points still converges: below 2/λ, λ the largest
 * eigenvalue of the loss's Hessian [[Σx², Σx], [Σx, n]], with a margin.
 */
export function learningRateFor(data: [number, number][]): number {
  let sxx = 0, sx = 0;
  for (const [x] of data) (sxx += x * x), (sx += x);
  const n = data.length;
  const lambda = (sxx + n) / 2 + Math.sqrt(((sxx - n) / 2) ** 2 + sx * sx);
  return Math.min(0.001, Math.max(0.00001, 1 / lambda));
}
