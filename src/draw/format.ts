const MINUS = "\u2212";

/**
 * A number as a diagram shows it: at most `digits` decimals with trailing zeros trimmed, a
 * real minus sign, no "-0", and NaN and infinities spelled so a reader recognises them.
 * Magnitudes from a million up switch to exponent form so a label never runs off its edge.
 */
export function formatNumber(x: number, digits = 2): string {
  if (!Number.isInteger(digits) || digits < 0 || digits > 20) throw new Error(`formatNumber: invalid digits; not an integer in [0, 20]: ${digits}`);
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "∞";
  if (x === -Infinity) return `${MINUS}∞`;
  const text = Math.abs(x) >= 1e6 ? exponent(x, digits) : trim(x.toFixed(digits));
  // toFixed rounds tiny negatives to "-0.00", which trims to "-0": a sign with nothing behind it.
  if (/^-0$/.test(text)) return "0";
  return text.replaceAll("-", MINUS);
}

function trim(fixed: string): string {
  return fixed.includes(".") ? fixed.replace(/\.?0+$/, "") : fixed;
}

function exponent(x: number, digits: number): string {
  const [mantissa, power] = x.toExponential(digits).split("e");
  return `${trim(mantissa)}e${power.replace("+", "")}`;
}
