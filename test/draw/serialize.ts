// Snapshots the way @observablehq/plot writes them: one element per line, ids renumbered in
// order of appearance (Plot's clip ids count up across a whole test run), and decimals
// rounded to two places so a change in the last bit of a float is not a change of picture.
// A canvas is written as what the test stub saw drawn on it (canvas.ts).

import {canvasPicture} from "./canvas.js";

const SVG = "http://www.w3.org/2000/svg";

/** The element as stable, indented markup. */
export function serialize(root: Element): string {
  const ids = renumber(root);
  const lines: string[] = [];
  write(root, 0, lines, ids, true);
  return `${lines.join("\n")}\n`;
}

function renumber(root: Element): Map<string, string> {
  const ids = new Map<string, string>();
  const counts = new Map<string, number>();
  for (const element of [root, ...root.querySelectorAll("[id]")]) {
    const id = element.getAttribute("id");
    if (!id || ids.has(id)) continue;
    const prefix = id.replace(/-?\d+$/, "") || "id";
    const count = (counts.get(prefix) ?? 0) + 1;
    counts.set(prefix, count);
    ids.set(id, `${prefix}-${count}`);
  }
  return ids;
}

function write(element: Element, depth: number, lines: string[], ids: Map<string, string>, root = false): void {
  // A canvas's pixels are no part of its markup: write what it shows instead.
  const picture = element.localName === "canvas" ? canvasPicture(element as HTMLCanvasElement) : null;
  if (picture) return write(picture, depth, lines, ids);
  const indent = "  ".repeat(depth);
  const tag = element.localName;
  const attributes = [...element.attributes].map(({name, value}) => ` ${name}="${escape(normalizeAttribute(name, value, ids), true)}"`);
  if (root && element.namespaceURI === SVG) {
    // So the file opens on its own as an SVG image.
    if (!element.hasAttribute("xmlns")) attributes.unshift(` xmlns="${SVG}"`);
    if (!element.hasAttribute("xmlns:xlink")) attributes.splice(1, 0, ` xmlns:xlink="http://www.w3.org/1999/xlink"`);
  }
  const open = `${indent}<${tag}${attributes.join("")}`;
  const children = [...element.childNodes].filter((node) => node.nodeType === 1 || (node.nodeType === 3 && node.textContent !== ""));
  if (children.length === 0) {
    lines.push(element.namespaceURI === SVG ? `${open}/>` : `${open}></${tag}>`);
  } else if (children.every((node) => node.nodeType === 3)) {
    const text = children.map((node) => node.textContent ?? "").join("");
    const content = tag === "style" ? text : roundNumbers(escape(text, false));
    if (text.includes("\n")) lines.push(`${open}>`, ...content.split("\n").map((line) => `${indent}  ${line}`), `${indent}</${tag}>`);
    else lines.push(`${open}>${content}</${tag}>`);
  } else {
    lines.push(`${open}>`);
    for (const node of children) {
      if (node.nodeType === 1) write(node as Element, depth + 1, lines, ids);
      else lines.push(`${indent}  ${roundNumbers(escape(node.textContent ?? "", false))}`);
    }
    lines.push(`${indent}</${tag}>`);
  }
}

function normalizeAttribute(name: string, value: string, ids: Map<string, string>): string {
  if (name === "id") return ids.get(value) ?? value;
  if (value.startsWith("data:")) return value;
  const linked = value.replace(/#([\w-]+)/g, (match, id: string) => (ids.has(id) ? `#${ids.get(id)}` : match));
  return roundNumbers(linked);
}

function roundNumbers(text: string): string {
  return text.replace(/\d+\.\d+(e[+-]?\d+)?/g, (number) => String(+(+number).toFixed(2)));
}

function escape(text: string, attribute: boolean): string {
  const escaped = text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return attribute ? escaped.replace(/"/g, "&quot;") : escaped;
}
