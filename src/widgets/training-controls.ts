/** What the training controls hold: an input in the Inputs sense (`.value` and "input" events). */
export interface TrainingControlsValue {
  /** Whether training is playing. */
  playing: boolean;
  /**
   * Iterations per animation frame; below 1, one iteration every 1/speed frames; Infinity at the
   * top of the control: as many as fit in the frame.
   */
  speed: number;
}

/** Options for the training controls. */
export interface TrainingControlsOptions {
  /** Show play, pause and the speed control (false for a step-only chapter). */
  play?: boolean;
  /** The starting speed, iterations per frame. */
  speed?: number;
  /** The slowest and fastest counted speeds; the control goes one notch past the fastest, to "as many as fit". */
  speeds?: [number, number];
  document?: Document;
}

export type TrainingControls = HTMLElement & {value: TrainingControlsValue};

/**
 * Play, pause, step and reset buttons and a speed control. Step and reset are actions, not
 * state: the element fires "step" and "reset" events, which the training cell listens for.
 */
export function trainingControls(options: TrainingControlsOptions = {}): TrainingControls {
  const {play = true, speeds = [1 / 8, 100_000], document = globalThis.document} = options;
  const state: TrainingControlsValue = {playing: false, speed: options.speed ?? 1};
  const root = document.createElement("div") as unknown as TrainingControls;
  root.className = "training-controls";
  // Playing or not is a moment's state, not the reader's work: pages don't save or share it.
  root.dataset.transient = "";
  root.setAttribute("role", "group");
  root.setAttribute("aria-label", "training controls");

  const changed = () => {
    root.classList.toggle("playing", state.playing);
    root.dispatchEvent(new Event("input", {bubbles: true}));
  };
  const button = (action: string, text: string, title: string, onclick: () => void) => {
    const b = document.createElement("button");
    b.type = "button";
    b.dataset.action = action;
    b.textContent = text;
    b.title = title;
    b.addEventListener("click", onclick);
    root.append(b);
    return b;
  };

  if (play) {
    button("play", "▶ Play", "Run update once per frame, or many times per frame", () => {
      if (!state.playing) (state.playing = true), changed();
    });
    button("pause", "❚❚ Pause", "Stop training where it is", () => {
      if (state.playing) (state.playing = false), changed();
    });
  }
  button("step", "Step", "Apply update once", () => root.dispatchEvent(new Event("step")));
  button("reset", "Reset", "Back to the starting w and b", () => {
    if (state.playing) (state.playing = false), changed();
    root.dispatchEvent(new Event("reset"));
  });

  if (play) {
    const [slowest, fastest] = speeds;
    const label = document.createElement("label");
    label.className = "speed";
    const text = document.createElement("span");
    const range = document.createElement("input");
    range.type = "range";
    // One decade past the fastest counted speed is the top notch: as many as fit in a frame.
    const top = Math.log(fastest) + Math.LN10;
    range.min = String(Math.log(slowest));
    range.max = String(top);
    range.step = "any";
    range.setAttribute("aria-label", "simulation speed");
    const output = document.createElement("output");
    const show = () => {
      output.textContent = describeSpeed(state.speed);
      range.setAttribute("aria-valuetext", output.textContent);
    };
    range.valueAsNumber = Math.min(top, Math.log(state.speed));
    range.addEventListener("input", (event) => {
      event.stopPropagation();
      const at = range.valueAsNumber;
      state.speed = at > top - Math.LN10 / 2 ? Infinity : roundSpeed(Math.exp(Math.min(at, Math.log(fastest))));
      show();
      changed();
    });
    text.textContent = "speed";
    show();
    label.append(text, range, output);
    root.append(label);
  }

  Object.defineProperty(root, "value", {
    get: () => ({...state}),
    set: (v: Partial<TrainingControlsValue>) => {
      if (typeof v.playing === "boolean") state.playing = v.playing;
      if (typeof v.speed === "number" && v.speed > 0) state.speed = v.speed;
      root.classList.toggle("playing", state.playing);
    }
  });
  return root;
}

