import {frameBudget, iterationsInFrame, trainingControls, type TrainingControls} from "./training-controls.js";
import {RunRecord, same} from "../train/run-record.js";

/**
 * The most iterations in one call of train. Where each call ends is kept (see RunRecord), so any
 * iteration is worked out again from at most this many before it: quick to scrub to, and calls
 * this long cost next to nothing more than longer ones.
 */
export const RECORDED_CHUNK = 4096;

/** What training keeps from one call of `train` to the next: at least the iteration counter. */
export type TrainingState = {iteration_counter: number} & Record<string, unknown>;

/** The lesson's loop: run `iterations` steps from a state and give back the state it ends in. */
export type Train<S extends TrainingState> = (state: S, iterations: number) => S;

/** Options for a trainer. */
export interface TrainerOptions<S extends TrainingState> {
  /** Where training starts, and where Reset goes back to. */
  start: S | (() => S);
  /** The loss at a state: three rises in a row (or a loss that is not a number) stop training. */
  loss?: (state: S) => number;
  /** The trainer this cell showed before (its `this`): its state, play and speed carry over. */
  reuse?: unknown;
  /** Show play, pause and the speed control (false: step and reset only). */
  play?: boolean;
  /** The starting speed, iterations per frame. */
  speed?: number;
  /** The slowest and fastest counted speeds (see trainingControls). */
  speeds?: [number, number];
  document?: Document;
}

/** A trainer: an input whose value is the training state, with its controls and messages inside. */
export type Trainer<S extends TrainingState> = HTMLElement & {
  value: S;
  /** The play, pause, step, reset and speed controls (an input of {playing, speed}). */
  readonly controls: TrainingControls;
  /** Whether training stopped because the loss kept growing. */
  readonly diverged: boolean;
  /** Every iteration of the run so far (see RunRecord); a new one starts with each run. */
  readonly record: RunRecord<S>;
  /**
   * Runs again from the run's start for as many iterations as it took, quickly, and says whether
   * it ended on the same state, to the last bit.
   */
  replay(): void;
  /** Stops this trainer's frames for good (a newer one took over). */
  stop(): void;
};

/**
 * Runs a chapter's own `train(state, iterations)` the way the lesson means it: Play calls it once
 * per animation frame with as many iterations as the speed says (split into chunks, so a frame
 * still stops computing in time to be drawn), Step calls it with 1, Reset goes back to the start.
 * It pauses while its chapter is off screen, stops when the loss diverges, and says in words what
 * went wrong when `train` throws or gives back something that is not a state. Everything but the
 * loop itself lives here, so a chapter's `train` stays the lesson's few lines.
 *
 * `train(s, k)` then `train(s', m)` must equal `train(s, k + m)`, as any loop over steps does: that
 * is what lets frames split the work anywhere without changing a bit of the result.
 */
