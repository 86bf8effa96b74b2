// Cells written for the differential test: every form of cell and every builtin both engines
// have offline, as single notebooks and as notebooks that import from each other.
import type {LessonFile} from "../../../src/stdlib/file-attachment.js";

/** One case: notebooks (the first is the main one), and what a reader then does, if anything. */
export interface Case {
  name: string;
  notebooks: Record<string, string[]>;
  /** Files for FileAttachment. */
  files?: LessonFile[];
  /** A reader's action, given a notebook's value by this engine's name ("viewof x"). */
  act?: (value: (notebook: string, name: string) => Promise<unknown>) => Promise<void>;
  /** Values known beforehand ("main i"), so that agreeing on something else cannot pass. */
  known?: Record<string, unknown>;
}

const iceCream = "temperature,sales,date\n14.2,215,2024-01-01\n16.4,325,2024-01-02\n11.9,185,2024-01-03\n";

export const files: LessonFile[] = [
  {name: "ice-cream.csv", type: "text/csv", text: iceCream},
  {name: "ice-cream.tsv", type: "text/tab-separated-values", text: iceCream.replaceAll(",", "\t")},
  {name: "points.json", type: "application/json", text: '{"points": [[1, 2], [3, 4]], "label": "π"}'},
  {name: "broken.json", type: "application/json", text: '{"points": [1, 2'},
  {name: "note.txt", type: "text/plain", text: "gradient descent\n"}
];

const input = (html: string) => `Object.assign(document.createElement("div"), {innerHTML: ${JSON.stringify(html)}}).firstElementChild`;

