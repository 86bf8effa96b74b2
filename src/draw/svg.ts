const SVG = "http://www.w3.org/2000/svg";

/** Attribute values as callers write them; null and undefined leave the attribute out. */
export type Attributes = Record<string, string | number | null | undefined>;

/** Creates an SVG element in `document`, sets its attributes and appends its children. */
export function svgElement<K extends keyof SVGElementTagNameMap>(
  document: Document,
  tag: K,
  attributes: Attributes = {},
  children: (Node | string)[] = []
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, tag);
  setAttributes(element, attributes);
  for (const child of children) element.append(child);
  return element;
}

/** Sets each attribute, removing the ones given as null or undefined. */
export function setAttributes(element: Element, attributes: Attributes): void {
  for (const [name, value] of Object.entries(attributes)) {
    if (value == null) element.removeAttribute(name);
    else element.setAttribute(name, typeof value === "number" ? String(round(value)) : value);
  }
}

/** Pixel coordinates to two decimals: finer than a screen shows, and shorter markup. */
export function round(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Path coordinates to a tenth of a pixel: enough for the eye, and short strings to build. */
export function fixed(x: number): string {
  return String(Math.round(x * 10) / 10);
}

/**
 * Makes `target` show what `source` shows, changing only what differs: attributes and text are
 * copied, children matched in order (a child of another kind is swapped for the source's own).
 * A diagram redrawn for a slider then costs the browser a few changed attributes, not a new
 * element to style and lay out. `source` is left in pieces.
 */
export function morph(target: Element, source: Element): void {
  for (const name of target.getAttributeNames()) if (!source.hasAttribute(name)) target.removeAttribute(name);
  for (const name of source.getAttributeNames()) {
    const value = source.getAttribute(name)!;
    if (target.getAttribute(name) !== value) target.setAttribute(name, value);
  }
  const next = [...source.childNodes];
  next.forEach((node, i) => {
    const old = target.childNodes[i];
    if (!old) target.append(node);
    else if (node.nodeType === 1 && old.nodeType === 1 && (node as Element).localName === (old as Element).localName) morph(old as Element, node as Element);
    else if (node.nodeType === 3 && old.nodeType === 3) old.nodeValue === node.nodeValue || (old.nodeValue = node.nodeValue);
    else old.replaceWith(node);
  });
  while (target.childNodes.length > next.length) target.lastChild!.remove();
}

/**
 * A drawing's `reuse`: `fresh` itself the first time, and kept in `drawn`; `reuse`, made to
 * show what `fresh` shows (see {@link morph}), when it is one of `drawn`. Each kind of drawing
 * keeps its own `drawn`, so a diagram is never morphed into another kind.
 */
export function reused<T extends Element>(fresh: T, reuse: unknown, drawn: WeakSet<Element>): T {
  if (!(reuse instanceof Element && drawn.has(reuse))) return drawn.add(fresh), fresh;
  morph(reuse, fresh);
  return reuse as T;
}
