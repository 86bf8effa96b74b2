import * as Inputs from "@observablehq/inputs";
import * as Plot from "@observablehq/plot";
import * as d3 from "d3";
import {html, svg} from "htl";
import {Generators} from "./generators.js";
import {Mutable} from "./mutable.js";
import {md, tex} from "./markdown.js";
import {now, width} from "./width.js";
import * as draw from "../draw/index.js";
import * as widgets from "../widgets/index.js";

/** Where the builtins live: the page they draw in, and the element `width` follows. */
export interface BuiltinsEnvironment {
  /** The element whose width `width` reports (the lesson's text column). */
  column: Element;
}

/**
 * The names every cell can read without defining them. The runtime calls each entry as a
 * definition, so constants are wrapped in functions.
 */
export function builtins({column}: BuiltinsEnvironment): Record<string, () => unknown> {
  return {
    Inputs: () => Inputs,
    Plot: () => Plot,
    d3: () => d3,
    html: () => html,
    svg: () => svg,
    md: () => md,
    tex: () => tex,
    Generators: () => Generators,
    Mutable: () => Mutable,
    width: () => width(column),
    now,
    draw: () => draw,
    widgets: () => widgets
  };
}
