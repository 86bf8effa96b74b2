import {walk, type Cell, type ImportSpecifier, type ImportDeclaration} from "@observablehq/parser";
import {ancestor, simple, type AncestorVisitors} from "acorn-walk";
import {parse as parseScript, type Node} from "acorn";
import {CellSyntaxError, parse} from "./parse-cell.js";

/** A variable defined by a definition function over named inputs. */
export interface DefineSpec {
  kind: "define";
  /** The variable's name in the chapter's scope, or null if anonymous. */
  name: string | null;
  /** Names of the variables passed as arguments, in order. */
  inputs: string[];
  /** JavaScript source of the definition: a function expression. */
  body: string;
}

/** A variable imported from another chapter. */
export interface ImportSpec {
  kind: "import";
  /** Its name in this chapter. */
  name: string;
  /** Its name in the chapter it comes from. */
  remote: string;
  /** The slug of the chapter it comes from. */
  from: string;
  /**
   * For `import … with`: this chapter's names that stand in for names of the chapter it comes
   * from, in a copy of that chapter made for this cell (the runtime's module.derive).
   */
  injections?: Injection[];
}

/** `with {name as alias}`: this chapter's `name` stands in for the other chapter's `alias`. */
export interface Injection {
  /** The name in this chapter. */
  name: string;
  /** The name it replaces in the chapter imported from. */
  alias: string;
}

export type VariableSpec = DefineSpec | ImportSpec;

/** A cell turned into runtime variables; the first variable is the one the cell shows. */
export interface CompiledCell {
  /** The cell's name as the page shows it ("x", "viewof x", "mutable x"), or null if unnamed. */
  name: string | null;
  /** The variables to define, the displayed one first. */
  variables: VariableSpec[];
  /** The names this cell puts in the chapter's scope. */
  defines: string[];
  /** The names this cell reads from the chapter's scope. */
  references: string[];
}

/** Options that change how cell code is compiled. */
export interface CompileOptions {
  /**
   * Name of the guard that stops runaway code (see loop-guard.ts): loops call it every 256
   * iterations and functions every 256 calls; `eval`, `Function`, `RegExp` and regular
   * expression literals go through it, so the code they make is guarded too.
   */
  loopGuard?: string;
}

/** Parses and compiles one cell's source; throws CellSyntaxError on bad syntax. */
export function compile(source: string, options: CompileOptions = {}): CompiledCell {
  const cell = parse(source);
  const body = cell.body;
  if (body === null) {
    // Nothing but comments or white space: a cell with nothing to show.
    return {name: null, variables: [{kind: "define", name: null, inputs: [], body: "function() {}"}], defines: [], references: []};
  }
  if (body?.type === "ImportDeclaration") return compileImport(body as ImportDeclaration);
  const id = cell.id;
  const fn = definition(cell, source, options);
  if (id === null) {
    return {name: null, variables: [{kind: "define", name: null, ...fn}], defines: [], references: fn.inputs};
  }
  const name = id.type === "Identifier" ? id.name : id.id.name;
  switch (id.type) {
    case "Identifier":
      return {name, variables: [{kind: "define", name, ...fn}], defines: [name], references: fn.inputs};
    case "ViewExpression":
      return {
        name: `viewof ${name}`,
        variables: [
          {kind: "define", name: `viewof ${name}`, ...fn},
          {kind: "define", name, inputs: ["Generators", `viewof ${name}`], body: "(G, _) => G.input(_)"}
        ],
        defines: [`viewof ${name}`, name],
        references: fn.inputs
      };
    case "MutableExpression":
      return {
        name: `mutable ${name}`,
        variables: [
          {kind: "define", name, inputs: [`mutable ${name}`], body: "_ => _.generator"},
          {kind: "define", name: `mutable ${name}`, inputs: ["Mutable", `initial ${name}`], body: "(M, _) => new M(_)"},
          {kind: "define", name: `initial ${name}`, ...fn}
        ],
        defines: [name, `mutable ${name}`, `initial ${name}`],
        references: fn.inputs
      };
  }
}

