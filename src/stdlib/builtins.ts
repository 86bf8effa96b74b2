import * as Inputs from "@observablehq/inputs";
import * as PlotCore from "../draw/plot-core.js";
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
import {layered} from "../draw/layered.js";
import {palette} from "../draw/palette.js";
import {dragPoint, editablePoints, geometry, grabLine, pointsSource, setInput} from "../widgets/drag.js";

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
    // Plot's common marks come with the page (see CORES); the whole loads when a cell needs more.
    Plot: () => import("../draw/plot.js"),
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
    // The drawing pieces and the widgets load when a cell first reads them; a cell that reads
    // only what their cores hold is given the core, which comes with the page (see CORES).
    draw: () => import("../draw/index.js"),
    widgets: () => import("../widgets/index.js"),
    [core("Plot")]: () => CORES.Plot,
    [core("draw")]: () => CORES.draw,
    [core("widgets")]: () => CORES.widgets
  };
}

/**
 * What of `Plot`, `draw` and `widgets` comes with the page: the first chapter's chart is drawn
 * with these alone, so it waits for none of their chunks. The rest of each loads when a cell
 * needs it (Plot's core: src/draw/plot-core.ts).
 */
export const CORES = {
  Plot: PlotCore,
  draw: {layered, palette},
  widgets: {grabLine, dragPoint, editablePoints, pointsSource, setInput, geometry}
};

/** The name a cell reads a namespace's core by: no cell can be named so (it has a space). */
export const core = (name: keyof typeof CORES): string => `${name} (core)`;

/**
 * The input a cell's variable is given for `name`: the namespace's core if every use of it in
 * the cell's source reads one of the core's members (`draw.layered(…)`), else `name` itself.
 * Anything it cannot be sure of (`draw[key]`, `const {surface} = draw`, `draw` passed on)
 * gets the whole, so this can cost a load but never a missing member.
 */
export function coreOrWhole(name: string, source: string): string {
  if (!Object.hasOwn(CORES, name)) return name;
  const members = Object.keys(CORES[name as keyof typeof CORES]);
  // Every `name` that is not itself a property (options.draw), and what follows it.
  const uses = [...source.matchAll(new RegExp(`(?<![\\w$.])${name}(?![\\w$])(\\s*\\.\\s*([\\w$]+))?`, "g"))];
  return uses.length && uses.every((use) => use[2] !== undefined && members.includes(use[2])) ? core(name as keyof typeof CORES) : name;
}
