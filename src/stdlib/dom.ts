// Observable's DOM helpers, as its stdlib writes them; the stdlib itself cannot be bundled
// without its CDN loader (see generators.ts).

const namespaces: Record<string, string> = {
  math: "http://www.w3.org/1998/Math/MathML",
  svg: "http://www.w3.org/2000/svg",
  xhtml: "http://www.w3.org/1999/xhtml",
  xlink: "http://www.w3.org/1999/xlink",
  xml: "http://www.w3.org/XML/1998/namespace",
  xmlns: "http://www.w3.org/2000/xmlns/"
};

/** A canvas of width × height pixels. */
export function canvas(width: number, height: number): HTMLCanvasElement {
  const c = document.createElement("canvas");
  c.width = width;
  c.height = height;
  return c;
}

/** A 2D context on a canvas of width × height CSS pixels, drawn at dpi device pixels each. */
export function context2d(width: number, height: number, dpi: number = devicePixelRatio): CanvasRenderingContext2D {
  const c = document.createElement("canvas");
  c.width = width * dpi;
  c.height = height * dpi;
  c.style.width = `${width}px`;
  const context = c.getContext("2d")!;
  context.scale(dpi, dpi);
  return context;
}

/** A button that saves value (a Blob, or a function giving one) as a file named name. */
export function download(value: Blob | (() => Blob | Promise<Blob>), name = "untitled", label = "Save"): HTMLAnchorElement {
  const a = document.createElement("a");
  const b = a.appendChild(document.createElement("button"));
  b.textContent = label;
  a.download = name;
  const reset = async () => {
    await new Promise(requestAnimationFrame);
    URL.revokeObjectURL(a.href);
    a.removeAttribute("href");
    b.textContent = label;
    b.disabled = false;
  };
  a.onclick = async (event) => {
    b.disabled = true;
    if (a.href) return reset(); // already saved
    b.textContent = "Saving…";
    try {
      const object = await (typeof value === "function" ? value() : value);
      b.textContent = "Download";
      a.href = URL.createObjectURL(object);
    } catch {
      b.textContent = label;
    }
    if (event.eventPhase) return reset(); // already downloaded
    b.disabled = false;
  };
  return a;
}

/** An element named name ("svg:g" for a namespace) with the given attributes. */
export function element(name: string, attributes?: Record<string, string>): Element {
  let prefix = String(name), i = prefix.indexOf(":");
  if (i >= 0 && (prefix = name.slice(0, i)) !== "xmlns") name = name.slice(i + 1);
  const created = Object.hasOwn(namespaces, prefix) ? document.createElementNS(namespaces[prefix], name) : document.createElement(name);
  for (let key in attributes ?? {}) {
    const value = attributes![key];
    prefix = key;
    i = prefix.indexOf(":");
    if (i >= 0 && (prefix = key.slice(0, i)) !== "xmlns") key = key.slice(i + 1);
    if (Object.hasOwn(namespaces, prefix)) created.setAttributeNS(namespaces[prefix], key, value);
    else created.setAttribute(key, value);
  }
  return created;
}

/** An input of the given type. */
export function input(type?: string): HTMLInputElement {
  const created = document.createElement("input");
  if (type != null) created.type = type;
  return created;
}

/** A range input from min to max (0 to 1 by default) in steps of step (any by default). */
export function range(min?: number | null, max?: number | null, step?: number | null): HTMLInputElement {
  if (arguments.length === 1) (max = min), (min = null);
  const created = document.createElement("input");
  created.min = String((min = min == null ? 0 : +min));
  created.max = String((max = max == null ? 1 : +max));
  created.step = step == null ? "any" : String(+step);
  created.type = "range";
  return created;
}

/** A select of the given values. */
export function select(values: Iterable<string> | ArrayLike<string>): HTMLSelectElement {
  const created = document.createElement("select");
  for (const value of Array.from(values)) {
    const option = document.createElement("option");
    option.value = option.textContent = value;
    created.appendChild(option);
  }
  return created;
}

/** An svg element of width × height with a matching viewBox. */
export function svg(width: number, height: number): SVGSVGElement {
  const created = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  created.setAttribute("viewBox", `0,0,${width},${height}`);
  created.setAttribute("width", String(width));
  created.setAttribute("height", String(height));
  return created;
}

/** A text node. */
export function text(value: string): Text {
  return document.createTextNode(value);
}

let count = 0;

/** A unique id for SVG references: `${id}` names it, and `url(#…)` is what it prints as. */
export class Id {
  readonly id: string;
  readonly href: string;
  constructor(id: string) {
    this.id = id;
    this.href = `${new URL(`#${id}`, location.href)}`;
  }
  toString(): string {
    return `url(${this.href})`;
  }
}

/** A new unique id, O-name-N. */
export function uid(name?: string | null): Id {
  return new Id(`O-${name == null ? "" : `${name}-`}${++count}`);
}

export const DOM = {canvas, context2d, download, element, input, range, select, svg, text, uid};