function compileImport(body: ImportDeclaration): CompiledCell {
  const from = body.source.value;
  const injections = body.injections?.length ? body.injections.flatMap(injection) : undefined;
  const variables: ImportSpec[] = [];
  const shown: string[] = [];
  for (const s of body.specifiers) variables.push(...importSpecifier(s, from, shown));
  if (injections) for (const v of variables) v.injections = injections;
  // An import cell shows the plain values it brings in, never a borrowed view element:
  // one element cannot be displayed in two chapters at once.
  const summary =
    shown.length === 1
      ? "(_) => _"
      : `(${shown.map((_, i) => `$${i}`).join(", ")}) => ({${shown.map((n, i) => `${JSON.stringify(n)}: $${i}`).join(", ")}})`;
  const display: DefineSpec = {kind: "define", name: null, inputs: shown, body: summary};
  const locals = variables.map((v) => v.name as string);
  const single = body.specifiers.length === 1 ? body.specifiers[0] : null;
  const name = single ? specifierName(single) : null;
  const references = injections ? [...new Set(injections.map((i) => i.name))] : [];
  return {name, variables: [display, ...variables], defines: locals, references};
}

/** `with {viewof x}` stands in for both `viewof x` and `x`, as Observable's compiler does. */
function injection(s: ImportSpecifier): Injection[] {
  const name = s.imported.name, alias = s.local.name;
  if (s.view) return [{name: `viewof ${name}`, alias: `viewof ${alias}`}, {name, alias}];
  if (s.mutable) return [{name: `mutable ${name}`, alias: `mutable ${alias}`}, {name, alias}];
  return [{name, alias}];
}

function specifierName(s: ImportSpecifier): string {
  return s.view ? `viewof ${s.local.name}` : s.mutable ? `mutable ${s.local.name}` : s.local.name;
}

function importSpecifier(s: ImportSpecifier, from: string, shown: string[]): ImportSpec[] {
  const local = s.local.name, remote = s.imported.name;
  shown.push(local);
  const plain: ImportSpec = {kind: "import", name: local, remote, from};
  if (s.view) return [{kind: "import", name: `viewof ${local}`, remote: `viewof ${remote}`, from}, plain];
  if (s.mutable) return [{kind: "import", name: `mutable ${local}`, remote: `mutable ${remote}`, from}, plain];
  return [plain];
}

/**
 * Every name the cell's code spells (its own and those it reads), so the parameter that stands
 * for `viewof x` or `mutable x` can be named so as to clash with none of them.
 */
function identifiers(body: Node): Set<string> {
  const names = new Set<string>();
  simple(body, {Identifier: (node) => void names.add((node as Node & {name: string}).name)}, walk as never);
  return names;
}

/** `viewof$x`, or `viewof$x$`, `viewof$x$$`… if the cell already uses that name. */
function unused(name: string, taken: Set<string>): string {
  while (taken.has(name)) name += "$";
  taken.add(name);
  return name;
}

/** `viewof x` or `mutable x` as the parser writes it. */
type ObservableReference = Node & {id: {name: string}};

/** An edit to the cell's source: replace [start, end) with text. */
interface Edit {
  start: number;
  end: number;
  text: string;
}

function definition(cell: Cell, source: string, options: CompileOptions): {inputs: string[]; body: string} {
  const body = cell.body as Node;
  const inputs: string[] = [];
  const params: string[] = [];
  const taken = identifiers(body);
  const param = (name: string): string => {
    let i = inputs.indexOf(name);
    if (i < 0) {
      i = inputs.push(name) - 1;
      params.push(name.includes(" ") ? unused(name.replace(" ", "$"), taken) : name);
    }
    return params[i];
  };
  for (const ref of cell.references) {
    param(ref.type === "Identifier" ? ref.name : `${ref.type === "ViewExpression" ? "viewof" : "mutable"} ${ref.id.name}`);
  }
  const edits: Edit[] = [];
  const visitors: Record<string, (node: Node, state: unknown, ancestors: Node[]) => void> = {
    ViewExpression(node) {
      const {start, end, id} = node as ObservableReference;
      edits.push({start, end, text: param(`viewof ${id.name}`)});
    },
    MutableExpression(node) {
      const {start, end, id} = node as ObservableReference;
      edits.push({start, end, text: `${param(`mutable ${id.name}`)}.value`});
    },
    ...(options.loopGuard ? guards(options.loopGuard, source, edits) : {})
  };
  // The count of calls between function-entry checks lives in the cell's run (first, before
  // any edit at the same place).
  const count = options.loopGuard ? `let ${options.loopGuard}C = 0; ` : "";
  if (count && body.type === "BlockStatement") edits.push({start: body.start + 1, end: body.start + 1, text: count});
  ancestor(body, visitors as AncestorVisitors<unknown>, walk);
  const {text, toSource} = applyEdits(source, body.start, body.end, edits);
  const keyword = `${cell.async ? "async " : ""}function${cell.generator ? "*" : ""}`;
  const head = `${keyword}(${params.join(", ")}) `;
  const open = body.type === "BlockStatement" ? "" : `{${count}\nreturn (\n`;
  const fn = `${head}${open}${text}${open ? "\n);\n}" : ""}`;
  checkStrict(fn, source, (pos) => toSource(pos - head.length - open.length));
  return {inputs, body: fn};
}

