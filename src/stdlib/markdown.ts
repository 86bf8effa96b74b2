import MarkdownIt from "markdown-it";
import {tex as texPlugin} from "@mdit/plugin-tex";
import temml from "temml";
import {parseExpressionAt} from "acorn";

/** Renders TeX to MathML, which browsers draw natively; bad TeX shows its error in place. */
export function renderTeX(source: string, displayMode = false): string {
  try {
    return temml.renderToString(source, {displayMode, throwOnError: false, annotate: true});
  } catch (error) {
    // temml reports most mistakes inline, but a few internal checks still throw.
    return `<span class="tex-error" title="${escape(String((error as Error).message))}">${escape(source)}</span>`;
  }
}

function escape(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

const markdown = new MarkdownIt({html: true, linkify: true, typographer: true}).use(texPlugin, {render: renderTeX});

/** Markdown (with $TeX$ and $$TeX$$) to HTML. */
export function renderMarkdown(source: string): string {
  return markdown.render(source);
}

/** Prose whose `${expr}` holes have been cut out, ready to render. */
export interface Template {
  /** The Markdown with each hole replaced by `<span data-inline="i"></span>`. */
  text: string;
  /** The expression of each hole, in order. */
  expressions: string[];
}

/** Cuts the live `${expr}` holes out of prose; the expression's end is found by parsing it. */
export function extractInlines(source: string): Template {
  const expressions: string[] = [];
  let text = "", at = 0;
  for (let i = source.indexOf("${"); i >= 0; i = source.indexOf("${", at)) {
    const end = expressionEnd(source, i + 2);
    if (end < 0) break;
    text += source.slice(at, i) + `<span data-inline="${expressions.length}"></span>`;
    expressions.push(source.slice(i + 2, end).trim());
    at = end + 1;
  }
  return {text: text + source.slice(at), expressions};
}

function expressionEnd(source: string, start: number): number {
  try {
    const node = parseExpressionAt(source, start, {ecmaVersion: "latest"});
    let end = node.end;
    while (/\s/.test(source[end] ?? "")) end++;
    return source[end] === "}" ? end : -1;
  } catch {
    return -1;
  }
}

/** Makes an element from HTML text. */
export function fragment(html: string, document: Document = globalThis.document): HTMLElement {
  const div = document.createElement("div");
  div.innerHTML = html;
  return div;
}

/** The `md` tagged template: Markdown with TeX; interpolated DOM nodes are placed as they are. */
export function md(strings: TemplateStringsArray, ...values: unknown[]): HTMLElement {
  const nodes: Node[] = [];
  let source = strings[0];
  values.forEach((value, i) => {
    if (value instanceof Node) source += `<span data-node="${nodes.push(value) - 1}"></span>`;
    else source += String(value ?? "");
    source += strings[i + 1];
  });
  const root = fragment(renderMarkdown(source));
  for (const slot of root.querySelectorAll<HTMLElement>("span[data-node]")) slot.replaceWith(nodes[+slot.dataset.node!]);
  root.className = "md";
  return root.childElementCount === 1 ? (root.firstElementChild as HTMLElement) : root;
}

function texTemplate(displayMode: boolean) {
  return (strings: TemplateStringsArray, ...values: unknown[]): HTMLElement => {
    const source = String.raw({raw: strings.raw}, ...values);
    return fragment(renderTeX(source, displayMode)).firstElementChild as HTMLElement;
  };
}

/** The `tex` tagged template (inline math); `tex.block` for display math. */
export const tex = Object.assign(texTemplate(false), {block: texTemplate(true)});
