import {formatNumber} from "../draw/format.js";
import {palette} from "../draw/palette.js";

/** A run as its figures draw it: its path over two parameters and its loss along the way. */
export interface RunCurves {
  /** [x, y] points in order (w and b, say), from its start. */
  path: [number, number][];
  /** The iterations sampled, increasing, and the loss at each. */
  iterations: number[];
  losses: number[];
}

/** A run the reader pinned, to compare with the next. */
export interface KeptRun {
  /** A number of its own, for `removeRun(id)` and `data-run`. */
  id: number;
  /** Its colour, one of the palette's run colours that no other kept run has. */
  color: string;
  /** "η = 0.001, from w = 1, b = 0". */
  label: string;
  /** The learning rate it ran with. */
  learningRate: number;
  /** Where it started, in the recorder's parameter order. */
  start: number[];
  /** Its path and loss curve (a copy, so training on does not change it). */
  path: [number, number][];
  iterations: number[];
  losses: number[];
}

/** Options for {@link keptRuns}. */
export interface KeptRunsOptions {
  /** How many runs can be kept at once; at most one per colour. Default 4. */
  max?: number;
  /** The colours, in the order runs take them. Default palette.runs. */
  colors?: readonly string[];
  document?: Document;
}

/**
 * The runs the reader kept, an input in the Observable sense: its `value` is the list of kept
 * runs (oldest first), and keeping or removing one fires a bubbling `input`. It shows each run's
 * colour and label with a remove button (`data-action="remove-run"`), and says so, in place,
 * when it is full.
 */
export interface KeptRuns extends HTMLElement {
  /** The kept runs; setting it redraws without firing `input`. */
  value: KeptRun[];
  /**
   * Keeps a run (a copy of its recorder), labelled with its learning rate and start, in the
   * first colour free; fires `input`. Returns it, or null (and says why) when `max` are kept.
   */
  keep(run: {run: RunCurves; learningRate: number; start: ArrayLike<number>; names?: readonly string[]; from?: string}): KeptRun | null;
  /** Removes the run with this id, as its button does; fires `input`. */
  removeRun(id: number): void;
}

export function keptRuns(options: KeptRunsOptions = {}): KeptRuns {
  const {colors = palette.runs, document = globalThis.document} = options;
  const max = options.max ?? Math.min(4, colors.length);
  if (!(max >= 1 && max <= colors.length)) throw new Error(`keptRuns: invalid max; not between 1 and ${colors.length} (one colour each): ${max}`);
  let runs: KeptRun[] = [];
  let next = 1;
  const root = document.createElement("div") as unknown as KeptRuns;
  root.className = "kept-runs";
  root.dataset.transient = "";
  root.setAttribute("role", "group");
  root.setAttribute("aria-label", "kept runs");
  const list = document.createElement("ul");
  list.className = "draw-legend";
  const status = document.createElement("p");
  status.className = "kept-runs-status";
  status.setAttribute("role", "status");
  root.append(list, status);

  const draw = (message = "") => {
    list.replaceChildren(...runs.map(item));
    status.textContent = message || (runs.length ? "" : "No runs kept yet: “Keep this run” pins the current one here, to compare with the next.");
  };
  const item = (r: KeptRun) => {
    const li = document.createElement("li");
    li.dataset.run = String(r.id);
    const swatch = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    swatch.setAttribute("width", "24");
    swatch.setAttribute("height", "10");
    swatch.setAttribute("aria-hidden", "true");
    swatch.innerHTML = `<line x1="1" x2="23" y1="5" y2="5" stroke="${r.color}" stroke-width="3" stroke-linecap="round"/>`;
    const remove = document.createElement("button");
    remove.type = "button";
    remove.dataset.action = "remove-run";
    remove.dataset.run = String(r.id);
    remove.textContent = "×";
    remove.title = "Remove this run";
    remove.setAttribute("aria-label", `remove the run ${r.label}`);
    remove.addEventListener("click", () => root.removeRun(r.id));
    li.append(swatch, document.createTextNode(r.label), remove);
    return li;
  };
  const changed = (message?: string) => {
    draw(message);
    root.dispatchEvent(new Event("input", {bubbles: true}));
  };

  Object.defineProperties(root, {
    value: {
      get: () => [...runs],
      set: (value: unknown) => {
        if (!Array.isArray(value)) throw new Error("keptRuns: value is not a list of kept runs");
        runs = value.slice(0, max);
        next = Math.max(next, ...runs.map((r) => r.id + 1));
        draw();
      }
    },
    keep: {
      value: ({run, learningRate, start, names = [], from: where}: {run: RunCurves; learningRate: number; start: ArrayLike<number>; names?: readonly string[]; from?: string}) => {
        if (!run || !Array.isArray(run.path) || run.iterations?.length !== run.losses?.length) throw new Error("keptRuns: keep needs a run's path, iterations and losses");
        if (runs.length >= max) {
          draw(`${max === 4 ? "Four" : max} runs are kept already: remove one to keep this one.`);
          return null;
        }
        const from = Array.from(start);
        const copy = {path: run.path.map(([x, y]) => [x, y] as [number, number]), iterations: [...run.iterations], losses: [...run.losses]};
        const kept: KeptRun = {id: next++, color: freeColor(runs.map((r) => r.color), colors), label: runLabel(learningRate, from, names, where), learningRate, start: from, ...copy};
        runs = [...runs, kept];
        changed(`Kept: ${kept.label}.`);
        return kept;
      }
    },
    removeRun: {
      value: (id: number) => {
        const gone = runs.find((r) => r.id === id);
        if (!gone) return;
        runs = runs.filter((r) => r !== gone);
        changed(`Removed: ${gone.label}.`);
      }
    }
  });
  draw();
  return root;
}

/** The first colour no kept run has, so the runs on screen never share one. */
export function freeColor(used: readonly string[], colors: readonly string[] = palette.runs): string {
  const free = colors.find((c) => !used.includes(c));
  if (!free) throw new Error(`keptRuns: all ${colors.length} colours are in use`);
  return free;
}

/** A run's label, its learning rate and start: "η = 0.001, from w = 1, b = 0". */
export function runLabel(learningRate: number, start: readonly number[], names: readonly string[] = [], where?: string): string {
  const from = start.map((v, j) => (names[j] ? `${names[j]} = ${formatNumber(v, 2)}` : formatNumber(v, 2)));
  const rate = Number.isFinite(learningRate) ? String(+learningRate.toPrecision(3)) : formatNumber(learningRate);
  return `η = ${rate}, from ${where ?? (names.length ? from.join(", ") : `(${from.join(", ")})`)}`;
}
