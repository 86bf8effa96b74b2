import {parseCell, peekId, type Cell} from "@observablehq/parser";

/** A syntax error in a cell, located in the reader's terms. */
export class CellSyntaxError extends SyntaxError {
  /** 1-based line of the error within the cell. */
  readonly line: number;
  /** 1-based column of the error within its line. */
  readonly column: number;
  /** 0-based offset of the error in the cell's source. */
  readonly pos: number;

  constructor(reason: string, line: number, column: number, pos: number) {
    super(`${reason} at ${line}:${column}`);
    this.name = "SyntaxError";
    this.line = line;
    this.column = column;
    this.pos = pos;
  }
}

/** Parses one cell of Observable JavaScript; throws CellSyntaxError with a location. */
export function parse(source: string): Cell {
  try {
    return parseCell(source);
  } catch (error) {
    throw toCellSyntaxError(error, source);
  }
}

function toCellSyntaxError(error: unknown, source: string): unknown {
  if (!(error instanceof SyntaxError)) return error;
  const {loc, pos} = error as SyntaxError & {loc?: {line: number; column: number}; pos?: number};
  const reason = error.message.replace(/\s*\(\d+:\d+\)$/, "");
  if (loc) return new CellSyntaxError(reason, loc.line, loc.column + 1, pos ?? 0);
  // Errors raised by the parser itself (not acorn) carry no location; place them at the start.
  return new CellSyntaxError(reason, 1, 1, Math.min(pos ?? 0, source.length));
}

/** The name a cell that does not parse is trying to define, so cells that read it say so. */
export function peekName(source: string): string | null {
  const imported = peekImport(source);
  if (imported) return imported.length === 1 || (imported.length === 2 && imported[0].includes(" ")) ? imported[0] : null;
  const id = peekId(source);
  if (!id) return null;
  const modifier = /^\s*(viewof|mutable)\s/.exec(source)?.[1];
  return modifier ? `${modifier} ${id}` : id;
}

/**
 * The names a cell that does not parse is trying to define, as the page names them: "x", or
 * "viewof x" and "x", or every name an import brings in. Cells that read them then fail with the
 * cell's own error, not "x is not defined".
 */
export function peekDefines(source: string): string[] {
  const imported = peekImport(source);
  if (imported) return imported;
  const name = peekName(source);
  if (!name) return [];
  const modifier = /^(viewof|mutable) (.*)$/.exec(name);
  return modifier ? [name, modifier[2]] : [name];
}

/** The names an import cell brings in, read from its braces; null if the cell is no import. */
function peekImport(source: string): string[] | null {
  const imported = /^\s*import\s*\{([^}]*)\}/.exec(stripComments(source));
  return imported ? imported[1].split(",").flatMap(peekSpecifier) : null;
}

/** `viewof x as y` gives "viewof y" and "y"; anything that is not a specifier gives nothing. */
function peekSpecifier(text: string): string[] {
  const m = /^\s*(?:(viewof|mutable)\s+)?([\p{L}\p{Nl}$_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}$\u200c\u200d]*)(?:\s+as\s+([\p{L}\p{Nl}$_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}$\u200c\u200d]*))?\s*$/u.exec(text);
  if (!m) return [];
  const local = m[3] ?? m[2];
  return m[1] ? [`${m[1]} ${local}`, local] : [local];
}

function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, " ");
}
