import {CellParser} from "@observablehq/parser";
import {tokTypes, type Node} from "acorn";
import MarkdownIt from "markdown-it";
import type {Block, ChapterFile} from "./chapter-file.js";

/** A Quarto document read as a chapter, and what of it could not be honoured, in plain words. */
export interface QuartoChapter {
  chapter: ChapterFile;
  /** One sentence per thing the chapter does differently from Quarto. */
  notes: string[];
}

/** A cell's `//| key: value` options, as Quarto writes them at the top of a cell. */
export type QuartoOptions = Record<string, string>;

/**
 * Quarto's cell options as this page's fence options: `echo: false` and `code-fold` tuck the code
 * away (`folded`), `output: false` hides the output (`hide`), `include: false` both. Returns the
 * options that have no counterpart here, to be said and kept.
 */
export function fenceOptions(options: QuartoOptions): {options: string[]; unhonoured: string[]} {
  const out = new Set<string>(), unhonoured: string[] = [];
  for (const [key, value] of Object.entries(options)) {
    if (key === "echo" && value === "false") out.add("folded");
    else if (key === "code-fold" && (value === "true" || value === "show")) out.add("folded");
    else if (key === "output" && value === "false") out.add("hide");
    else if (key === "include" && value === "false") out.add("folded").add("hide");
    else if ((key === "echo" || key === "output" || key === "include" || key === "code-fold") && /^(true|false|asis)$/.test(value)) continue;
    else unhonoured.push(`${key}: ${value}`);
  }
  return {options: [...out], unhonoured};
}

const markdown = new MarkdownIt();

/**
 * Reads a Quarto document (`.qmd`) as a chapter: its title from the front matter, its prose as
 * prose, each ```{ojs} block as its cells (a block may hold several, one per statement, as in
 * Quarto), and `{ojs} expr` inline as `${expr}`. Blocks of other languages stay as code in the
 * prose, since only Observable JavaScript runs here.
 */
export function parseQuarto(slug: string, text: string): QuartoChapter {
  const notes: string[] = [];
  const {title, rest, ignored} = frontMatter(text);
  if (ignored.length) notes.push(`Its front matter (${ignored.join(", ")}) is not used here; only the title is.`);
  const lines = rest.split("\n");
  const blocks: Block[] = title ? [{kind: "prose", source: `# ${title}`}] : [];
  let at = 0;
  const proseUpTo = (end: number) => {
    const source = inline(lines.slice(at, end).join("\n")).replace(/^\s*\n|\n\s*$/g, "");
    if (source.trim()) blocks.push({kind: "prose", source});
  };
  const others = new Set<string>();
  for (const token of markdown.parse(rest, {})) {
    if (token.type !== "fence" || !token.map) continue;
    const lang = /^\{\s*([\w-]+)/.exec(token.info.trim())?.[1];
    if (!lang) continue;
    const [start, end] = token.map;
    if (lang !== "ojs") {
      // Quarto's {python} or {r}: kept as code to read, with its fence made plain.
      others.add(lang);
      proseUpTo(start);
      blocks.push({kind: "prose", source: ["```" + lang, token.content.replace(/\n$/, ""), "```"].join("\n")});
      at = end;
      continue;
    }
    proseUpTo(start);
    const {options, body} = cellOptions(token.content.replace(/\n$/, ""));
    const mapped = fenceOptions(options);
    const label = options.label ? ` (${options.label})` : "";
    if (mapped.unhonoured.length) notes.push(`Cell options ${mapped.unhonoured.join(", ")}${label} have no counterpart here; they stay in the cell as comments.`);
    const kept = mapped.unhonoured.map((o) => `//| ${o}`);
    splitCells(body).forEach((source, i) => {
      blocks.push({kind: "cell", source: i === 0 && kept.length ? [...kept, source].join("\n") : source, options: mapped.options});
    });
    at = end;
  }
  proseUpTo(lines.length);
  if (others.size) notes.push(`Its ${[...others].join(", ")} cells are shown as code but do not run: only Observable JavaScript ({ojs}) runs here.`);
  return {chapter: {slug, blocks: joinProse(blocks)}, notes};
}

/** Prose next to prose is one passage, as a chapter file reads it back. */
function joinProse(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (const b of blocks) {
    const last = out.at(-1);
    if (b.kind === "prose" && last?.kind === "prose") out[out.length - 1] = {kind: "prose", source: `${last.source}\n\n${b.source}`};
    else out.push(b);
  }
  return out;
}

/** The title from YAML front matter, the text after it, and the keys not used. */
function frontMatter(text: string): {title: string | null; rest: string; ignored: string[]} {
  const m = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!m) return {title: null, rest: text, ignored: []};
  let title: string | null = null;
  const ignored: string[] = [];
  for (const line of m[1].split(/\r?\n/)) {
    const entry = /^([\w-]+):\s*(.*)$/.exec(line);
    if (!entry) continue;
    if (entry[1] === "title") title = entry[2].replace(/^(["'])(.*)\1$/, "$2").trim();
    else ignored.push(entry[1]);
  }
  return {title, rest: text.slice(m[0].length), ignored};
}

/** Quarto's inline `{ojs} expr` as this page's `${expr}`. */
function inline(prose: string): string {
  return prose.replace(/`\{ojs\}\s+([^`]+)`/g, (_, expression: string) => "${" + expression.trim() + "}");
}

/** Splits the leading `//| key: value` lines off a cell. */
function cellOptions(source: string): {options: QuartoOptions; body: string} {
  const options: QuartoOptions = {};
  const lines = source.split("\n");
  let i = 0;
  for (; i < lines.length; ++i) {
    const m = /^\s*\/\/\|\s*([\w-]+)\s*:\s*(.*?)\s*$/.exec(lines[i]);
    if (!m) break;
    options[m[1]] = m[2].replace(/^(["'])(.*)\1$/, "$2");
  }
  return {options, body: lines.slice(i).join("\n")};
}

type ProgramParser = {parse(input: string, options?: object): Node & {cells: Node[]}};

/** The part of acorn's Parser (and Observable's CellParser) that reading cells one by one needs. */
interface AcornParser {
  type: unknown;
  parseCell(node: Node): Node;
  startNode(): Node;
  next(): void;
  finishNode<T>(node: T, type: string): T;
}

/** Observable's parser, reading one cell after another as Quarto (and the parser's old parseModule) did. */
const ModuleParser = class extends (CellParser as new () => AcornParser) {
  parseTopLevel(node: Node & {cells: Node[]}) {
    node.cells = [];
    while (this.type !== tokTypes.eof) node.cells.push(this.parseCell(this.startNode()));
    this.next();
    return this.finishNode(node, "Program");
  }
} as unknown as ProgramParser;

/** The cells of an {ojs} block, each with the comments before it; the whole block if it does not parse. */
export function splitCells(body: string): string[] {
  let cells: Node[];
  try {
    cells = ModuleParser.parse(body, {ecmaVersion: 13}).cells;
  } catch {
    return [body];
  }
  if (cells.length <= 1) return [body];
  return cells.map((cell, i) => body.slice(i === 0 ? 0 : cells[i - 1].end, cell.end).trim());
}
