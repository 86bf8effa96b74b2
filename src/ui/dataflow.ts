import type {LessonCell} from "../engine/lesson.js";
import {dependencies, layers} from "./dependencies.js";

const svgNS = "http://www.w3.org/2000/svg";

/**
 * A small drawing of a chapter's dataflow: cells as labelled nodes in columns, arrows from
 * what a cell reads to the cell. A few dozen nodes at most, so a layered layout of our own
 * reads better than a general graph library would and costs nothing to ship.
 */
export function dataflow(cells: readonly LessonCell[], document: Document = globalThis.document): SVGSVGElement {
  const deps = dependencies(cells);
  const layer = layers(cells, deps);
  const columns: LessonCell[][] = [];
  for (const c of cells) (columns[layer.get(c.id)!] ??= []).push(c);
  const colWidth = 150, rowHeight = 30, nodeWidth = 128, nodeHeight = 22, pad = 8;
  const rows = Math.max(1, ...columns.map((c) => c?.length ?? 0));
  const width = columns.length * colWidth + pad, height = rows * rowHeight + pad;
  const at = new Map<number, [number, number]>();
  columns.forEach((column, i) => column?.forEach((c, j) => at.set(c.id, [pad + i * colWidth, pad + j * rowHeight])));
  const svg = document.createElementNS(svgNS, "svg");
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.setAttribute("width", String(width));
  svg.setAttribute("height", String(height));
  svg.setAttribute("class", "dataflow-graph");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", `dataflow: ${cells.map((c) => `${c.label} reads ${deps.reads.get(c.id)!.map((id) => cells.find((d) => d.id === id)!.label).join(", ") || "nothing"}`).join("; ")}`);
  for (const c of cells) {
    const [x2, y2] = at.get(c.id)!;
    for (const id of deps.reads.get(c.id)!) {
      const [x1, y1] = at.get(id)!;
      const path = document.createElementNS(svgNS, "path");
      const sx = x1 + nodeWidth, sy = y1 + nodeHeight / 2, ex = x2, ey = y2 + nodeHeight / 2, mx = (sx + ex) / 2;
      path.setAttribute("d", `M${sx},${sy}C${mx},${sy} ${mx},${ey} ${ex},${ey}`);
      path.setAttribute("class", "edge");
      path.dataset.from = String(id);
      path.dataset.to = String(c.id);
      svg.append(path);
    }
  }
  for (const c of cells) {
    const [x, y] = at.get(c.id)!;
    const g = document.createElementNS(svgNS, "g");
    g.setAttribute("class", "node");
    g.setAttribute("transform", `translate(${x},${y})`);
    g.dataset.cellId = String(c.id);
    const rect = document.createElementNS(svgNS, "rect");
    rect.setAttribute("width", String(nodeWidth));
    rect.setAttribute("height", String(nodeHeight));
    rect.setAttribute("rx", "4");
    const text = document.createElementNS(svgNS, "text");
    text.setAttribute("x", "8");
    text.setAttribute("y", String(nodeHeight / 2));
    text.setAttribute("dy", "0.35em");
    text.textContent = c.label.length > 20 ? c.label.slice(0, 19) + "…" : c.label;
    g.append(rect, text);
    svg.append(g);
  }
  return svg;
}
