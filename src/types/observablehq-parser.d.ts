// The parser ships no types; these cover the nodes our compiler reads.
declare module "@observablehq/parser" {
  import type {Node} from "acorn";

  export interface Identifier extends Node { type: "Identifier"; name: string }
  export interface ViewExpression extends Node { type: "ViewExpression"; id: Identifier }
  export interface MutableExpression extends Node { type: "MutableExpression"; id: Identifier }
  export type Reference = Identifier | ViewExpression | MutableExpression;

  export interface ImportSpecifier extends Node {
    type: "ImportSpecifier";
    imported: Identifier;
    local: Identifier;
    view: boolean;
    mutable: boolean;
  }

  export interface ImportDeclaration extends Node {
    type: "ImportDeclaration";
    specifiers: ImportSpecifier[];
    injections?: ImportSpecifier[];
    source: Node & {value: string};
  }

  export interface Cell extends Node {
    type: "Cell";
    id: Identifier | ViewExpression | MutableExpression | null;
    body: (Node & {type: string}) | null;
    async: boolean;
    generator: boolean;
    references: Reference[];
  }

  export function parseCell(input: string, options?: {globals?: Set<string>}): Cell;
  export const walk: import("acorn-walk").RecursiveVisitors<unknown>;
}

declare module "@observablehq/parser" {
  /** The name a cell defines, read from its first tokens even if the rest does not parse. */
  export function peekId(input: string): string | undefined;
}

declare module "@observablehq/parser" {
  /** Acorn's parser made to read one cell; subclassed to read a block of several. */
  export const CellParser: unknown;
}
