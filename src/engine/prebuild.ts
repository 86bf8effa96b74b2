import {parseCell, walk} from "@observablehq/parser";
import {simple} from "acorn-walk";
import type {Node} from "acorn";
import type {ChapterFile} from "./chapter-file.js";
import {CellCompiler} from "./cell-compiler.js";
import {compile, type CompiledCell} from "./compile.js";
import {peekDefines, peekName} from "./parse-cell.js";
import {renderProse, renderTeX} from "../stdlib/markdown.js";
import type {PrebuiltLesson, PrebuiltTeX} from "./prebuilt.js";

/**
 * What the page would work out when it starts, worked out at build time: every cell and prose
 * hole compiled, every prose block rendered to HTML and MathML, and the TeX of cells' fixed
 * tex`…` labels rendered. The page compiles and renders exactly so with the same code.
 */
export function prebuild(files: readonly ChapterFile[]): PrebuiltLesson {
  const compiler = new CellCompiler({parser: {compile, peekName, peekDefines}});
  const compiled = (source: string): CompiledCell | null => {
    try {
      return compiler.compile(source);
    } catch {
      return null; // the page compiles it, and shows the error, as for any broken cell
    }
  };
  const tex = new Map<string, PrebuiltTeX>();
  const findTeX = (source: string) => {
    for (const t of fixedTeX(source)) tex.set(`${t.display}:${t.source}`, {...t, html: renderTeX(t.source, t.display)});
  };
  const chapters = files.map(({slug, blocks}) => ({
    slug,
    blocks: blocks.map((b) => {
      if (b.kind === "cell") {
        findTeX(b.source);
        const cell = compiled(b.source);
        return cell ? {...b, compiled: cell} : {...b};
      }
      const rendered = renderProse(b.source);
      rendered.expressions.forEach(findTeX);
      return {...b, rendered, holes: rendered.expressions.map(compiled)};
    })
  }));
  return {chapters, tex: [...tex.values()]};
}

type TaggedTemplate = Node & {
  tag: Node & {name?: string; object?: Node & {name?: string}; property?: Node & {name?: string}; computed?: boolean};
  quasi: {expressions: Node[]; quasis: {value: {raw: string}}[]};
};

/** The tex`…` and tex.block`…` templates in a cell with nothing interpolated: their TeX is known now. */
export function fixedTeX(source: string): {source: string; display: boolean}[] {
  let body: Node | null;
  try {
    body = parseCell(source).body;
  } catch {
    return [];
  }
  const found: {source: string; display: boolean}[] = [];
  if (!body) return found;
  const visit = (node: Node) => {
    const {tag, quasi} = node as TaggedTemplate;
    const inline = tag.type === "Identifier" && tag.name === "tex";
    const display = tag.type === "MemberExpression" && !tag.computed && tag.object?.type === "Identifier" && tag.object.name === "tex" && tag.property?.name === "block";
    // The tex builtin reads the raw strings, as String.raw does.
    if ((inline || display) && !quasi.expressions.length) found.push({source: quasi.quasis[0].value.raw, display});
  };
  simple(body, {TaggedTemplateExpression: visit}, walk as never);
  return found;
}
