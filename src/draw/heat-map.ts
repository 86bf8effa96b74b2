import type {RenderFunction} from "@observablehq/plot";
import type {RGBColor} from "d3-color";
import {contours as contourGenerator, nice, ticks} from "d3";
import {formatNumber} from "./format.js";
import type {Grid} from "./grid.js";
import {fixed, svgElement} from "./svg.js";

/** How to paint a heat map. */
export interface HeatMapOptions {
  /** A height's colour. */
  color: (z: number) => RGBColor;
  /** The z domain the colours span (values outside take the end colours). */
  zDomain: [number, number];
  /** Contour levels, or a count of nice levels (as Plot's thresholds); 0 or [] draws none. */
  contours: number | number[];
  /** What z is called, for screen readers. */
  label: string;
}

/** A heat map drawn into a Plot chart, which a grid of the same shape can repaint in place. */
export interface HeatMap {
  /** The mark, for the chart's `marks`. */
  mark: RenderFunction;
  /** Paints another grid (of the same size, over the same domain) where the mark was drawn. */
  update(grid: Grid): void;
}

const SVG = "http://www.w3.org/2000/svg";

/**
 * The grid seen from above, as Plot draws it with a raster (smoothed) and a contour mark: each
 * sample a pixel centred on its grid point, so the picture reaches half a cell past the domain
 * and is clipped to the frame, with contour lines over it. Those marks are drawn anew with
 * every chart, which costs a slider about 10 ms a move; this paints the samples on a small
 * canvas that the browser stretches smoothly, and recomputes only the contours' paths.
 */
export function heatMap(grid: Grid, {color, zDomain, contours, label}: HeatMapOptions): HeatMap {
  const {nx, ny} = grid;
  let repaint: ((grid: Grid) => void) | null = null;
  let latest = grid;
  const mark: RenderFunction = (_index, scales, _values, dimensions, context) => {
    const {document} = context;
    const {width, height, marginTop, marginRight, marginBottom, marginLeft} = dimensions;
    const x = scales.x!;
    const y = scales.y!;
    const hx = (grid.x[nx - 1] - grid.x[0]) / (nx - 1) / 2;
    const hy = (grid.y[ny - 1] - grid.y[0]) / (ny - 1) / 2;
    // Screen corners of the samples' pixels: the first sample's outer edge, the last one's.
    const x0 = x(grid.x[0] - hx)!;
    const x1 = x(grid.x[nx - 1] + hx)!;
    const y0 = y(grid.y[0] - hy)!;
    const y1 = y(grid.y[ny - 1] + hy)!;
    const frameWidth = width - marginLeft - marginRight;
    const frameHeight = height - marginTop - marginBottom;
    // An inner SVG the size of the frame clips what reaches past it, in the chart's coordinates.
    const clip = svgElement(document, "svg", {
      class: "heat-map",
      "aria-label": "heat map",
      x: marginLeft,
      y: marginTop,
      width: frameWidth,
      height: frameHeight,
      viewBox: `${marginLeft} ${marginTop} ${frameWidth} ${frameHeight}`
    });
    const canvas = document.createElement("canvas");
    canvas.width = nx;
    canvas.height = ny;
    canvas.setAttribute("role", "img");
    canvas.style.cssText = "display: block; width: 100%; height: 100%;";
    const image = svgElement(
      document,
      "foreignObject",
      {x: Math.min(x0, x1), y: Math.min(y0, y1), width: Math.abs(x1 - x0), height: Math.abs(y1 - y0)},
      [canvas]
    );
    const lines = svgElement(document, "g", {
      "aria-label": "contour",
      fill: "none",
      stroke: "white",
      "stroke-width": 0.75,
      "stroke-opacity": 0.45,
      "stroke-miterlimit": 1
    });
    clip.append(image, lines);
    // The canvas's first pixel is at the top left; flip the grid where it starts elsewhere.
    const flipX = x0 > x1;
    const flipY = y0 > y1;
    repaint = (grid) => {
      paintPixels(canvas, grid, color, flipX, flipY);
      const [lo, hi] = zDomain;
      const shown = (v: number) => formatNumber(Math.max(lo, Math.min(hi, v)));
      canvas.setAttribute("aria-label", Number.isNaN(grid.zMin) ? `no ${label} to show` : `${label} from ${shown(grid.zMin)} to ${shown(grid.zMax)}, as colour`);
      const paths = contourPaths(grid, contours, (gx, gy) => `${fixed(x0 + ((x1 - x0) * gx) / nx)},${fixed(y0 + ((y1 - y0) * gy) / ny)}`);
      // Keep the path elements, and only reshape them, while the number of levels stays.
      while (lines.childNodes.length > paths.length) lines.lastChild!.remove();
      while (lines.childNodes.length < paths.length) lines.append(document.createElementNS(SVG, "path"));
      paths.forEach((d, i) => (lines.childNodes[i] as SVGPathElement).setAttribute("d", d));
    };
    repaint(latest);
    return clip;
  };
  return {
    mark,
    update(next) {
      if (next.nx !== nx || next.ny !== ny) throw new Error(`heatMap: the grid is ${next.nx} × ${next.ny}, not ${nx} × ${ny} as drawn`);
      latest = next;
      repaint?.(next);
    }
  };
}

/** One pixel per sample, in its colour (see-through where the sample is missing). */
function paintPixels(canvas: HTMLCanvasElement, {z, nx, ny}: Grid, color: (z: number) => RGBColor, flipX: boolean, flipY: boolean): void {
  const context = canvas.getContext("2d");
  if (!context) return;
  const image = context.createImageData(nx, ny);
  const {data} = image;
  for (let j = 0; j < ny; ++j) {
    const row = flipY ? ny - 1 - j : j;
    for (let i = 0; i < nx; ++i) {
      const v = z[j * nx + i];
      if (Number.isNaN(v)) continue;
      const {r, g, b} = color(v);
      const k = (row * nx + (flipX ? nx - 1 - i : i)) * 4;
      data[k] = r;
      data[k + 1] = g;
      data[k + 2] = b;
      data[k + 3] = 255;
    }
  }
  context.putImageData(image, 0, 0);
}

/**
 * The contour lines at each level as path data, with `point` placing grid coordinates (in
 * samples, d3-contour's) on the screen. A count picks nice levels strictly inside the data's
 * range, as Plot's contour mark does.
 */
function contourPaths(grid: Grid, contours: number | number[], point: (gx: number, gy: number) => string): string[] {
  const levels = typeof contours === "number" ? niceLevels(grid, contours) : contours;
  if (!levels.length) return [];
  const contour = contourGenerator().size([grid.nx, grid.ny]).smooth(true).contour;
  return levels.map((level) =>
    contour(grid.z as unknown as number[], level)
      // Each ring ends where it starts; Z closes it.
      .coordinates.flatMap((polygon) => polygon.map((ring) => `M${ring.slice(0, -1).map(([gx, gy]) => point(gx, gy)).join("L")}Z`))
      .join("")
  );
}

function niceLevels({zMin, zMax}: Grid, count: number): number[] {
  if (!(count > 0) || Number.isNaN(zMin)) return [];
  const levels = ticks(...nice(zMin, zMax, count), count);
  while (levels.length && levels[levels.length - 1] >= zMax) levels.pop();
  while (levels.length > 1 && levels[1] < zMin) levels.shift();
  return levels;
}