export const corpus: Case[] = [
  {
    name: "expressions, blocks and anonymous cells",
    notebooks: {main: ["x = 1 + 2", "y = { let s = 0; for (let i = 0; i <= x; ++i) s += i; return s; }", "x * y", "{ return [x, y]; }", "o = ({a: x, b: [y]})", "// only a comment", "", "s = `${x} and ${y}`"]}
  },
  {
    name: "functions, classes and this",
    notebooks: {main: ["function double(a) { return 2 * a; }", "class Point { constructor(x) { this.x = x; } }", "d = double(21)", "p = new Point(d).x", "async function later() { return 1; }", "function* count() { yield 1; }", "t = typeof this", "n = 3", "again = { const before = this ?? 0; return before + n; }"]}
  },
  {
    name: "async and generator cells",
    notebooks: {main: ["a = { await new Promise((r) => setTimeout(r, 5)); return 7; }", "b = await Promise.resolve(a * 2)", "g = { for (let i = 0; i < 4; ++i) yield i; }", "ag = { for (let i = 0; i < 3; ++i) { await new Promise((r) => setTimeout(r, 2)); yield i * 10; } }", "sum = a + b + g + ag", "y = {yield 1; yield 2;}"]}
  },
  {
    name: "names with $ and letters beyond ASCII",
    known: {"main tau": 2 * Math.PI, "main y": "510", "main z": 105},
    notebooks: {main: ["π = Math.PI", "tau = 2 * π", "$0 = 10", "$ = 1", "_$ = $ + $0", "ñandú = π + $", "viewof x = " + input('<input type="number" value="5">'), "y = viewof x.value + $0", "viewof$x = 100", "z = viewof$x + x", "mutable m = 1", "w = { const mutable$m = 50; return mutable$m + m; }"]}
  },
  {
    name: "viewof over inputs, a button, a checkbox and a select",
    notebooks: {
      main: [
        "viewof r = " + input('<input type="range" min="0" max="10" value="4">'),
        "viewof t = " + input('<input type="text" value="hi">'),
        "viewof count = { const b = document.createElement('button'); b.value = 0; b.onclick = () => (b.value = +b.value + 1); return b; }",
        "viewof on = " + input('<input type="checkbox">'),
        "viewof pick = " + input("<select><option>a</option><option>b</option></select>"),
        "all = [r, t, count, on, pick]"
      ]
    },
    act: async (value) => {
      const range = (await value("main", "viewof r")) as HTMLInputElement;
      range.value = "7";
      range.dispatchEvent(new Event("input"));
      const button = (await value("main", "viewof count")) as HTMLButtonElement;
      button.click();
      button.click();
      ((await value("main", "viewof on")) as HTMLInputElement).click();
      const select = (await value("main", "viewof pick")) as HTMLSelectElement;
      select.value = "b";
      select.dispatchEvent(new Event("input"));
      select.dispatchEvent(new Event("change"));
    }
  },
  {
    name: "mutable cells",
    notebooks: {main: ["mutable count = 1", "bump = () => ++mutable count", "doubled = count * 2", "{ mutable count; return 0; }", "reset = { return () => { mutable count = 10; }; }"]},
    act: async (value) => {
      ((await value("main", "bump")) as () => void)();
      ((await value("main", "bump")) as () => void)();
    }
  },
  {
    name: "errors and the cells that read them",
    notebooks: {
      main: [
        "bad = (1 +",
        "readsBad = bad + 1",
        "viewof v = (",
        "readsV = v",
        "circle1 = circle2",
        "circle2 = circle1",
        "dup = 1",
        "dup = 2",
        "readsDup = dup",
        "nowhere = notDefinedAnywhere + 1",
        "thrown = { throw new TypeError('no good'); }",
        "rejected = Promise.reject(new RangeError('out of range'))",
        "readsThrown = thrown",
        "strict = { with (Math) return PI; }",
        "{a} = {a: 1}",
        "yieldInAsync = { await 1; yield 2; }"
      ]
    }
  },
  {
    name: "imports, renamed, views and mutables",
    notebooks: {
      main: ['import {data, scale as k} from "fitting"', 'import {viewof w, mutable steps} from "fitting"', "total = data.reduce((s, d) => s + d, 0) * k", "both = [w, steps, viewof w.value]"],
      fitting: ["data = [1, 2, 3]", "scale = 10", "viewof w = " + input('<input type="number" value="2">'), "mutable steps = 5"]
    }
  },
  {
    name: "import with",
    notebooks: {
      main: ['import {chart, total as sum} with {data, k as scale} from "fitting"', "data = [10, 20]", "k = 3", "check = [chart, sum]"],
      fitting: ["data = [1, 2, 3]", "scale = 1", "total = data.reduce((a, b) => a + b) * scale", "chart = `chart of ${total}`"]
    },
    known: {"main chart": "chart of 90", "fitting chart": "chart of 6"}
  },
  {
    name: "import with a view, and through two notebooks",
    notebooks: {
      main: ['import {label} with {viewof n} from "middle"', "viewof n = " + input('<input type="number" value="4">')],
      middle: ['import {squares} with {n} from "base"', "n = 2", "label = squares.join(' ')"],
      base: ["n = 3", "squares = Array.from({length: n}, (_, i) => i * i)"]
    }
  },
  {
    name: "Generators",
    notebooks: {
      main: [
        "i = Generators.range(5)",
        "evens = [...Generators.filter(Generators.range(10), (x) => x % 2 === 0)]",
        "squares = [...Generators.map(Generators.range(4), (x, i) => x * x + i)]",
        "counted = [...Generators.range(1, 2, 0.25)]",
        "at = [Generators.valueAt(Generators.range(5, 0, -1), 2), Generators.valueAt(Generators.range(3), 9), Generators.valueAt(Generators.range(3), -1)]",
        "observed = Generators.observe((change) => { change(1); setTimeout(() => change(2), 5); })",
        "queued = Generators.queue((change) => { change('a'); change('b'); change('c'); })",
        "disposed = Generators.disposable(42, () => {})",
        "input = Generators.input(" + input('<input type="number" value="3">') + ")",
        "worker = Generators.worker('postMessage(1)')",
        "bad = Generators.observe(() => 1)"
      ]
    },
    known: {"main i": 4, "main observed": 2, "main queued": "c", "main at": [3, undefined, undefined]}
  },
  {
    name: "DOM",
    notebooks: {
      main: [
        "canvas = DOM.canvas(30, 20)",
        "context = DOM.context2d(30, 20, 2)",
        "download = DOM.download(new Blob(['x']), 'x.txt', 'Save x')",
        "element = DOM.element('svg:g', {'xlink:href': '#a', fill: 'red'})",
        "input = DOM.input('number')",
        "range = [DOM.range(5).max, DOM.range(1, 2, 0.5).step, DOM.range().type]",
        "select = DOM.select(['a', 'b'])",
        "svg = DOM.svg(40, 10)",
        "text = DOM.text('hello')",
        "uid = { const id = DOM.uid('clip'); return [id.id.replace(/\\d+$/, 'N'), String(id).startsWith('url(') && String(id).includes('#O-clip-')]; }"
      ]
    }
  },
  {
    name: "Promises",
    notebooks: {main: ["delayed = Promises.delay(5, 'later')", "ticked = Promises.tick(10, 'tick')", "when = Promises.when(Date.now() + 10, 'when')", "past = Promises.when(0, 'past')", "nothing = Promises.delay(1)"]}
  },
  {
    name: "FileAttachment",
    files,
    notebooks: {
      main: [
        "typed = FileAttachment('ice-cream.csv').csv({typed: true})",
        "plain = FileAttachment('ice-cream.csv').csv()",
        "rows = FileAttachment('ice-cream.csv').csv({array: true})",
        "tsv = FileAttachment('ice-cream.tsv').tsv({typed: true})",
        "json = FileAttachment('points.json').json()",
        "text = FileAttachment('note.txt').text()",
        "bytes = FileAttachment('note.txt').arrayBuffer().then((b) => b.byteLength)",
        "blob = FileAttachment('note.txt').blob().then((b) => [b.size, b.type])",
        "file = [FileAttachment('note.txt').name, FileAttachment('points.json').mimeType]",
        "missing = FileAttachment('nope.csv').csv()",
        "broken = FileAttachment('broken.json').json()",
        "temperatures = typed.map((d) => d.temperature)"
      ]
    }
  },
  {
    name: "the other builtins",
    notebooks: {
      main: [
        "h = html`<b class=${'x'}>${1 + 1}</b>`",
        "s = svg`<circle r=${2}></circle>`",
        "n = typeof now",
        "w = typeof width",
        "inv = { let done = false; invalidation.then(() => (done = true)); return typeof invalidation.then; }",
        "seen = { await visibility(); return 'visible'; }",
        "m = { const m = new Mutable(1); m.value = 2; return m.value; }",
        "kinds = [typeof Generators, typeof DOM, typeof Promises, typeof FileAttachment, typeof Mutable, typeof Files]",
        "files = Promise.all([Files.text(new Blob(['hi'])), Files.buffer(new Blob(['abc'])).then((b) => b.byteLength), Files.url(new Blob(['x'], {type: 'text/plain'}))])"
      ]
    }
  }
];
