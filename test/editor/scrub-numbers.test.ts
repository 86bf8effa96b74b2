import {describe, expect, it} from "vitest";
import {numberAt, scrubbed} from "../../src/editor/scrub-numbers.js";

describe("numberAt", () => {
  const line = "viewof w = Inputs.range([-10, 10], {value: 1.25, step: 0.01})";
  it("finds the literal under a position, with its sign and decimals", () => {
    expect(numberAt(line, 0, line.indexOf("1.25") + 1)).toEqual({from: line.indexOf("1.25"), to: line.indexOf("1.25") + 4, value: 1.25, decimals: 2});
    expect(numberAt(line, 0, line.indexOf("-10") + 2)).toMatchObject({value: -10, decimals: 0});
  });

  it("does not take subtraction for a sign, or digits in a name for a number", () => {
    const text = "y = x1 - 3";
    expect(numberAt(text, 0, text.indexOf("1"))).toBeNull();
    expect(numberAt("y = w-3", 0, 6)).toMatchObject({value: 3, from: 6});
  });

  it("offsets positions by the line's start", () => {
    expect(numberAt("a = 5", 100, 104)).toMatchObject({from: 104, to: 105, value: 5});
  });
});

describe("scrubbed", () => {
  it("moves one step of the last digit per 4 px, keeping the number's decimals", () => {
    const n = {from: 0, to: 4, value: 1.25, decimals: 2};
    expect(scrubbed(n, 40)).toBe("1.35");
    expect(scrubbed(n, -400)).toBe("0.25");
    expect(scrubbed({from: 0, to: 1, value: 3, decimals: 0}, -20)).toBe("-2");
  });
});