export function trainer<S extends TrainingState>(train: Train<S>, options: TrainerOptions<S>): Trainer<S> {
  const {document = globalThis.document, loss} = options;
  if (typeof train !== "function") throw new Error(`trainer: train is not a function; it is ${train === null ? "null" : typeof train}`);
  const start = (): S => (typeof options.start === "function" ? (options.start as () => S)() : {...options.start});
  const first = start();
  const startKey = JSON.stringify(first);
  const reused = isTrainer<S>(options.reuse) ? options.reuse : null;
  reused?.stop();
  // A new learning rate or an edited train carries on from where training is; a new start (another
  // random start, another size) begins there instead.
  const previous = reused && reused.dataset.start === startKey ? reused : null;

  const root = document.createElement("div") as unknown as Trainer<S>;
  root.className = "trainer";
  root.dataset.start = startKey;
  // The state is a moment of training, not the reader's work: pages don't save or share it.
  root.dataset.transient = "";
  const controls = trainingControls({play: options.play, speed: previous?.controls.value.speed ?? options.speed, speeds: options.speeds, document});
  const message = document.createElement("div");
  message.className = "trainer-message";
  message.setAttribute("role", "status");
  root.append(controls, message);

  let state: S = previous ? previous.value : first;
  let diverged = false;
  let recent: number[] = []; // the loss after each of the last few frames, to notice divergence
  let stopped = false;
  let frame = 0;
  let chunk = 1; // iterations per call of train, grown until a call takes a sizeable slice of a frame
  const newRecord = (from: S) => new RunRecord<S>(from, {loss});
  let record = previous && previous.record.latest === previous.value ? previous.record : newRecord(previous ? previous.value : first);
  // A replay under way: the iteration it runs to, and the state the first run ended in there.
  let replaying: {to: number; end: S; speed: number} | null = null;
  const budget = frameBudget();
  const pace = redrawPace(() => performance.now());
  let unshown = false; // whether the state has moved on since it was last shown
  let drawing = 0; // frames still to come that may carry the figures' redraw of the last showing
  const now = () => performance.now();

  const say = (text: string, tone: "error" | "" = "") => {
    message.textContent = text;
    message.className = `trainer-message${text ? " notice" : ""}${tone ? ` notice-${tone}` : ""}`;
  };
  const publish = () => root.dispatchEvent(new Event("input"));
  const pause = () => {
    if (!controls.value.playing) return;
    controls.value = {...controls.value, playing: false};
    controls.dispatchEvent(new Event("input", {bubbles: true}));
  };

  /** One call of train, checked: the new state, or null (and a message) when it went wrong. */
  const call = (from: S, iterations: number): S | null => {
    let next: unknown;
    try {
      next = train(from, iterations);
    } catch (error) {
      say(`train stopped with an error: ${(error as Error)?.message ?? error}`, "error");
      return null;
    }
    const problem = checkState(next, from, iterations);
    if (problem) return say(problem, "error"), null;
    return next as S;
  };

  /** Runs `iterations` (Infinity: as many as fit) within this frame's budget; false if it failed. */
  const run = (iterations: number, frameTime?: number): boolean => {
    if (iterations === 0) return true; // slow speeds skip frames; an unchanged loss is no evidence
    const top = iterations === Infinity;
    if (top) pace.frame(frameTime);
    const began = now();
    // The redraw a showing sets off runs long the frame or two after it, as it should: not a sign
    // that training took too much of a frame.
    const more = budget(frameTime, top && drawing > 0);
    if (drawing > 0) drawing--;
    let left = iterations;
    let next: S | null = state;
    while (left > 0) {
      const k = Math.min(left, chunk);
      const t = now();
      next = call(next, k);
      if (!next) return false;
      record.push(next, train);
      left -= k;
      const took = now() - t;
      if (took < 0.5 && k === chunk) chunk = Math.min(chunk * 2, RECORDED_CHUNK); // a call must outweigh its own overhead
      else if (took > 4 && chunk > 1) chunk = Math.max(1, Math.floor(chunk / 2)); // and leave room to stop in time
      if (!more()) break;
    }
    state = next;
    if (message.textContent) say("");
    if (loss) {
      const L = loss(state);
      recent.push(L);
      if (recent.length > 4) recent.shift();
      // Gradient descent that converges never raises the loss; three rises in a row (or a loss
      // that is no longer a number) means the steps overshoot more each time.
      diverged = !Number.isFinite(L) || (recent.length === 4 && recent.every((l, i) => i === 0 || l > recent[i - 1]));
      if (diverged) {
        pause();
        say(`Training stopped at iteration ${state.iteration_counter.toLocaleString("en-US")}: the loss is ${Number.isFinite(L) ? "growing at every step" : "no longer a number"}. The steps overshoot the valley, each time by more. Press Reset and pick a smaller learning rate.`, "error");
      }
    }
    if (!top || diverged || pace.show(now() - began)) publish(), (unshown = false), (drawing = 2);
    else unshown = true;
    return true;
  };

  const visible = onScreen(root);
  const tick = async () => {
    let frameTime: number | undefined; // none for the first run, straight from the click
    while (!stopped && controls.value.playing && !diverged) {
      if (!root.isConnected && frame > 0) return stop(); // the cell was redefined or the page reset
      const wanted = replaying ? replaying.speed : iterationsInFrame(controls.value.speed, frame++);
      if (!run(replaying ? Math.min(wanted, replaying.to - state.iteration_counter) : wanted, frameTime)) return pause();
      if (replaying && state.iteration_counter >= replaying.to) replayed();
      frameTime = await nextFrame();
      if (!visible.now()) (await visible()), (frameTime = undefined); // pauses while the chapter is off screen
    }
    if (unshown && !stopped) publish(), (unshown = false);
  };
  const stop = () => {
    stopped = true;
    visible.dispose();
  };

  /** The replay reached the first run's last iteration: say whether it ended where that did. */
  const replayed = () => {
    const {to, end} = replaying!;
    replaying = null;
    pause();
    const n = to.toLocaleString("en-US");
    if (same(state, end)) say(`Replayed ${n} iterations from the same start: the same state, to the last bit.`);
    else say(`Replayed ${n} iterations from the same start, and it ended somewhere else: train gives other numbers now (was the learning rate changed during the first run?).`, "error");
    publish();
  };
  const replay = () => {
    if (stopped) return;
    const end = record.latest;
    const to = end.iteration_counter;
    const from = record.start;
    if (to === from.iteration_counter) return say("Nothing to replay yet: train first, then replay.");
    state = from;
    record = newRecord(from);
    diverged = false;
    recent = [];
    // A replay takes about a second and a half, whatever the speed it first ran at.
    replaying = {to, end, speed: Math.max(1, Math.ceil((to - from.iteration_counter) / 90))};
    say("");
    publish();
    if (controls.value.playing) return; // the frames under way pick it up
    controls.value = {...controls.value, playing: true};
    controls.dispatchEvent(new Event("input", {bubbles: true}));
  };

  controls.addEventListener("input", () => {
    if (!controls.value.playing) replaying = null;
    void tick();
  });
  controls.addEventListener("step", () => !stopped && run(1));
  controls.addEventListener("reset", () => {
    state = start();
    record = newRecord(state);
    replaying = null;
    diverged = false;
    recent = [];
    say("");
    publish();
  });

  Object.defineProperties(root, {
    value: {
      get: () => state,
      // Set from outside (dragging the start on a map): a new start, not yet trained.
      set: (v: S) => ((state = v), (record = newRecord(v)), (diverged = false), (recent = []))
    },
    controls: {get: () => controls},
    diverged: {get: () => diverged},
    record: {get: () => record},
    replay: {value: replay},
    stop: {value: stop}
  });
  if (reused?.controls.value.playing && !(previous?.diverged ?? false)) {
    controls.value = {...controls.value, playing: true};
    void tick();
  }
  return root;
}

