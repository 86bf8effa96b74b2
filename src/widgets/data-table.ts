import {parseTable, type Pair, type ParsedTable} from "../data/csv.js";

/** Options for {@link dataTable}. */
export interface DataTableOptions {
  /** The data at first. Default: `original`. */
  value?: Pair[];
  /** The lesson's data, which "Back to the lesson's data" restores. Default: the first value. */
  original?: Pair[];
  /** The columns' names. Default ["x", "y"]. */
  labels?: [string, string];
  /** How many rows the table shows to edit; the rest are counted. Default 50. */
  rows?: number;
  /** Called with the data after each change the reader makes (to write them into a cell, say). */
  onchange?: (data: Pair[]) => void;
  /**
   * The table this cell showed before (its `this`): it is given `value` and returned, keeping
   * its message and focus, instead of a new one being made.
   */
  reuse?: unknown;
  document?: Document;
}

/**
 * The data as a small table the reader edits, an input in the Observable sense: its `value` is
 * the array of [x, y] pairs, and each change fires a bubbling `input`. A number is taken when
 * the reader presses Enter or leaves the cell; pasting a table (CSV, TSV, two columns, header or
 * not) into it or dropping a file on it replaces all the data. A bad number or a bad row is named
 * where it happened and nothing changes.
 */
export interface DataTable extends HTMLElement {
  /** The data; setting it redraws without firing `input`, as Inputs do. */
  value: Pair[];
  /** Reads a table as a paste does: all of it replaces the data (firing `input`), or none, with the errors shown. */
  importText(text: string): ParsedTable;
}

