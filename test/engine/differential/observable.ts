// Observable's own engine, for the differential test: cells transpiled by notebook-kit's OJS
// transpiler, defined as notebook-kit's define() does, run by @observablehq/runtime over
// @observablehq/stdlib's Library, with imports resolved through module.derive as Observable's
// notebooks resolve them.
import {transpile} from "@observablehq/notebook-kit";
import {parseCell, peekId} from "@observablehq/parser";
import {Runtime, type Module, type Observer} from "@observablehq/runtime";
import {FileAttachments, Library} from "@observablehq/stdlib";
import type {LessonFile} from "../../../src/stdlib/file-attachment.js";

/** What a notebook's cells last showed: a value or an error, by cell index. */
export type Shown = Map<number, {value?: unknown; error?: unknown}>;

/** A notebook run by Observable's engine. */
export interface ObservableNotebooks {
  /** A notebook's value by name, as Observable names it ("viewof x", "mutable x"). */
  value(notebook: string, name: string): Promise<unknown>;
  /** What each cell of a notebook showed. */
  shown(notebook: string): Shown;
  dispose(): void;
}

type Define = (runtime: Runtime, observer: (index: number) => Observer) => Module;

/** Runs notebooks of cells (by name) in Observable's engine; the first notebook is the main one. */
export function observable(notebooks: Record<string, string[]>, files: readonly LessonFile[] = []): ObservableNotebooks {
  const byName = new Map(files.map((f) => [f.name, f]));
  const library = new Library();
  const runtime = new Runtime({
    ...library,
    FileAttachment: () =>
      FileAttachments((name) => {
        const f = byName.get(name);
        return f ? {url: `data:${f.type};base64,${f.base64 ?? Buffer.from(f.text ?? "").toString("base64")}`, mimeType: f.type} : null;
      })
  });
  const shown = new Map<string, Shown>();
  const modules = new Map<string, Module>();
  const defines = new Map<string, Define>();
  for (const [name, cells] of Object.entries(notebooks)) {
    defines.set(name, (rt, observer) => {
      const main = rt.module();
      cells.forEach((source, i) => defineCell(main, source, i, observer, (notebook) => load(notebook)));
      return main;
    });
  }
  const load = (notebook: string) => {
    const define = defines.get(notebook);
    if (!define) return Promise.reject(new Error(`no notebook named ${notebook}`));
    return Promise.resolve({default: define});
  };
  const record = (notebook: string) => (index: number): Observer => {
    const seen = shown.get(notebook) ?? new Map();
    shown.set(notebook, seen);
    return {fulfilled: (value) => void seen.set(index, {value}), rejected: (error) => void seen.set(index, {error})};
  };
  for (const name of Object.keys(notebooks)) {
    // runtime.module(define) makes the module that imports of this notebook find, as Observable's do.
    const module = (runtime as unknown as {module(define: Define, observer: (index: number) => Observer): Module}).module(defines.get(name)!, record(name));
    modules.set(name, module);
  }
  return {
    value: (notebook, name) => modules.get(notebook)!.value(name),
    shown: (notebook) => shown.get(notebook) ?? new Map(),
    dispose: () => runtime.dispose()
  };
}

/** notebook-kit's define(), without the display: a cell's variables in module main. */
function defineCell(main: Module, source: string, id: number, observer: (index: number) => Observer, load: (notebook: string) => Promise<unknown>): void {
  let t: ReturnType<typeof transpile>;
  try {
    t = transpile(source, "ojs");
  } catch (error) {
    // Observable names a cell that does not parse after what it begins to define (peekId).
    const name = peekId(source);
    const modifier = /^\s*(viewof|mutable)\s/.exec(source)?.[1];
    const fail = () => Promise.reject(error);
    main.variable(observer(id)).define(name ? (modifier ? `${modifier} ${name}` : name) : null, [], fail);
    if (name && modifier) main.define(name, [], fail);
    return;
  }
  const classic = (name: string) => name.replace(/^(viewof|mutable)\$/, "$1 ");
  const body = evaluate(t.body.replace(/"(viewof|mutable)\$/g, '"$1 '), load);
  // notebook-kit names `viewof x` viewof$x, and its imports ask for Observable's own names;
  // here every variable has the name Observable's notebooks give it ("viewof x", "mutable x").
  const cell = parseCell(source);
  const special = new Map(cell.references.flatMap((r) => (r.type === "Identifier" ? [] : [[`${r.type === "ViewExpression" ? "viewof" : "mutable"}$${r.id.name}`, `${r.type === "ViewExpression" ? "viewof" : "mutable"} ${r.id.name}`]])));
  const inputs = (t.inputs ?? []).map((name) => special.get(name) ?? name);
  const outputs = ((t as {outputs?: string[]}).outputs ?? []).map(classic);
  const output = t.output;
  const v = main.variable(observer(id));
  if (output != null && t.autoview) {
    const x = output.slice("viewof$".length);
    v.define(`viewof ${x}`, inputs, body);
    main.define(x, ["Generators", `viewof ${x}`], (G: {input(e: unknown): unknown}, e: unknown) => G.input(e));
  } else if (output != null && t.automutable) {
    // As Observable defines `mutable x`: the initial value, a Mutable over it, and x its generator.
    const x = output.slice("mutable ".length);
    v.define(x, [`mutable ${x}`], (m: {generator: unknown}) => m.generator);
    main.define(`initial ${x}`, inputs, body);
    main.define(`mutable ${x}`, ["Mutable", `initial ${x}`], (M: new (value: unknown) => unknown, value: unknown) => new M(value));
  } else if (output != null) {
    v.define(output, inputs, body);
  } else {
    const vid = outputs.length ? `cell ${id}` : null;
    v.define(vid, inputs, body);
    for (const o of outputs) main.variable(true).define(o, [vid!], (exports: Record<string, unknown>) => exports[o.replace(" ", "$")]);
  }
}

/** A transpiled body as a function, strict as notebook-kit's ES modules are; imports load notebooks here. */
function evaluate(body: string, load: (notebook: string) => Promise<unknown>): (...args: unknown[]) => unknown {
  const local = body.replace(/import\("https:\/\/api\.observablehq\.com\/([^"]+)\.js\?v=4"\)/g, (_, name: string) => `__load(${JSON.stringify(name)})`);
  return new Function("__load", `"use strict"; return (${local});`)(load) as (...args: unknown[]) => unknown;
}
