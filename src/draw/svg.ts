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
