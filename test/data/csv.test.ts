import {describe, expect, it} from "vitest";
import {formatTable, parseTable, type Pair} from "../../src/data/csv.js";

const lesson: Pair[] = [[1, 0.85], [2, 1.43], [3, 1.92], [4, 2.59], [5, 3.2], [6, 3.82], [7, 4.38], [8, 4.97]];

describe("parseTable", () => {
  it("reads CSV with a header", () => {
    expect(parseTable("temperature,sales\n21,140\n25.5,190\n")).toEqual({ok: true, data: [[21, 140], [25.5, 190]], header: ["temperature", "sales"], delimiter: ","});
  });

  it("reads TSV as pasted from a spreadsheet, without a header, with Windows line ends", () => {
    expect(parseTable("1\t0.85\r\n2\t1.43\r\n")).toEqual({ok: true, data: [[1, 0.85], [2, 1.43]], header: null, delimiter: "\t"});
  });

  it("reads semicolons with decimal commas, columns lined up with spaces, quotes, minus signs and exponents", () => {
    expect(parseTable("x;y\n1,5;−2,25\n").ok && parseTable("x;y\n1,5;−2,25\n")).toMatchObject({data: [[1.5, -2.25]], delimiter: ";"});
    expect(parseTable("  1    2\n  3.5  -4e2\n")).toMatchObject({ok: true, data: [[1, 2], [3.5, -400]], delimiter: " "});
    expect(parseTable('"hours, daily","output"\n"6","1.5"\n')).toMatchObject({ok: true, header: ["hours, daily", "output"], data: [[6, 1.5]]});
  });

  it("skips blank lines and trailing delimiters, but counts rows as the reader sees them", () => {
    const parsed = parseTable("x,y\n\n1,2,\n\n3,abc\n");
    expect(parsed).toEqual({ok: false, errors: ['row 5: "abc" is not a number']});
    expect(parseTable("\n1,2\n\n3,4\n")).toMatchObject({ok: true, data: [[1, 2], [3, 4]]});
  });

  it("names each bad row by its number, and keeps nothing of a table with any", () => {
    const parsed = parseTable("x,y\n1,2\n3\n4,5,6\n7,\n,8\nNaN,1\n1e999,2\n");
    expect(parsed).toEqual({
      ok: false,
      errors: [
        "row 3: has one value, not two (x and y)",
        "row 4: has 3 values, not two (x and y)",
        "row 5: has one value, not two (x and y)",
        "row 6: the x value is missing",
        'row 7: "NaN" is not a number',
        "and 1 more rows like these"
      ]
    });
  });

  it("says so when there is nothing to read", () => {
    expect(parseTable("")).toEqual({ok: false, errors: ["no data: paste two columns of numbers, x and y, one point per row"]});
    expect(parseTable("x,y\n")).toEqual({ok: false, errors: ["no data: paste two columns of numbers, x and y, one point per row"]});
    expect(parseTable("a,b,c\n1,2\n")).toEqual({ok: false, errors: ["row 1: the header has 3 columns, not 2 (x and y)"]});
  });
});

describe("formatTable", () => {
  it("round-trips: the text it writes reads back to the same numbers, bit for bit", () => {
    const awkward: Pair[] = [[0.1 + 0.2, -1e-300], [Math.PI, 123456789.123], [-0, 5e-324], [1 / 3, -2 / 3]];
    for (const data of [lesson, awkward]) {
      for (const delimiter of [",", "\t"] as const) {
        const back = parseTable(formatTable(data, {delimiter}));
        expect(back.ok).toBe(true);
        if (back.ok) expect(back.data.flat().map((v) => Object.is(v, -0) ? 0 : v)).toEqual(data.flat().map((v) => Object.is(v, -0) ? 0 : v));
      }
    }
    const withHeader = parseTable(formatTable(lesson, {header: ["footprint, cm", "height"]}));
    expect(withHeader).toMatchObject({ok: true, header: ["footprint, cm", "height"], data: lesson});
  });
});
