/** A function of two variables sampled on a regular grid, the input of every 3D and top view. */
export interface Grid {
  /** The nx sample positions along x, ascending, from the domain's start to its end. */
  x: Float64Array;
  /** The ny sample positions along y, ascending. */
  y: Float64Array;
  /** The values, row-major: z[j * nx + i] = f(x[i], y[j]); NaN where f is not finite. */
  z: Float64Array;
  /** Number of samples along x. */
  nx: number;
  /** Number of samples along y. */
  ny: number;
  /** Smallest finite value of z (NaN if there is none). */
  zMin: number;
  /** Largest finite value of z (NaN if there is none). */
  zMax: number;
}

/** Samples f at n × n points spanning both domains, ends included. */
export function sampleGrid(
  f: (x: number, y: number) => number,
  xDomain: [number, number],
  yDomain: [number, number],
  n = 41
): Grid {
  if (typeof f !== "function") throw new Error(`sampleGrid: f is not a function: ${f}`);
  checkDomain(xDomain, "xDomain");
  checkDomain(yDomain, "yDomain");
  if (!Number.isInteger(n) || n < 2) throw new Error(`sampleGrid: invalid n; not an integer ≥ 2: ${n}`);
  const x = steps(xDomain, n);
  const y = steps(yDomain, n);
  const z = new Float64Array(n * n);
  let zMin = Infinity;
  let zMax = -Infinity;
  for (let j = 0; j < n; ++j) {
    for (let i = 0; i < n; ++i) {
      let v = +f(x[i], y[j]);
      if (!Number.isFinite(v)) v = NaN;
      else if (v < zMin) zMin = v;
      if (v > zMax) zMax = v;
      z[j * n + i] = v;
    }
  }
  if (zMin > zMax) zMin = zMax = NaN;
  return {x, y, z, nx: n, ny: n, zMin, zMax};
}

function steps([start, end]: [number, number], n: number): Float64Array {
  // Computed from both ends, so the last sample is exactly the domain's end.
  return Float64Array.from({length: n}, (_, i) => (start * (n - 1 - i) + end * i) / (n - 1));
}

function checkDomain(domain: [number, number], name: string): void {
  if (!Array.isArray(domain) || domain.length !== 2 || !domain.every(Number.isFinite) || domain[0] === domain[1]) {
    throw new Error(`sampleGrid: invalid ${name}; not two different finite numbers: ${JSON.stringify(domain)}`);
  }
}

/**
 * The z domain a chart of the grid uses: the one given, else the grid's range, widened when
 * the function is flat (or nowhere finite) so scales still have two distinct ends.
 */
export function zExtent(grid: Grid, zDomain?: [number, number]): [number, number] {
  if (zDomain !== undefined) {
    if (!Array.isArray(zDomain) || zDomain.length !== 2 || !zDomain.every(Number.isFinite) || zDomain[0] >= zDomain[1]) {
      throw new Error(`invalid zDomain; not two ascending finite numbers: ${JSON.stringify(zDomain)}`);
    }
    return zDomain;
  }
  const {zMin, zMax} = grid;
  if (Number.isNaN(zMin)) return [0, 1];
  if (zMin === zMax) return [zMin - 1, zMax + 1];
  return [zMin, zMax];
}
