import {dsvFormat} from "d3";

/** One data point: [x, y]. */
export type Pair = [number, number];

/** What reading a table gives: the pairs and the header, or what is wrong, row by row. */
export type ParsedTable =
  | {ok: true; data: Pair[]; header: [string, string] | null; delimiter: Delimiter}
  | {ok: false; errors: string[]};

/** How columns are separated. */
export type Delimiter = "\t" | ";" | "," | " ";

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;
const MAX_ERRORS = 5;

/**
 * Reads pasted or dropped text as two columns of numbers, x then y: CSV, TSV, semicolons (with
 * decimal commas, as European spreadsheets write them) or columns lined up with spaces, with or
 * without a header row. Rows are counted as the reader sees them, from 1, blank lines included,
 * so "row 4" is the fourth line of what they pasted. Any bad row makes the whole table bad:
 * nothing half-read reaches the chapters. Quoting is d3-dsv's (RFC 4180).
 */
export function parseTable(text: string): ParsedTable {
  if (typeof text !== "string") return {ok: false, errors: ["the data is not text"]};
  const body = text.replace(/^\uFEFF/, "");
  const delimiter = detectDelimiter(body);
  const rows = delimiter === " " ? body.split(/\r\n|\r|\n/).map((line) => line.trim().split(/\s+/)) : dsvFormat(delimiter).parseRows(body);
  const errors: string[] = [];
  const data: Pair[] = [];
  let header: [string, string] | null = null;
  let first = true;
  rows.forEach((raw, i) => {
    const fields = raw.map((f) => f.trim());
    // A trailing delimiter leaves empty fields at the end of a row; they say nothing.
    while (fields.length > 0 && fields[fields.length - 1] === "") fields.pop();
    if (fields.length === 0) return;
    const row = `row ${i + 1}`;
    const numbers = fields.map((f) => readNumber(f, delimiter));
    if (first && numbers.slice(0, 2).every((n) => n === null)) {
      first = false;
      if (fields.length > 2) errors.push(`${row}: the header has ${fields.length} columns, not 2 (x and y)`);
      else header = [fields[0], fields[1] ?? ""];
      return;
    }
    first = false;
    if (fields.length !== 2) {
      errors.push(fields.length < 2 ? `${row}: has one value, not two (x and y)` : `${row}: has ${fields.length} values, not two (x and y)`);
      return;
    }
    const bad = fields.findIndex((f, j) => numbers[j] === null || f === "");
    if (bad >= 0) {
      errors.push(fields[bad] === "" ? `${row}: the ${bad ? "y" : "x"} value is missing` : `${row}: "${fields[bad]}" is not a number`);
      return;
    }
    data.push([numbers[0]!, numbers[1]!]);
  });
  if (errors.length) {
    const shown = errors.slice(0, MAX_ERRORS);
    if (errors.length > MAX_ERRORS) shown.push(`and ${errors.length - MAX_ERRORS} more rows like these`);
    return {ok: false, errors: shown};
  }
  if (data.length === 0) return {ok: false, errors: ["no data: paste two columns of numbers, x and y, one point per row"]};
  return {ok: true, data, header, delimiter};
}

/** The pairs as text that {@link parseTable} reads back to the same numbers, bit for bit. */
export function formatTable(data: readonly Pair[], {header, delimiter = ","}: {header?: [string, string] | null; delimiter?: "," | "\t"} = {}): string {
  const format = dsvFormat(delimiter);
  const rows = data.map(([x, y]) => `${String(x)}${delimiter}${String(y)}`);
  return `${header ? `${format.formatRows([header])}\n` : ""}${rows.join("\n")}\n`;
}

/** The delimiter of the first line with any: tab, then semicolon, then comma, else spaces. */
function detectDelimiter(text: string): Delimiter {
  const line = text.split(/\r\n|\r|\n/).find((l) => l.trim() !== "") ?? "";
  if (line.includes("\t")) return "\t";
  if (line.includes(";")) return ";";
  if (line.includes(",")) return ",";
  return " ";
}

/** A number as a spreadsheet writes it, or null. Allows a real minus sign, and a decimal comma unless commas separate. */
function readNumber(field: string, delimiter: Delimiter): number | null {
  let f = field.replace(/^\u2212/, "-");
  if (delimiter !== "," && /^[^.]*,[^,.]*$/.test(f)) f = f.replace(",", ".");
  if (!NUMBER.test(f)) return null;
  const n = Number(f);
  return Number.isFinite(n) ? n : null;
}
