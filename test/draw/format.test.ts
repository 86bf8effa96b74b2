import {describe, expect, it} from "vitest";
import {formatNumber} from "../../src/draw/format.js";

describe("formatNumber", () => {
  it("rounds to two decimals and trims trailing zeros", () => {
    expect(formatNumber(0.2)).toBe("0.2");
    expect(formatNumber(1.0)).toBe("1");
    expect(formatNumber(7.125)).toBe("7.13");
    expect(formatNumber(2.5, 0)).toBe("3");
    expect(formatNumber(Math.PI, 4)).toBe("3.1416");
  });

  it("writes a real minus sign, and never −0", () => {
    expect(formatNumber(-5.7)).toBe("\u22125.7");
    expect(formatNumber(-0.001)).toBe("0");
    expect(formatNumber(-0)).toBe("0");
  });

  it("spells NaN and the infinities readably", () => {
    expect(formatNumber(NaN)).toBe("NaN");
    expect(formatNumber(Infinity)).toBe("∞");
    expect(formatNumber(-Infinity)).toBe("\u2212∞");
  });

  it("switches to exponent form from a million", () => {
    expect(formatNumber(999_999.5)).toBe("999999.5");
    expect(formatNumber(1_234_567)).toBe("1.23e6");
    expect(formatNumber(-2e21)).toBe("\u22122e21");
  });

  it("rejects a bad digits count", () => {
    expect(() => formatNumber(1, -1)).toThrow("formatNumber: invalid digits; not an integer in [0, 20]: -1");
  });
});
