import MarkdownIt from "markdown-it";
import {tex as texPlugin} from "@mdit/plugin-tex";
import temml from "temml";
import {parseExpressionAt} from "acorn";

// The renderers themselves, as strings: large, so the page loads this module only when it
// meets Markdown or TeX the build did not render (see renderer.ts).

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

/** Prose ready to show: HTML with each live hole as `<span data-inline="i"></span>`, and the holes' expressions. */
export interface RenderedProse {
  html: string;
  expressions: string[];
}

/** Renders prose: Markdown with TeX and live `${expr}` holes. */
export function renderProse(source: string): RenderedProse {
  const {text, expressions} = extractInlines(source);
  return {html: renderMarkdown(text), expressions};
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
    text += source.slice(at, i) + `<span data-inline=${expressions.length}></span>`;
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