/**
 * How often training at top speed shows where it stands. Showing it means the chapter's cells
 * draw the line, the map and the loss again, which can take more of a frame than training gets;
 * so at top speed training shows its state once it has computed for four times as long as
 * showing it took to draw, and at least every fourth frame. The drawing is measured as the time
 * frames spend before training begins, the most of any frame since the last showing: what a
 * showing sets off may be drawn a frame or two later (a timeline that follows the trainer is a
 * second step). Cheap figures are drawn every frame; dear ones at 15 frames a second, leaving
 * training most of the time (at top speed the line hardly moves between two showings).
 */
export function redrawPace(now: () => number): {frame(frameTime?: number): void; show(trained: number): boolean} {
  let cost = 0; // ms a showing takes to draw
  let peak = 0; // the longest a frame has spent drawing before training since the last showing
  let trained = 0; // ms computed since
  let frames = 0;
  return {
    frame(frameTime) {
      if (frameTime !== undefined) peak = Math.max(peak, now() - frameTime);
    },
    show(ms) {
      trained += ms;
      cost = Math.max(cost * 0.9, peak); // forgets a slow frame slowly
      if (++frames < 4 && trained < 4 * cost) return false;
      trained = frames = peak = 0;
      return true;
    }
  };
}

/** What is wrong with what train gave back, in the reader's terms, or null if it is a state. */
export function checkState(next: unknown, from: TrainingState, iterations: number): string | null {
  // Called after every call of train: the names are put into words only when something is wrong.
  const keys = next === undefined || next === null || typeof next !== "object" ? Object.keys(from).join(", ") : "";
  if (next === undefined) return `train gave back nothing: end it with return {${keys}}.`;
  if (next === null || typeof next !== "object") return `train should give back {${keys}}, not ${next === null ? "null" : `a ${typeof next}`}.`;
  const counted = (next as TrainingState).iteration_counter - from.iteration_counter;
  if (counted !== iterations) {
    return `train was asked for ${iterations} iteration${iterations === 1 ? "" : "s"} and counted ${Number.isFinite(counted) ? counted : "none"}: its loop should run iterations times, adding 1 to iteration_counter each time.`;
  }
  return null;
}

function isTrainer<S extends TrainingState>(x: unknown): x is Trainer<S> {
  return typeof x === "object" && x !== null && (x as Element).classList?.contains("trainer") && typeof (x as Trainer<S>).stop === "function";
}

/** The next animation frame's time. */
function nextFrame(): Promise<number> {
  return new Promise((resolve) => requestAnimationFrame(resolve));
}

/**
 * A wait that resolves at once while any of the element's chapter is on screen, and otherwise
 * when it comes back; `now()` says whether it is on screen without waiting.
 */
function onScreen(element: Element): (() => Promise<void>) & {now(): boolean; dispose(): void} {
  let visible = true;
  let waiting: (() => void)[] = [];
  let observer: IntersectionObserver | null = null;
  const watch = () => {
    if (!observer && typeof IntersectionObserver === "function" && element.isConnected) {
      observer = new IntersectionObserver(([entry]) => {
        visible = entry.isIntersecting;
        if (visible) for (const resume of waiting.splice(0)) resume();
      });
      observer.observe(element.closest("[data-chapter]") ?? element);
    }
    return visible;
  };
  return Object.assign(() => (watch() ? Promise.resolve() : new Promise<void>((resume) => waiting.push(resume))), {
    now: watch,
    dispose: () => {
      observer?.disconnect();
      for (const resume of waiting.splice(0)) resume();
    }
  });
}