/**
 * Cells run as strict code, as in an ES module, which forbids a few things sloppy code allows
 * (octal literals, `with`, deleting a name…); find those here, located in the cell's source.
 */
function checkStrict(fn: string, source: string, toSource: (pos: number) => number): void {
  const prefix = '"use strict"; (';
  try {
    parseScript(`${prefix}${fn})`, {ecmaVersion: "latest", sourceType: "script"});
  } catch (error) {
    const at = (error as {pos?: number}).pos ?? prefix.length;
    const pos = Math.max(0, Math.min(source.length, toSource(at - prefix.length)));
    const before = source.slice(0, pos).split("\n");
    const reason = (error as Error).message.replace(/\s*\(\d+:\d+\)$/, "");
    throw new CellSyntaxError(`${reason} (cells are strict code)`, before.length, before.at(-1)!.length + 1, pos);
  }
}

/**
 * Guards against runaway code. Every 256 iterations a loop calls guard(line), and every 256th
 * call of a function that calls something does (a count shared by the cell's functions, so a hot
 * function pays a decrement, not a call); the guard throws once the cell has kept the page from
 * taking a turn for too long. A function that calls nothing (the lesson's `y`, called millions of
 * times a second) has no check, since that check would halve the speed of training: it cannot
 * recurse but through a getter or `valueOf` it sets off, and its loops are guarded. Functions
 * written as an object's or a class's members keep theirs, since the browser calls those of its
 * own accord, without end for an endless iterator's `next`. A check that throws leaves the count below zero, so every later call checks
 * again and throws: a `catch` that calls the function again cannot keep the runaway going.
 * A labelled loop is wrapped outside its label, so `continue label` still works.
 * `eval(code)` guards the code before it runs (still a direct eval, which sees the cell's
 * names); any other use of `eval` is the guard's indirect eval, and regular expression literals
 * are made by the guard (linear-time matching, see safe-regexp.ts).
 */
function guards(guard: string, source: string, edits: Edit[]) {
  let count = 0;
  const lineOf = (node: Node) => source.slice(0, node.start).split("\n").length;
  const counter = `${guard}C`;
  const loop = (node: Node, _state: unknown, ancestors: Node[]) => {
    const loop = node as Node & {body: Node & {type: string}};
    let outer: Node = loop;
    for (let i = ancestors.length - 2; i >= 0 && ancestors[i].type === "LabeledStatement"; --i) outer = ancestors[i];
    const n = count++;
    const call = `if ((++__n${n} & 255) === 0) ${guard}(${lineOf(loop)}, 0);` + pairs(loop, n, edits);
    edits.push({start: outer.start, end: outer.start, text: `{let __n${n} = 0; `});
    if (loop.body.type === "BlockStatement") {
      edits.push({start: loop.body.start + 1, end: loop.body.start + 1, text: call});
    } else {
      edits.push({start: loop.body.start, end: loop.body.start, text: `{${call}`});
      edits.push({start: loop.body.end, end: loop.body.end, text: "}"});
    }
    edits.push({start: outer.end, end: outer.end, text: "}"});
  };
  const fn = (node: Node, _state: unknown, ancestors: Node[]) => {
    const parent = ancestors[ancestors.length - 2];
    const member = parent?.type === "Property" || parent?.type === "MethodDefinition" || parent?.type === "PropertyDefinition";
    if (!calling.has(node) && !member) return; // see above
    const body = (node as Node & {body: Node}).body;
    const check = `--${counter} < 0 && (${counter} = ${guard}(${lineOf(node)}, 1))`;
    if (body.type === "BlockStatement") {
      edits.push({start: body.start + 1, end: body.start + 1, text: `${check};`});
    } else {
      edits.push({start: body.start, end: body.start, text: `(${check}, `});
      edits.push({start: body.end, end: body.end, text: ")"});
    }
  };
  const identifier = (node: Node, _state: unknown, ancestors: Node[]) => {
    if ((node as Node & {name: string}).name !== "eval") return;
    const parent = ancestors[ancestors.length - 2] as Node & {callee?: Node; arguments?: Node[]; shorthand?: boolean};
    if (parent?.type === "CallExpression" && parent.callee === node && parent.arguments?.length && parent.arguments[0].type !== "SpreadElement") {
      const code = parent.arguments[0];
      edits.push({start: code.start, end: code.start, text: `${guard}.source(`});
      edits.push({start: code.end, end: code.end, text: ")"});
    } else {
      edits.push({start: node.start, end: node.end, text: parent?.type === "Property" && parent.shorthand ? `eval: ${guard}.eval` : `${guard}.eval`});
    }
  };
  const literal = (node: Node) => {
    const regex = (node as Node & {regex?: {pattern: string; flags: string}}).regex;
    if (regex) edits.push({start: node.start, end: node.end, text: `${guard}.re(${JSON.stringify(regex.pattern)}, ${JSON.stringify(regex.flags)})`});
  };
  // The functions that call something (the walk visits a function after everything in it).
  const calling = new WeakSet<Node>();
  const call = (_node: Node, _state: unknown, ancestors: Node[]) => {
    for (let i = ancestors.length - 2; i >= 0; --i) {
      if (/^(Function|ArrowFunction)/.test(ancestors[i].type)) return void calling.add(ancestors[i]);
    }
  };
  return {
    WhileStatement: loop, DoWhileStatement: loop, ForStatement: loop, ForInStatement: loop, ForOfStatement: loop,
    FunctionDeclaration: fn, FunctionExpression: fn, ArrowFunctionExpression: fn,
    CallExpression: call, NewExpression: call, TaggedTemplateExpression: call, ImportExpression: call,
    Identifier: identifier, Literal: literal
  };
}