/** Speeds snap to friendly values: 1/8, 1/4, 1/2, then whole iterations per frame. */
export function roundSpeed(speed: number): number {
  if (speed < 1) return 1 / 2 ** Math.round(Math.log2(1 / speed));
  const p = 10 ** Math.max(0, Math.floor(Math.log10(speed)) - 1);
  return Math.round(speed / p) * p;
}

/** The speed in words: "1 iteration every 4 frames", "250 iterations per frame". */
export function describeSpeed(speed: number): string {
  if (speed === Infinity) return "as many iterations per frame as fit";
  if (speed < 1) return `1 iteration every ${Math.round(1 / speed)} frames`;
  return `${speed.toLocaleString("en-US")} iteration${speed === 1 ? "" : "s"} per frame`;
}

/** How many iterations to run in frame number `frame` (0, 1, 2, …) at a speed (Infinity at the top). */
export function iterationsInFrame(speed: number, frame: number): number {
  if (speed >= 1) return Math.round(speed);
  const every = Math.round(1 / speed);
  return frame % every === every - 1 ? 1 : 0;
}

/** How a frame budget adapts: the least and most it allows a frame, in ms. */
export interface FrameBudgetOptions {
  min?: number;
  max?: number;
  now?: () => number;
}

/**
 * Time budgets for a loop that runs once per animation frame, such as training: call the budget
 * at the start of each frame's work, with the frame's time (the argument requestAnimationFrame
 * gives its callback), and loop while the function it gives back says there is time left
 * (`const more = budget(time); for (…; more(); …)`). The budget is counted from the frame's
 * start, so what ran before it in the frame (the cells that redraw the last step) comes out of
 * it; it grows while frames keep coming on time and shrinks when one is late, so the computing
 * takes what the drawing leaves of a frame on this machine and display, and the page still draws
 * every frame.
 *
 * Only the gaps between frame times tell the display's pace: a call with no frame time (a click
 * that starts training at once) gets the smallest budget and teaches nothing, since its gap to
 * the next frame can be any part of one.
 */
export function frameBudget(options: FrameBudgetOptions = {}): (frameTime?: number, excused?: boolean) => () => boolean {
  const {min = 2, max = 14, now = () => performance.now()} = options;
  let frame = 1000 / 60; // the display's frame, the shortest gap between frame times seen
  let ms = frame * 0.5; // how far into a frame the computing may go
  let last = NaN;
  // `excused`: the caller knows why the last frame ran long (it set off a redraw of the figures),
  // so that gap says nothing about how much the computing may take.
  return (frameTime?: number, excused = false) => {
    const t = now();
    if (frameTime === undefined) return (last = NaN), deadline(min, now);
    const gap = frameTime - last;
    last = frameTime;
    if (gap > 0 && gap < 4 * frame && !excused) {
      // Frame times are whole frames apart, so the shortest gap is the display's frame (60, 120 Hz …).
      if (gap > 3) frame = Math.min(frame, gap);
      ms = gap > 1.5 * frame ? Math.max(min, ms * 0.8) : Math.min(max, frame - 2, ms + 0.5);
    } // longer gaps are pauses (slow speeds, the chapter off screen), not late frames
    return deadline(Math.max(min, frameTime + ms - t), now);
  };
}

/**
 * A deadline `ms` milliseconds from now: the function returned says whether it is still ahead.
 * It reads the clock as seldom as it safely can: often while one iteration is slow (big data),
 * about every thousand when iterations take nanoseconds, so checking costs next to nothing.
 */
export function deadline(ms: number, now: () => number = () => performance.now()): () => boolean {
  const start = now();
  const end = start + ms;
  let calls = 0;
  let next = 1;
  return () => {
    if (++calls < next) return true;
    const t = now();
    if (t >= end) return false;
    // Look again after about an eighth of the time that is left, judged by the pace so far, but
    // never after more than as many calls again as so far: the clock may be coarse (0.1 ms in
    // a page that is not cross-origin isolated), so a pace of 0 only means "faster than that".
    const each = calls > 1 ? (t - start) / (calls - 1) : end - start;
    next = calls + Math.max(1, Math.min(calls, 1024, Math.floor((end - t) / 8 / Math.max(each, 1e-6))));
    return true;
  };
}
