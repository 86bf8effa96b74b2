import {describe, expect, it, vi} from "vitest";
import {dataTable, type DataTable} from "../../src/widgets/data-table.js";
import type {Pair} from "../../src/data/csv.js";

const lesson: Pair[] = [[1, 0.85], [2, 1.43], [3, 1.92], [4, 2.59]];

function cellInput(table: DataTable, row: number, column: "x" | "y") {
  return table.querySelector<HTMLInputElement>(`input[aria-label="row ${row}, ${column}"]`)!;
}
/** Types into a cell and presses Enter, as a reader does. */
function type(table: DataTable, row: number, column: "x" | "y", text: string) {
  const input = cellInput(table, row, column);
  input.focus();
  input.value = text;
  input.dispatchEvent(new Event("input", {bubbles: true}));
  input.dispatchEvent(new KeyboardEvent("keydown", {key: "Enter", bubbles: true}));
}
function paste(target: Element, text: string) {
  const event = new Event("paste", {bubbles: true, cancelable: true});
  Object.defineProperty(event, "clipboardData", {value: {getData: (type: string) => (type === "text/plain" ? text : "")}});
  target.dispatchEvent(event);
  return event;
}
const status = (table: DataTable) => table.querySelector("[role=status]")!.textContent;

describe("dataTable", () => {
  it("shows the data as a table with a labelled cell for each number", () => {
    const table = dataTable({value: lesson, labels: ["footprint", "height"]});
    expect(table.value).toEqual(lesson);
    expect(table.querySelectorAll("tbody tr")).toHaveLength(4);
    expect(table.querySelector<HTMLInputElement>('input[aria-label="row 2, height"]')!.value).toBe("1.43");
    expect([...table.querySelectorAll("thead th")].map((th) => th.textContent)).toEqual(["row", "footprint", "height", "remove"]);
    expect(table.getAttribute("aria-label")).toBe("the data");
  });

  it("takes an edited number on Enter, fires one input, and hands out copies", () => {
    const table = dataTable({value: lesson});
    const heard = vi.fn();
    table.addEventListener("input", heard);
    type(table, 3, "y", "2,5"); // a decimal comma is a number too
    expect(table.value[2]).toEqual([3, 2.5]);
    expect(heard).toHaveBeenCalledTimes(1);
    cellInput(table, 3, "y").dispatchEvent(new Event("change", {bubbles: true})); // leaving the cell: no second input
    expect(heard).toHaveBeenCalledTimes(1);
    table.value[0][0] = 99;
    expect(table.value[0][0]).toBe(1);
  });

  it("names a bad number where it is, keeps the data and fires nothing", () => {
    const table = dataTable({value: lesson});
    const heard = vi.fn();
    table.addEventListener("input", heard);
    type(table, 2, "x", "abc");
    expect(cellInput(table, 2, "x").getAttribute("aria-invalid")).toBe("true");
    expect(status(table)).toBe("Row 2, x: “abc” is not a number; the data keep 2.");
    expect(table.value).toEqual(lesson);
    expect(heard).not.toHaveBeenCalled();
    // Escape puts the number back.
    cellInput(table, 2, "x").dispatchEvent(new KeyboardEvent("keydown", {key: "Escape"}));
    expect(cellInput(table, 2, "x").value).toBe("2");
    expect(cellInput(table, 2, "x").hasAttribute("aria-invalid")).toBe(false);
  });

  it("a pasted table replaces the data; one with bad rows names them and changes nothing", () => {
    const table = dataTable({value: lesson});
    const heard = vi.fn();
    table.addEventListener("input", heard);
    const good = paste(cellInput(table, 1, "x"), "hours\tkWh\n6\t1.5\n8\t2.1\n10\t2.9\n");
    expect(good.defaultPrevented).toBe(true);
    expect(table.value).toEqual([[6, 1.5], [8, 2.1], [10, 2.9]]);
    expect(status(table)).toBe("Read 3 points (columns “hours” and “kWh”).");
    expect(heard).toHaveBeenCalledTimes(1);
    paste(table, "x,y\n1,2\n3,abc\n5\n");
    expect(table.value).toEqual([[6, 1.5], [8, 2.1], [10, 2.9]]);
    expect(status(table)).toBe('Nothing changed: row 3: "abc" is not a number; row 4: has one value, not two (x and y).');
    expect(heard).toHaveBeenCalledTimes(1);
    // One number pasted into a cell is left to the cell.
    expect(paste(cellInput(table, 1, "x"), "3.5").defaultPrevented).toBe(false);
  });

  it("goes back to the lesson's data, offered only when the data differ from it", () => {
    const table = dataTable({value: lesson});
    const restore = table.querySelector<HTMLButtonElement>("[data-action=restore-data]")!;
    expect(restore.hidden).toBe(true);
    table.importText("1 1\n2 2\n");
    expect(restore.hidden).toBe(false);
    const heard = vi.fn();
    table.addEventListener("input", heard);
    restore.click();
    expect(table.value).toEqual(lesson);
    expect(restore.hidden).toBe(true);
    expect(heard).toHaveBeenCalledTimes(1);
  });

  it("adds a row after the last, at the same spacing, and removes rows but never the last one", () => {
    const table = dataTable({value: [[1, 1], [2, 4]]});
    table.querySelector<HTMLButtonElement>("[data-action=add-point]")!.click();
    expect(table.value).toEqual([[1, 1], [2, 4], [3, 4]]);
    table.querySelector<HTMLButtonElement>('[aria-label="remove row 1"]')!.click();
    table.querySelector<HTMLButtonElement>('[aria-label="remove row 1"]')!.click();
    expect(table.value).toEqual([[3, 4]]);
    expect(table.querySelector<HTMLButtonElement>('[aria-label="remove row 1"]')!.disabled).toBe(true);
  });

  it("shows the first rows of big data and counts the rest", () => {
    const big: Pair[] = Array.from({length: 100_000}, (_, i) => [i, i / 2]);
    const table = dataTable({value: big, rows: 20});
    expect(table.querySelectorAll("tbody tr")).toHaveLength(20);
    expect(table.querySelector(".data-table-more")!.textContent).toContain("… and 99,980 more rows");
    expect(table.value).toHaveLength(100_000);
  });

  it("setting the value redraws without firing input; a bad value is refused by name", () => {
    const table = dataTable({value: lesson});
    const heard = vi.fn();
    table.addEventListener("input", heard);
    table.value = [[0, 0]];
    expect(table.querySelectorAll("tbody tr")).toHaveLength(1);
    expect(heard).not.toHaveBeenCalled();
    expect(() => (table.value = [[0, "a"]] as unknown as Pair[])).toThrow(/value\[0\] is not a pair of numbers/);
    expect(table.value).toEqual([[0, 0]]);
  });
});
