import {Lazy, Prepared} from "../engine/lazy.js";
import type {RenderedProse} from "./markdown.js";
import {afterPaint} from "./after-paint.js";

export type {RenderedProse};

type Markdown = typeof import("./markdown.js");

/** Where a Renderer finds rendered prose and TeX. */
export interface RendererOptions {
  /** Prose the build rendered, by source. */
  prose?: ReadonlyMap<string, RenderedProse>;
  /** TeX the build rendered to MathML, by texKey(source, display). */
  tex?: ReadonlyMap<string, string>;
  /** The Markdown and TeX renderers, if they are already loaded. */
  markdown?: Markdown;
  /** Loads them. */
  load?: () => Promise<Markdown>;
  /** Loads more rendered prose into `prose` (see Prepared). */
  more?: Lazy<unknown>;
  document?: Document;
}

/** How prebuilt TeX is keyed: by its source and whether it is display math. */
export function texKey(source: string, display: boolean): string {
  return `${display ? "block" : "inline"}:${source}`;
}

/** The `tex` builtin: tex`…` is inline math, tex.block`…` display math. */
export type Tex = ((strings: TemplateStringsArray, ...values: unknown[]) => Element) & {block: (strings: TemplateStringsArray, ...values: unknown[]) => Element};

/** The `md` builtin. */
export type Md = (strings: TemplateStringsArray, ...values: unknown[]) => HTMLElement;

const MATHML = "http://www.w3.org/1998/Math/MathML";

/** Renders something once the renderers have loaded. */
type Later = (render: (markdown: Markdown) => void) => void;

/**
 * Renders Markdown and TeX for the page and for cells (the `md` and `tex` builtins). What the
 * lesson ships comes rendered from the build; anything else needs markdown-it and temml, which
 * load on first need. Until they have, md and tex return an element that fills in when they
 * arrive (after the frame being drawn), so neither a cell nor the first chart waits for them.
 */
export class Renderer extends Prepared<RenderedProse, Markdown> {
  readonly #prebuiltTeX: ReadonlyMap<string, string>;
  readonly #document: Document;

  constructor({prose = new Map(), tex = new Map(), markdown, load = () => import("./markdown.js"), more, document = globalThis.document}: RendererOptions = {}) {
    super(prose, new Lazy(load, markdown ?? null), more);
    this.#prebuiltTeX = tex;
    this.#document = document;
  }

  /** Renders prose that is ready(). */
  prose(source: string): RenderedProse {
    const prebuilt = this.prebuilt.get(source);
    if (prebuilt) return prebuilt;
    const markdown = this.module.now;
    if (!markdown) throw new Error("the Markdown renderer is not loaded yet");
    return markdown.renderProse(source);
  }

  /** Makes an element from HTML text. */
  #fragment(html: string): HTMLElement {
    const div = this.#document.createElement("div");
    div.innerHTML = html;
    return div;
  }

  /**
   * The `md` and `tex` builtins. Elements they fill in later are work passed to wait, so the
   * page can tell when everything is shown.
   */
  templates(wait: (work: Promise<unknown>) => void = () => {}): {md: Md; tex: Tex} {
    const later: Later = (render) => wait(this.#later(render));
    const tex = (display: boolean) => (strings: TemplateStringsArray, ...values: unknown[]) => this.#tex(String.raw({raw: strings.raw}, ...values), display, later);
    return {md: (strings, ...values) => this.#md(strings, values, later), tex: Object.assign(tex(false), {block: tex(true)})};
  }

  /** Markdown with TeX; interpolated DOM nodes are placed as they are. */
  #md(strings: TemplateStringsArray, values: unknown[], later: Later): HTMLElement {
    const nodes: Node[] = [];
    let source = strings[0];
    values.forEach((value, i) => {
      if (value instanceof Node) source += `<span data-node="${nodes.push(value) - 1}"></span>`;
      else source += String(value ?? "");
      source += strings[i + 1];
    });
    const render = (markdown: Markdown) => {
      const root = this.#fragment(markdown.renderMarkdown(source));
      for (const slot of root.querySelectorAll<HTMLElement>("span[data-node]")) slot.replaceWith(nodes[+slot.dataset.node!]);
      root.className = "md";
      return root;
    };
    if (this.module.now) {
      const root = render(this.module.now);
      return root.childElementCount === 1 ? (root.firstElementChild as HTMLElement) : root;
    }
    // Handed out before it is rendered, the placeholder keeps its wrapper even round one element.
    const placeholder = this.#document.createElement("div");
    placeholder.className = "md";
    later((markdown) => placeholder.replaceChildren(...render(markdown).childNodes));
    return placeholder;
  }

  /** TeX as MathML. */
  #tex(source: string, display: boolean, later: Later): Element {
    const html = this.#prebuiltTeX.get(texKey(source, display)) ?? this.module.now?.renderTeX(source, display);
    if (html !== undefined) return this.#fragment(html).firstElementChild!;
    const math = this.#document.createElementNS(MATHML, "math");
    if (display) math.setAttribute("display", "block");
    later((markdown) => fill(math, this.#fragment(markdown.renderTeX(source, display)).firstElementChild!));
    return math;
  }

  /** Renders once the renderers have loaded, after the frame being drawn is on screen. */
  #later(render: (markdown: Markdown) => void): Promise<void> {
    return afterPaint()
      .then(() => this.module.load())
      .then(render, (error: unknown) => console.error("Markdown and TeX could not be loaded", error));
  }
}

/** Puts a rendered element in place of a placeholder of the same kind, keeping the placeholder's identity. */
function fill(placeholder: Element, rendered: Element): void {
  if (rendered.tagName !== placeholder.tagName) return void placeholder.replaceWith(rendered);
  for (const {name, value} of rendered.attributes) placeholder.setAttribute(name, value);
  placeholder.replaceChildren(...rendered.childNodes);
}
