import * as Inputs from "@observablehq/inputs";
import * as Plot from "../draw/plot.js";
import {html, svg} from "htl";
import {Generators} from "./generators.js";
import {DOM} from "./dom.js";
import {Promises} from "./promises.js";
import {Files} from "./files.js";
import {Attachments} from "./file-attachment.js";
import {Mutable} from "./mutable.js";
import {Renderer} from "./renderer.js";
import {afterPaint} from "./after-paint.js";
import {now, width} from "./width.js";
import * as widgets from "../widgets/index.js";

/** Where the builtins live: the page they draw in, and the element `width` follows. */
export interface BuiltinsEnvironment {
  /** The element whose width `width` reports (the lesson's text column). */
  column: Element;
  /** What `md` and `tex` render with. */
  renderer?: Renderer;
  /** Told of work that shows a cell's value later (TeX rendered once temml has loaded). */
  wait?: (work: Promise<unknown>) => void;
  /** The files FileAttachment reads. */
  attachments?: Attachments;
}

/**
 * The names every cell can read without defining them. The runtime calls each entry as a
 * definition, so constants are wrapped in functions.
 */
export function builtins({column, renderer = new Renderer(), wait, attachments = new Attachments()}: BuiltinsEnvironment): Record<string, () => unknown> {
  const {md, tex} = renderer.templates(wait);
  return {
    Inputs: () => Inputs,
    Plot: () => Plot,
    // The whole of d3 is large and few cells need more than Plot already brings: load it when a
    // cell first reads it, once the first charts are on screen, so they do not wait for it.
    d3: () => afterPaint().then(() => import("d3/bundle")),
    html: () => html,
    svg: () => svg,
    md: () => md,
    tex: () => tex,
    Generators: () => Generators,
    DOM: () => DOM,
    Promises: () => Promises,
    Files: () => Files,
    FileAttachment: () => attachments.builtin(),
    Mutable: () => Mutable,
    width: () => width(column),
    now,
    // The drawing pieces load when a cell first reads them: the first chapter draws with Plot alone.
    draw: () => import("../draw/index.js"),
    widgets: () => widgets
  };
}