/**
 * Guards code made at run time: a script for `eval`, or a function expression for `Function`.
 * The code reads the guard as `guard` and its count of calls as `guard + "C"`. Code that does
 * not parse throws the SyntaxError the browser would have thrown, so nothing runs unguarded.
 */
export function guardScript(code: string, guard: string, expression = false): string {
  let program: Node & {body: (Node & {expression?: Node})[]};
  try {
    program = parseScript(code, {ecmaVersion: "latest", sourceType: "script"}) as typeof program;
  } catch (error) {
    throw new SyntaxError((error as Error).message);
  }
  if (expression && !(program.body.length === 1 && program.body[0].expression?.type === "FunctionExpression")) throw new SyntaxError("not a function body");
  const edits: Edit[] = [];
  ancestor(program, guards(guard, code, edits) as AncestorVisitors<unknown>, walk);
  return applyEdits(code, 0, code.length, edits).text;
}

/** A `for (const [x, y] of …)` loop: a for-of whose variables are a plain array pattern. */
type PairLoop = Node & {
  await: boolean;
  left: Node & {type: string; kind: string; declarations: {id: Node & {type: string; elements: (Node & {type: string; name: string})[]}}[]};
};

/**
 * `for (const [x, target] of data)` is how the lesson walks its data, and V8 destructures each
 * pair through the iterator protocol, which made training loops half as fast as reading
 * `point[0]` and `point[1]`. So such a loop (a plain pattern of names) reads arrays by index and
 * destructures anything else as before; the result is the same. Returns the declaration to put
 * first in the loop's body ("" for other loops) and replaces the loop's head with one name.
 */
function pairs(node: Node, n: number, edits: Edit[]): string {
  if (node.type !== "ForOfStatement") return "";
  const {left, await: isAwait} = node as PairLoop;
  if (isAwait || left.type !== "VariableDeclaration" || left.kind === "var" || left.declarations.length !== 1) return "";
  const {id} = left.declarations[0];
  if (id.type !== "ArrayPattern" || !id.elements.length || !id.elements.every((e) => e?.type === "Identifier")) return "";
  const names = id.elements.map((e) => e.name);
  const list = names.join(", ");
  edits.push({start: left.start, end: left.end, text: `${left.kind} __p${n}`});
  return ` const __d${n} = Array.isArray(__p${n}) ? __p${n} : (([${list}]) => [${list}])(__p${n}); ${left.kind} ${names.map((name, i) => `${name} = __d${n}[${i}]`).join(", ")};`;
}

/** Applies edits to source[start, end); toSource maps an offset in the result back to the source. */
function applyEdits(source: string, start: number, end: number, edits: Edit[]): {text: string; toSource(offset: number): number} {
  edits.sort((a, b) => a.start - b.start || a.end - b.end);
  let out = "", at = start;
  const marks: [number, number][] = []; // [offset in out, position in source] where copying resumes
  for (const e of edits) {
    marks.push([out.length, at]);
    out += source.slice(at, e.start) + e.text;
    at = e.end;
  }
  marks.push([out.length, at]);
  const text = out + source.slice(at, end);
  return {
    text,
    toSource(offset) {
      let best: [number, number] = [0, start];
      for (const m of marks) if (m[0] <= offset) best = m;
      return best[1] + (offset - best[0]);
    }
  };
}
