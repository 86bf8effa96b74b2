import type {ColorScheme} from "@observablehq/plot";
import {rgb, type RGBColor} from "d3-color";
import * as Plot from "./plot.js";

/** Steps in the table: as finely as Plot's own schemes are tabulated. */
const STEPS = 255;

/**
 * The colour of a height, as Plot's linear colour scale with this scheme would give it (heights
 * outside the domain take the end colours), read from a table of 256 steps across the domain:
 * a mesh or a heat map looks up a colour for every cell at every move of a slider. The colours
 * returned are shared; do not change them.
 */
export function colorRamp([z0, z1]: [number, number], scheme: ColorScheme): (z: number) => RGBColor {
  // A slider that reshapes a surface in a fixed z domain asks for the same ramp at every move.
  const key = `${z0} ${z1} ${scheme}`;
  if (last?.key === key) return last.ramp;
  const scale = Plot.scale({color: {type: "linear", scheme, domain: [z0, z1], clamp: true}});
  const table = Array.from({length: STEPS + 1}, (_, i) => rgb(String(scale.apply(z0 + ((z1 - z0) * i) / STEPS))));
  const ramp = (z: number) => table[Math.round(Math.max(0, Math.min(1, (z - z0) / (z1 - z0))) * STEPS)];
  last = {key, ramp};
  return ramp;
}

let last: {key: string; ramp: (z: number) => RGBColor} | null = null;
