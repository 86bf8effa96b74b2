/** Options for {@link timeline}. */
export interface TimelineOptions {
  /** How many moments there are to show (the start counts as one). Default 1. */
  length?: number;
  /** The moment shown at first. Default the last. */
  value?: number;
  /** The accessible name of the slider, and the word before its number. Default "iteration". */
  label?: string;
  /** Show "Replay" (fires `replay`). Default true. */
  replay?: boolean;
  /** Show "Keep this run" (fires `keep`). Default true. */
  keep?: boolean;
  document?: Document;
}

/**
 * A run's timeline, an input in the Observable sense: `value` is the iteration shown, from 0 (the
 * start) to `length − 1` (the latest), and each change the reader makes fires a bubbling `input`.
 * While it shows the latest moment it follows the run as it grows ({@link Timeline.extend});
 * scrubbed back, it stays where the reader left it. "Replay" and "Keep this run" are actions,
 * not state: they fire `replay` and `keep` events for the training cell to act on.
 */
export interface Timeline extends HTMLElement {
  /** The iteration shown; setting it moves the slider without firing `input`, as Inputs do. */
  value: number;
  /** How many moments there are. */
  readonly length: number;
  /** Whether it shows the latest moment (and so follows the run). */
  readonly live: boolean;
  /**
   * Tells the timeline how many moments there are now. If it was showing the latest, it moves to
   * the new latest; if the run got shorter (a reset), it moves back inside it. Either way, a
   * change of the iteration shown fires `input`, so what reads the timeline shows that moment.
   */
  extend(length: number): void;
}

/** A timeline under a training figure: replay, a slider over every recorded iteration, and keep. */
export function timeline(options: TimelineOptions = {}): Timeline {
  const {label = "iteration", replay = true, keep = true, document = globalThis.document} = options;
  let length = count(options.length ?? 1, "length");
  let value = options.value === undefined ? length - 1 : clampIndex(options.value, length);
  const root = document.createElement("div") as unknown as Timeline;
  root.className = "timeline";
  // Which moment is shown is the moment's state, not the reader's work: not saved or shared.
  root.dataset.transient = "";
  root.setAttribute("role", "group");
  root.setAttribute("aria-label", "timeline of the run");

  const button = (action: string, text: string, title: string, event: string) => {
    const b = document.createElement("button");
    b.type = "button";
    b.dataset.action = action;
    b.textContent = text;
    b.title = title;
    b.addEventListener("click", () => root.dispatchEvent(new Event(event)));
    return b;
  };
  const range = document.createElement("input");
  range.type = "range";
  range.min = "0";
  range.step = "1";
  range.setAttribute("aria-label", label);
  const output = document.createElement("output");
  output.setAttribute("aria-hidden", "true"); // the slider's aria-valuetext says the same
  const slider = document.createElement("label");
  slider.className = "timeline-slider";
  slider.append(range, output);

  const show = () => {
    range.max = String(length - 1);
    range.valueAsNumber = value;
    range.disabled = length < 2;
    const text = `${label} ${value.toLocaleString("en-US")} of ${(length - 1).toLocaleString("en-US")}`;
    output.textContent = text;
    range.setAttribute("aria-valuetext", text);
    root.classList.toggle("live", value === length - 1);
  };
  const changed = () => {
    show();
    root.dispatchEvent(new Event("input", {bubbles: true}));
  };
  range.addEventListener("input", (event) => {
    event.stopPropagation();
    const next = clampIndex(range.valueAsNumber, length);
    if (next === value) return show();
    value = next;
    changed();
  });

  // Arrow keys step one iteration and Home and End go to either end, as on any slider; Page Up
  // and Page Down jump a tenth of the run, so a long run can be crossed from the keyboard.
  range.addEventListener("keydown", (event) => {
    if (event.key !== "PageUp" && event.key !== "PageDown") return;
    event.preventDefault();
    const jump = Math.max(1, Math.round((length - 1) / 10));
    const next = clampIndex(value + (event.key === "PageUp" ? jump : -jump), length);
    if (next === value) return;
    value = next;
    changed();
  });

  if (replay) root.append(button("replay", "⟲ Replay", "Run again from the same start, with the same steps", "replay"));
  root.append(slider);
  if (keep) root.append(button("keep-run", "Keep this run", "Pin this run: its path and loss curve stay while you train again", "keep"));
  show();

  Object.defineProperties(root, {
    value: {
      get: () => value,
      set: (v: unknown) => {
        if (typeof v !== "number" || !Number.isFinite(v)) throw new Error(`timeline: invalid value; not an iteration: ${v}`);
        value = clampIndex(v, length);
        show();
      }
    },
    length: {get: () => length},
    live: {get: () => value === length - 1},
    extend: {
      value: (next: number) => {
        const following = value === length - 1;
        length = count(next, "length");
        const moved = following ? length - 1 : Math.min(value, length - 1);
        if (moved === value) return show();
        value = moved;
        changed();
      }
    }
  });
  return root;
}

function count(n: number, name: string): number {
  if (!(n >= 1) || !Number.isFinite(n)) throw new Error(`timeline: invalid ${name}; not a count of at least 1: ${n}`);
  return Math.floor(n);
}

function clampIndex(i: number, length: number): number {
  return Math.max(0, Math.min(length - 1, Math.round(i)));
}
