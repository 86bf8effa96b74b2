import {palette} from "../draw/palette.js";
import type {State} from "../train/run-record.js";
import {keptRuns, type KeptRun, type KeptRuns} from "./kept-runs.js";
import {timeline as slider, type Timeline, type TimelineOptions} from "./timeline.js";
import type {Trainer} from "./trainer.js";

/** What a run timeline shows: the state at the moment scrubbed to, and the runs to draw. */
export type Moment<S extends State> = S & {
  /** The run as the figures draw it, up to the moment shown, and the runs kept beside it. */
  run: {
    /** The path through the two numbers `path` picks, sampled, ending at this moment. */
    path: [number, number][];
    /** The iterations sampled and the loss at each, ending at this moment. */
    iterations: number[];
    losses: number[];
    /** The latest iteration of the run (the loss chart's axes hold the whole run). */
    latest: number;
    /** Its colour on the charts. */
    color: string;
    /** The runs kept, oldest first, each with its colour, label, path and loss curve. */
    kept: KeptRun[];
  };
};

/** Options for {@link runTimeline}. */
export interface RunTimelineOptions<S extends State> {
  /** The learning rate the run trains with, for the label of a kept run. */
  rate?: number;
  /** Where the run starts, in words, for that label ("random start 3"). Default: the start's numbers ("w = 1, b = 0"). */
  from?: string;
  /** The word for one iteration, on the slider. Default "iteration". */
  label?: string;
  /** The two numbers of a state its path goes through. Default: the first two numbers besides the counter. */
  path?: (state: S) => [number, number];
  /** The timeline this cell showed before (its `this`): the kept runs carry over. */
  reuse?: unknown;
  document?: Document;
}

export type RunTimeline<S extends State> = HTMLElement & {
  value: Moment<S>;
  /** The slider (an input of the iteration shown). */
  readonly slider: Timeline;
  /** The kept runs (an input of the list). */
  readonly kept: KeptRuns;
};

/**
 * The timeline under a training figure, bound to its trainer: an input whose value is the
 * state at the iteration the slider shows, with the run up to there and the runs kept, for
 * the figures to draw. It follows training while at the latest iteration; scrubbing back
 * pauses training and shows that moment exactly (see RunRecord). "Replay" runs the trainer
 * again from the same start; "Keep this run" pins the whole run, labelled with its learning
 * rate and start, in a colour of its own, until its × removes it (up to four).
 */
export function runTimeline<S extends State>(trainer: Trainer<S>, options: RunTimelineOptions<S> = {}): RunTimeline<S> {
  const {document = globalThis.document, rate = NaN} = options;
  if (!isTrainer(trainer)) throw new Error("timeline: give it the trainer (viewof training), or options for a bare slider");
  const names = numberKeys(trainer.record.start);
  const pick = options.path ?? (names.length >= 2 ? (s: S) => [s[names[0]] as number, s[names[1]] as number] as [number, number] : () => [NaN, NaN] as [number, number]);
  const reused = options.reuse instanceof HTMLElement && options.reuse.classList.contains("run-timeline") ? (options.reuse as RunTimeline<S>) : null;

  const root = document.createElement("div") as unknown as RunTimeline<S>;
  root.className = "run-timeline";
  root.dataset.transient = "";
  const bar = slider({length: trainer.record.length, label: options.label, document});
  const kept = keptRuns({document});
  if (reused) kept.value = reused.kept.value;
  root.append(bar, kept);

  let record = trainer.record;
  let value = moment(record.latest.iteration_counter);
  function moment(iteration: number): Moment<S> {
    const state = record.at(iteration);
    const {path, iterations, losses} = record.upTo(iteration, pick, SAMPLES);
    return {...state, run: {path, iterations, losses, latest: record.latest.iteration_counter, color: palette.path, kept: kept.value}};
  }
  const show = (iteration: number) => {
    value = moment(iteration);
    root.dispatchEvent(new Event("input", {bubbles: true}));
  };

  let known = record.latest;
  let following = false; // the slider is being moved to the latest iteration, not by the reader
  trainer.addEventListener("input", () => {
    // Training moved on (or started over): show where it stands now.
    if (trainer.record !== record || trainer.record.latest !== known) {
      record = trainer.record;
      known = record.latest;
      following = true;
      bar.extend(record.length);
      bar.value = record.length - 1;
      following = false;
    }
    show(record.first + bar.value);
  });
  bar.addEventListener("input", (event) => {
    event.stopPropagation();
    if (following) return;
    // Looking back stops training where it is; Play goes on from the latest iteration.
    if (!bar.live && trainer.controls.value.playing) {
      trainer.controls.value = {...trainer.controls.value, playing: false};
      trainer.controls.dispatchEvent(new Event("input", {bubbles: true}));
    }
    show(record.first + bar.value);
  });
  bar.addEventListener("replay", () => trainer.replay());
  bar.addEventListener("keep", () => {
    const whole = record.upTo(record.latest.iteration_counter, pick, SAMPLES);
    const start = names.map((k) => record.start[k] as number);
    kept.keep({run: whole, learningRate: rate, start, names, from: options.from});
  });
  kept.addEventListener("input", (event) => {
    event.stopPropagation();
    show(record.first + bar.value);
  });

  Object.defineProperties(root, {
    value: {get: () => value, set: () => {}},
    slider: {get: () => bar},
    kept: {get: () => kept}
  });
  return root;
}

/**
 * About how many points of a run the figures draw (between half as many and this many): enough
 * for a smooth path and loss curve, few enough that drawing them each frame leaves training its time.
 */
const SAMPLES = 250;

/** The state's numbers other than the counter, in order: the parameters a label names. */
function numberKeys(state: State): string[] {
  return Object.keys(state).filter((k) => k !== "iteration_counter" && typeof state[k] === "number");
}

function isTrainer<S extends State>(x: unknown): x is Trainer<S> {
  return x instanceof HTMLElement && x.classList.contains("trainer") && typeof (x as Trainer<S>).replay === "function";
}

/**
 * `timeline(viewof training, options)`: the timeline bound to a trainer (see runTimeline);
 * `timeline(options)`: a bare slider over a count of moments (see the slider's own timeline).
 */
export function timeline<S extends State>(trainer: Trainer<S>, options?: RunTimelineOptions<S>): RunTimeline<S>;
export function timeline(options?: TimelineOptions): Timeline;
export function timeline<S extends State>(first?: Trainer<S> | TimelineOptions, options?: RunTimelineOptions<S>): RunTimeline<S> | Timeline {
  return first instanceof HTMLElement ? runTimeline(first as Trainer<S>, options) : slider(first as TimelineOptions | undefined);
}