export function dataTable(options: DataTableOptions = {}): DataTable {
  const {labels = ["x", "y"], rows: shown = 50, onchange, document = globalThis.document} = options;
  const reused = options.reuse instanceof HTMLElement && options.reuse.classList.contains("data-table") ? (options.reuse as DataTable) : null;
  if (reused) {
    // The data came back from the cell this table wrote: draw them only if they differ.
    if (options.value && !same(checkPairs(options.value, "value"), reused.value)) reused.value = options.value;
    return reused;
  }
  const original = checkPairs(options.original ?? options.value ?? [], "original");
  let data = checkPairs(options.value ?? original, "value");
  const root = document.createElement("div") as unknown as DataTable;
  root.className = "data-table";
  root.setAttribute("role", "group");
  root.setAttribute("aria-label", "the data");
  const help = document.createElement("p");
  help.className = "data-table-help";
  help.textContent = "Edit a number and press Enter, paste a table (two columns, from a spreadsheet or a CSV file), or drop a file here.";
  const table = document.createElement("table");
  const more = document.createElement("p");
  more.className = "data-table-more";
  const actions = document.createElement("div");
  actions.className = "data-table-actions";
  const status = document.createElement("div");
  status.className = "data-table-status";
  status.setAttribute("role", "status");
  const file = document.createElement("input");
  file.type = "file";
  file.accept = ".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain";
  file.hidden = true;
  const button = (action: string, text: string, onclick: () => void) => {
    const b = document.createElement("button");
    b.type = "button";
    b.dataset.action = action;
    b.textContent = text;
    b.addEventListener("click", onclick);
    return b;
  };
  const add = button("add-point", "Add a row", () => {
    const [x, y] = data.at(-1) ?? [0, 0];
    const dx = data.length >= 2 ? x - data[data.length - 2][0] : 1;
    commit([...data, [round(x + dx), y]], `Added row ${data.length + 1}.`);
    table.querySelector<HTMLInputElement>(`tbody tr:last-child input`)?.focus();
  });
  const open = button("import-data", "Open a file…", () => file.click());
  const restore = button("restore-data", "Back to the lesson’s data", () => commit(original.map(([x, y]) => [x, y]), "Back to the lesson’s data."));
  actions.append(add, open, restore);
  root.append(help, table, more, actions, status, file);

  const say = (message: string, error = false) => {
    status.textContent = message;
    status.className = `data-table-status${error ? " notice notice-error" : ""}`;
  };
  const commit = (next: Pair[], message: string) => {
    data = next;
    draw();
    say(message);
    root.dispatchEvent(new Event("input", {bubbles: true}));
  };
  const importText = (text: string): ParsedTable => {
    const parsed = parseTable(text);
    if (parsed.ok) commit(parsed.data, `Read ${parsed.data.length.toLocaleString("en-US")} point${parsed.data.length === 1 ? "" : "s"}${parsed.header ? ` (columns “${parsed.header[0]}” and “${parsed.header[1]}”)` : ""}.`);
    else say(`Nothing changed: ${parsed.errors.join("; ")}.`, true);
    return parsed;
  };

  function draw() {
    const head = document.createElement("thead");
    head.innerHTML = "<tr><th scope=col>row</th><th scope=col></th><th scope=col></th><th scope=col><span class=sr-only>remove</span></th></tr>";
    head.querySelectorAll("th")[1].textContent = labels[0];
    head.querySelectorAll("th")[2].textContent = labels[1];
    const body = document.createElement("tbody");
    data.slice(0, shown).forEach((pair, i) => body.append(row(pair, i)));
    table.replaceChildren(head, body);
    more.textContent = data.length > shown ? `… and ${(data.length - shown).toLocaleString("en-US")} more rows, not shown here (paste or drop a table to replace them all).` : "";
    more.hidden = data.length <= shown;
    restore.hidden = same(data, original);
  }
  function row([x, y]: Pair, i: number) {
    const tr = document.createElement("tr");
    const number = document.createElement("th");
    number.scope = "row";
    number.textContent = String(i + 1);
    tr.append(number, cell(x, i, 0), cell(y, i, 1));
    const td = document.createElement("td");
    const remove = button("remove-point", "×", () => {
      if (data.length <= 1) return say("The data need at least one point.", true);
      commit(data.filter((_, j) => j !== i), `Removed row ${i + 1}.`);
      (table.querySelectorAll<HTMLInputElement>("tbody input")[Math.min(i, data.length - 1) * 2] ?? add).focus();
    });
    remove.setAttribute("aria-label", `remove row ${i + 1}`);
    remove.disabled = data.length <= 1;
    td.append(remove);
    tr.append(td);
    return tr;
  }
  function cell(value: number, i: number, j: 0 | 1) {
    const td = document.createElement("td");
    const input = document.createElement("input");
    input.type = "text";
    input.inputMode = "decimal";
    input.defaultValue = String(value); // the attribute too, so the markup shows the number
    input.setAttribute("aria-label", `row ${i + 1}, ${labels[j]}`);
    input.size = 8;
    const take = () => {
      // Read as a one-row table with semicolons, so a decimal comma ("1,5") is a number too.
      const parsed = parseTable(j === 0 ? `${input.value};0` : `0;${input.value}`);
      if (!parsed.ok || parsed.header) {
        input.setAttribute("aria-invalid", "true");
        say(`Row ${i + 1}, ${labels[j]}: “${input.value}” is not a number; the data keep ${data[i][j]}.`, true);
        return;
      }
      input.removeAttribute("aria-invalid");
      const v = parsed.data[0][j];
      if (Object.is(v, data[i][j])) return;
      const next = data.map((p): Pair => [p[0], p[1]]);
      next[i][j] = v;
      data = next;
      restore.hidden = same(data, original);
      say(`Row ${i + 1}: ${labels[0]} = ${data[i][0]}, ${labels[1]} = ${data[i][1]}.`);
      root.dispatchEvent(new Event("input", {bubbles: true}));
    };
    input.addEventListener("change", take);
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") take();
      else if (event.key === "Escape") (input.value = String(data[i][j])), input.removeAttribute("aria-invalid");
    });
    // Typing is not yet a change of the data: only this table's own events say that.
    input.addEventListener("input", (event) => {
      event.stopPropagation();
      if (input.value.trim() !== "") input.removeAttribute("aria-invalid");
    });
    td.append(input);
    return td;
  }

  root.addEventListener("paste", (event) => {
    const text = event.clipboardData?.getData("text/plain") ?? "";
    // One number pasted into a cell is an edit of that cell; more than one line is a table.
    if (!/[\r\n]/.test(text.trim())) return;
    event.preventDefault();
    importText(text);
  });
  root.addEventListener("dragover", (event) => {
    event.preventDefault();
    root.classList.add("dropping");
  });
  root.addEventListener("dragleave", () => root.classList.remove("dropping"));
  root.addEventListener("drop", (event) => {
    event.preventDefault();
    // The page takes dropped exported pages (Open file…); a table dropped here is data.
    event.stopPropagation();
    root.classList.remove("dropping");
    const dropped = event.dataTransfer?.files?.[0];
    if (dropped) readFile(dropped);
    else importText(event.dataTransfer?.getData("text/plain") ?? "");
  });
  file.addEventListener("input", (event) => event.stopPropagation());
  file.addEventListener("change", () => {
    const chosen = file.files?.[0];
    if (chosen) readFile(chosen);
    file.value = "";
  });
  function readFile(f: File) {
    if (f.size > 50_000_000) return say(`Nothing changed: ${f.name} is ${Math.round(f.size / 1e6)} MB; a table of points is at most 50 MB.`, true);
    f.text().then(importText, (error: unknown) => say(`Nothing changed: ${f.name} could not be read (${error instanceof Error ? error.message : String(error)}).`, true));
  }

  if (onchange) root.addEventListener("input", () => onchange(root.value));
  Object.defineProperties(root, {
    value: {
      get: () => data.map(([x, y]) => [x, y]),
      set: (value: unknown) => {
        data = checkPairs(value, "value");
        draw();
      }
    },
    importText: {value: importText}
  });
  draw();
  return root;
}

/** The pairs as [x, y] of finite numbers (a copy), or an error that names the first bad one. */
function checkPairs(value: unknown, name: string): Pair[] {
  if (!Array.isArray(value)) throw new Error(`dataTable: ${name} is not an array of [x, y] pairs`);
  return value.map((p: unknown, i) => {
    if (!Array.isArray(p) || p.length !== 2 || !p.every((v) => typeof v === "number" && Number.isFinite(v))) {
      throw new Error(`dataTable: ${name}[${i}] is not a pair of numbers`);
    }
    return [p[0], p[1]] as Pair;
  });
}

function same(a: readonly Pair[], b: readonly Pair[]): boolean {
  return a.length === b.length && a.every((p, i) => Object.is(p[0], b[i][0]) && Object.is(p[1], b[i][1]));
}

/** A new row's x, without a float's last-bit noise (7 + 1 is 8, not 8.000000000000002). */
function round(x: number): number {
  return +x.toPrecision(12);
}
