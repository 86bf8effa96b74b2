import {palette} from "./palette.js";
import {svgElement, type Attributes} from "./svg.js";

// The parts node-link diagrams (a network, a single neuron) are drawn from.

/** Weights at or above this magnitude draw at full thickness, unless a diagram says otherwise. */
export const MAX_WEIGHT = 10;

/** The stroke of an edge carrying weight w: its sign as colour, its size as thickness (capped). */
export function weightStroke(w: number, maxWeight = MAX_WEIGHT): Attributes {
  const t = Number.isFinite(w) ? Math.min(Math.abs(w) / maxWeight, 1) : 1;
  return {
    stroke: w > 0 ? palette.positive : w < 0 ? palette.negative : palette.hidden,
    "stroke-width": 1 + 5 * t,
    "stroke-opacity": 0.8,
    "stroke-linecap": "round"
  };
}

/** A straight edge between two circles, stopping at their rims. */
export function edge(
  document: Document,
  [x1, y1, r1]: [number, number, number],
  [x2, y2, r2]: [number, number, number],
  attributes: Attributes
): SVGLineElement {
  const length = Math.hypot(x2 - x1, y2 - y1) || 1;
  const ux = (x2 - x1) / length;
  const uy = (y2 - y1) / length;
  return svgElement(document, "line", {x1: x1 + ux * r1, y1: y1 + uy * r1, x2: x2 - ux * r2, y2: y2 - uy * r2, ...attributes});
}

/** The diagram's own svg: its size, the text style every diagram shares, and what it shows in words. */
export function diagramSvg(document: Document, width: number, height: number, label: string, children: Node[]): SVGSVGElement {
  return svgElement(
    document,
    "svg",
    {
      width,
      height,
      viewBox: `0 0 ${width} ${height}`,
      fill: "currentColor",
      "font-family": "system-ui, sans-serif",
      role: "img",
      "aria-label": label,
      style: "display: block; max-width: 100%; height: auto;"
    },
    children
  );
}

/** Text with a halo in the page's background colour, so it stays legible over edges. */
export function haloText(document: Document, x: number, y: number, content: string, attributes: Attributes = {}): SVGTextElement {
  return svgElement(
    document,
    "text",
    {
      x,
      y,
      dy: "0.32em",
      "text-anchor": "middle",
      "paint-order": "stroke",
      stroke: "var(--bg, white)",
      "stroke-width": 4,
      "stroke-linejoin": "round",
      ...attributes
    },
    [content]
  );
}

/**
 * A number on an edge, on a pill of the page's background so thick edges don't show through
 * it. Its width is estimated (tabular digits are about 0.6em, a point 0.3em), as SVG can't
 * measure text before it is on screen.
 */
export function edgeLabel(
  document: Document,
  x: number,
  y: number,
  content: string,
  {fontSize = 11, ...attributes}: Attributes & {fontSize?: number} = {}
): SVGGElement {
  const width = [...content].reduce((w, c) => w + (c === "." ? 0.3 : 0.62), 0) * fontSize + 6;
  const height = fontSize + 4;
  return svgElement(document, "g", {class: "edge-label"}, [
    svgElement(document, "rect", {x: x - width / 2, y: y - height / 2, width, height, rx: height / 2, fill: "var(--bg, white)", "fill-opacity": 0.9}),
    svgElement(document, "text", {x, y, dy: "0.32em", "text-anchor": "middle", "font-size": fontSize, ...attributes}, [content])
  ]);
}

/** A node: a circle with a symbol inside (a variable's name in italics, or σ, Σ). */
export function node(
  document: Document,
  x: number,
  y: number,
  r: number,
  symbol: string,
  {stroke, italic = false}: {stroke: string; italic?: boolean}
): SVGGElement {
  return svgElement(document, "g", {class: "node"}, [
    svgElement(document, "circle", {cx: x, cy: y, r, fill: "var(--panel, white)", stroke, "stroke-width": 2}),
    svgElement(
      document,
      "text",
      {
        x,
        y,
        dy: "0.35em",
        "text-anchor": "middle",
        "font-size": Math.round(Math.max(11, Math.min(18, r * 0.85))),
        "font-family": italic ? "var(--font-body, Georgia, serif)" : null,
        "font-style": italic ? "italic" : null
      },
      [symbol]
    )
  ]);
}
