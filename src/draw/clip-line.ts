/** A straight line w1·x + w2·y + b = 0, as a linear classifier's decision boundary is written. */
export interface Boundary {
  /** Coefficient of x (the first input's weight). */
  w1: number;
  /** Coefficient of y (the second input's weight). */
  w2: number;
  /** Constant term (the bias). */
  b: number;
}

/**
 * The segment of the line w1·x + w2·y + b = 0 inside the rectangle xDomain × yDomain, as its
 * two ends; null when the line misses the rectangle or is no line at all (w1 = w2 = 0).
 */
export function clipLine(
  {w1, w2, b}: Boundary,
  [x0, x1]: [number, number],
  [y0, y1]: [number, number]
): [[number, number], [number, number]] | null {
  if (![w1, w2, b].every(Number.isFinite)) return null;
  const ex = Math.abs(x1 - x0) * 1e-12;
  const ey = Math.abs(y1 - y0) * 1e-12;
  const inside = ([x, y]: [number, number]) =>
    x >= Math.min(x0, x1) - ex && x <= Math.max(x0, x1) + ex && y >= Math.min(y0, y1) - ey && y <= Math.max(y0, y1) + ey;
  const hits: [number, number][] = [];
  // Where the line crosses each side of the rectangle, kept if that crossing is on the side.
  if (w2 !== 0) for (const x of [x0, x1]) hits.push([x, -(w1 * x + b) / w2]);
  if (w1 !== 0) for (const y of [y0, y1]) hits.push([-(w2 * y + b) / w1, y]);
  const kept = hits.filter(inside);
  let best: [[number, number], [number, number]] | null = null;
  let longest = 0;
  for (const p of kept) {
    for (const q of kept) {
      const length = Math.hypot(q[0] - p[0], q[1] - p[1]);
      if (length > longest) (longest = length), (best = [p, q]);
    }
  }
  return best;
}
