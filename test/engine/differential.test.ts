import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {Lesson} from "../../src/engine/lesson.js";
import {parseChapterFile} from "../../src/engine/chapter-markdown.js";
import {asShipped} from "../../src/engine/chapter-file.js";
import {CellCompiler} from "../../src/engine/cell-compiler.js";
import {compile} from "../../src/engine/compile.js";
import {peekDefines, peekName} from "../../src/engine/parse-cell.js";
import {builtins} from "../../src/stdlib/builtins.js";
import {Attachments} from "../../src/stdlib/file-attachment.js";
import {observable, type Shown} from "./differential/observable.js";
import {corpus, type Case} from "./differential/corpus.js";
import {chapter} from "./valueof.js";

// Each case runs in this engine and in Observable's own (notebook-kit's transpiler, the
// runtime, the stdlib); what every cell shows and every name holds must agree, before and after
// what a reader does.

/** A value as both engines can be compared on: plain data, elements as their HTML, errors as their kind. */
function plain(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== "object") return typeof value === "function" ? "function" : typeof value === "symbol" ? "symbol" : value;
  if (value instanceof Error) return errorKind(value);
  if (typeof Node !== "undefined" && value instanceof Node) return {node: value instanceof Element ? value.outerHTML : value.textContent};
  if (depth > 4) return "…";
  if (value instanceof Date) return {date: value.toISOString()};
  if (Array.isArray(value)) return value.map((v) => plain(v, depth + 1));
  if (typeof (value as {next?: unknown}).next === "function") return "iterator";
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v, depth + 1)]));
}

/**
 * An error's kind: its class, and the message where the message is the runtime's own ("x is not
 * defined") or the code's; syntax errors are placed differently ("at 1:9" here, "(1:8)" there).
 */
function errorKind(error: unknown): unknown {
  const e = error as Error;
  if (!(e instanceof Error)) return {thrown: plain(e)};
  if (e.name === "SyntaxError") return {error: "SyntaxError"};
  // This engine adds which files the lesson has to "File not found: x"; a syntax error read by
  // another cell keeps its place, written "at 1:9" here and "(1:8)" there.
  const message = e.message.replace(/^(File not found: \S+) \(.*\)$/, "$1").replace(/ (at \d+:\d+|\(\d+:\d+\))$/, "");
  return {error: e.name, message};
}

interface Engine {
  /** What each cell of a notebook shows, by index. */
  shown(notebook: string): Shown;
  /** A notebook's value by this engine's name. */
  value(notebook: string, name: string): Promise<unknown>;
}

function ours(test: Case): Engine & {lesson: Lesson} {
  const shown = new Map<string, Shown>();
  const record = (slug: string, index: number) => {
    const seen: Shown = shown.get(slug) ?? new Map();
    shown.set(slug, seen);
    return {fulfilled: (value: unknown) => void seen.set(index, {value}), rejected: (error: unknown) => void seen.set(index, {error})};
  };
  const chapters = Object.entries(test.notebooks).map(([slug, cells]) => asShipped(parseChapterFile(slug, chapter(...cells))));
  const lesson = new Lesson(chapters, {
    observeCell: (cell) => record(cell.chapter, cell.origin!),
    observeInline: () => ({}),
    builtins: builtins({column: document.body, attachments: new Attachments(test.files ?? [])}),
    compiler: new CellCompiler({parser: {compile, peekName, peekDefines}})
  });
  return {lesson, shown: (slug) => shown.get(slug) ?? new Map(), value: (slug, name) => lesson.value(slug, name)};
}

/** The names a notebook's cells define, as this engine names them (import cells' too). */
function names(cells: string[]): string[] {
  return cells.flatMap((source) => {
    try {
      return compile(source).defines.filter((n) => !n.startsWith("initial ") && !n.startsWith("mutable "));
    } catch {
      return peekDefines(source).filter((n) => !n.startsWith("mutable "));
    }
  });
}

/** Everything a case's notebooks show and hold in one engine, once it has stopped changing. */
async function snapshot(test: Case, shown: (notebook: string) => Shown, value: (notebook: string, name: string) => Promise<unknown>) {
  const out: Record<string, unknown> = {};
  for (const [notebook, cells] of Object.entries(test.notebooks)) {
    cells.forEach((source, i) => {
      // An import cell shows what it imports here and an exports object there: compare the names.
      const seen = shown(notebook).get(i);
      if (!/^\s*import\b/.test(source)) out[`${notebook} #${i}`] = !seen ? "(nothing)" : "error" in seen ? errorKind(seen.error) : plain(seen.value);
    });
    const all = [...new Set(names(cells))];
    const values = await Promise.all(all.map((name) => value(notebook, name).then(plain, errorKind)));
    all.forEach((name, i) => (out[`${notebook} ${name}`] = values[i]));
  }
  return out;
}

/** Waits until both engines show the same thing twice running (generators take a few frames). */
async function settled(take: () => Promise<unknown>): Promise<unknown> {
  let last = "", same = 0, now: unknown;
  for (let round = 0; round < 200 && same < 2; ++round) {
    await new Promise((r) => setTimeout(r, 5));
    now = await take();
    const text = JSON.stringify(now);
    same = text === last ? same + 1 : 0;
    last = text;
  }
  return now;
}

describe("the differential corpus: this engine and Observable's agree", () => {
  const disposers: (() => void)[] = [];
  // jsdom has no ResizeObserver, which the stdlib's width needs; one that never fires will do.
  const resize = Object.getOwnPropertyDescriptor(globalThis, "ResizeObserver");
  beforeAll(() => void (globalThis.ResizeObserver ??= class {observe() {} unobserve() {} disconnect() {}} as unknown as typeof ResizeObserver));
  afterAll(() => {
    disposers.forEach((d) => d());
    if (!resize) delete (globalThis as {ResizeObserver?: unknown}).ResizeObserver;
  });

  for (const test of corpus) {
    it(test.name, async () => {
      const mine = ours(test);
      const reference = observable(test.notebooks, test.files);
      disposers.push(() => mine.lesson.runtime.dispose(), reference.dispose);
      const both = async () => [
        await snapshot(test, mine.shown, mine.value),
        await snapshot(test, reference.shown, (n, name) => reference.value(n, name))
      ];
      const [before, expected] = (await settled(both)) as [unknown, unknown];
      expect(before).toEqual(expected);
      expect(before).toMatchObject(test.known ?? {});
      if (!test.act) return;
      await test.act(mine.value);
      await test.act((n, name) => reference.value(n, name));
      const [after, expectedAfter] = (await settled(both)) as [unknown, unknown];
      expect(after).toEqual(expectedAfter);
      expect(after).not.toEqual(before);
    });
  }
});
