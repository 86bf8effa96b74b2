import {rgb, type RGBColor} from "d3-color";
import type {BoxFrame} from "./box-axes.js";
import type {Grid} from "./grid.js";
import {cross, dot, normalize, sub, type Point3, type View} from "./project.js";

/** The quads of a surface, fixed for a grid: world corners, four vertex indices each, a colour each. */
export interface Mesh {
  /** World coordinates of the kept grid vertices, xyz interleaved. */
  vertices: Float64Array;
  /** Four vertex indices per quad, going round it. */
  corners: Uint32Array;
  /** The fill of each quad: its mean height's colour, darkened where it faces away from the light. */
  fills: string[];
  /** Each quad's column and row in the (thinned) grid, interleaved. */
  cells: Uint32Array;
  /** Number of columns of quads. */
  columns: number;
  /** Number of rows of quads. */
  rows: number;
  /** Number of quads; quads with a missing (non-finite) corner are left out. */
  count: number;
}

/** Light from the upper left front, in world coordinates (unit length). */
const LIGHT: Point3 = normalize([-0.5, -0.6, 1]);

/** The grid's quads, at most about maxQuads of them (finer grids are thinned out evenly). */
export function buildMesh(grid: Grid, frame: BoxFrame, maxQuads: number, color: (z: number) => RGBColor): Mesh {
  const side = Math.max(1, Math.floor(Math.sqrt(maxQuads)));
  const is = thin(grid.nx, side);
  const js = thin(grid.ny, side);
  const columns = is.length;
  const vertices = new Float64Array(columns * js.length * 3);
  const heights = new Float64Array(columns * js.length);
  js.forEach((j, b) => {
    is.forEach((i, a) => {
      const v = b * columns + a;
      const z = grid.z[j * grid.nx + i];
      heights[v] = z;
      vertices[v * 3] = frame.x(grid.x[i]);
      vertices[v * 3 + 1] = frame.y(grid.y[j]);
      vertices[v * 3 + 2] = Number.isFinite(z) ? frame.z(z) : NaN;
    });
  });
  const corners: number[] = [];
  const fills: string[] = [];
  const cells: number[] = [];
  const at = (k: number): Point3 => [vertices[k * 3], vertices[k * 3 + 1], vertices[k * 3 + 2]];
  for (let b = 0; b + 1 < js.length; ++b) {
    for (let a = 0; a + 1 < columns; ++a) {
      const v0 = b * columns + a;
      const v1 = v0 + 1;
      const v2 = v0 + columns + 1;
      const v3 = v0 + columns;
      const mean = (heights[v0] + heights[v1] + heights[v2] + heights[v3]) / 4;
      if (Number.isNaN(mean)) continue;
      corners.push(v0, v1, v2, v3);
      cells.push(a, b);
      const normal = normalize(cross(sub(at(v2), at(v0)), sub(at(v3), at(v1))));
      // Faces turned from the light are darker, as by d3's darker(0.6) at most.
      const dim = 0.7 ** (0.6 * (1 - Math.abs(dot(normal, LIGHT))));
      const {r, g, b: blue} = color(mean);
      fills.push(`rgb(${channel(r * dim)},${channel(g * dim)},${channel(blue * dim)})`);
    }
  }
  return {
    vertices,
    corners: Uint32Array.from(corners),
    fills,
    cells: Uint32Array.from(cells),
    columns: columns - 1,
    rows: js.length - 1,
    count: fills.length
  };
}

function channel(c: number): number {
  return Math.max(0, Math.min(255, Math.round(c)));
}

/** Up to side + 1 indices spread evenly over 0 … n − 1, both ends kept. */
function thin(n: number, side: number): number[] {
  if (n - 1 <= side) return Array.from({length: n}, (_, i) => i);
  return Array.from({length: side + 1}, (_, k) => Math.round((k * (n - 1)) / side));
}

/**
 * The order to paint quads in, far to near, for an eye on the +x side (or not) and the +y
 * side (or not): rows from the far side, and each row from its far end. For a height field
 * seen from above this is exact, since a quad can only be hidden by quads nearer in both
 * row and column (the order R's persp() paints in); it changes only between quadrants.
 */
export function paintOrder({cells, columns, rows, count}: Mesh, towardX: boolean, towardY: boolean): Uint32Array {
  const key = (q: number) => {
    const a = cells[q * 2];
    const b = cells[q * 2 + 1];
    return (towardY ? b : rows - 1 - b) * columns + (towardX ? a : columns - 1 - a);
  };
  return Uint32Array.from({length: count}, (_, q) => q).sort((p, q) => key(p) - key(q));
}

/** How the quads' edges are stroked: a thin line of the text colour, mostly see-through. */
export interface MeshEdges {
  /** A colour the canvas understands (not a CSS variable). */
  color: string;
  opacity: number;
  width: number;
}

/**
 * Paints the quads in `order` on a canvas, each filled and then its edges stroked, so nearer
 * quads cover farther ones. A canvas takes a few milliseconds for what costs a browser tens
 * as one SVG path per quad (each to be styled, laid out and painted on every change).
 */
export function paintMesh(context: CanvasRenderingContext2D, {vertices, corners, fills}: Mesh, order: Uint32Array, view: View, edges: MeshEdges): void {
  const n = vertices.length / 3;
  const sx = new Float64Array(n);
  const sy = new Float64Array(n);
  const {rotation: m, scale, origin} = view;
  // project(), inlined: this runs for every vertex at every move of a slider or the pointer.
  for (let k = 0; k < n; ++k) {
    const x = vertices[k * 3];
    const y = vertices[k * 3 + 1];
    const z = vertices[k * 3 + 2];
    sx[k] = origin[0] + scale * (m[0] * x + m[1] * y + m[2] * z);
    sy[k] = origin[1] - scale * (m[3] * x + m[4] * y + m[5] * z);
  }
  context.lineWidth = edges.width;
  context.lineJoin = "round";
  context.strokeStyle = rgb(edges.color).copy({opacity: edges.opacity}).formatRgb();
  for (const q of order) {
    const v0 = corners[q * 4];
    const v1 = corners[q * 4 + 1];
    const v2 = corners[q * 4 + 2];
    const v3 = corners[q * 4 + 3];
    context.beginPath();
    context.moveTo(sx[v0], sy[v0]);
    context.lineTo(sx[v1], sy[v1]);
    context.lineTo(sx[v2], sy[v2]);
    context.lineTo(sx[v3], sy[v3]);
    context.closePath();
    context.fillStyle = fills[q];
    context.fill();
    context.stroke();
  }
}
