// Direct manipulation of Plot charts. Each widget decorates a chart a cell has drawn and
// makes it an input in the Inputs sense (a .value and "input" events), so `viewof` binds it,
// or moves existing inputs (sliders) so that everything reading them follows.

/** An input: anything with a value that fires "input". */
export type InputLike = EventTarget & {value: unknown};

/** A Plot scale as Plot's chart.scale(name) returns it. */
interface PlotScale {
  apply(value: number): number;
  invert(value: number): number;
  domain: number[];
}

/** A Plot chart: an SVG (or figure) with a scale() method. */
type PlotChart = Element & {scale(name: "x" | "y"): PlotScale | undefined};

/** Maps between a chart's data coordinates and the pointer's position on screen. */
export interface ChartGeometry {
  /** From data to client pixels. */
  toScreen(x: number, y: number): [number, number];
  /** From data to client pixels, for many points: reads where the chart is once, not per point. */
  projector(): (x: number, y: number) => [number, number];
  /** From client pixels to data. */
  toData(clientX: number, clientY: number): [number, number];
  /** The domains of x and y. */
  x: [number, number];
  y: [number, number];
}

/** The first Plot chart in an element (itself included). */
export function plotChart(element: Element): PlotChart {
  const candidates = [element, ...element.querySelectorAll("svg, figure")];
  const chart = candidates.find((e) => typeof (e as Partial<PlotChart>).scale === "function" && (e as PlotChart).scale("x"));
  if (!chart) throw new Error("this element holds no Plot chart with an x scale");
  return chart as PlotChart;
}

/** Reads the chart's scales now; the chart may be shrunk by CSS, which this accounts for. */
export function geometry(element: Element): ChartGeometry {
  const chart = plotChart(element);
  const sx = chart.scale("x")!, sy = chart.scale("y")!;
  const svg = (chart.tagName.toLowerCase() === "svg" ? chart : chart.querySelector("svg")) as SVGSVGElement;
  // A drag outlives the chart it started on (the cell redraws it at every step); once this
  // chart is gone, its last place on screen stands for the new one, drawn in the same place.
  let last: {rect: DOMRect; k: number} | null = null;
  const box = () => {
    if (last && !svg.isConnected) return last;
    const rect = svg.getBoundingClientRect();
    const width = svg.width.baseVal.value || rect.width;
    return (last = {rect, k: rect.width / width || 1});
  };
  const projector = () => {
    const {rect, k} = box();
    return (x: number, y: number): [number, number] => [rect.left + sx.apply(x) * k, rect.top + sy.apply(y) * k];
  };
  return {
    toScreen: (x, y) => projector()(x, y),
    projector,
    toData(clientX, clientY) {
      const {rect, k} = box();
      return [sx.invert((clientX - rect.left) / k), sy.invert((clientY - rect.top) / k)];
    },
    x: [Math.min(...sx.domain), Math.max(...sx.domain)],
    y: [Math.min(...sy.domain), Math.max(...sy.domain)]
  };
}

/** Sets an input as the reader would: the value, then an "input" event that bubbles. */
export function setInput(input: InputLike, value: unknown): void {
  input.value = value;
  input.dispatchEvent(new Event("input", {bubbles: true}));
}

const clamp = (v: number, [lo, hi]: [number, number]) => Math.max(lo, Math.min(hi, v));
const round = (v: number, digits: number) => +v.toFixed(digits);

/**
 * Follows one drag from pointerdown to pointerup on the window, so the drag survives the chart
 * being redrawn under the pointer (it is, at every step: it reads what is dragged).
 */
function follow(event: PointerEvent, move: (e: PointerEvent) => void, end: (moved: boolean) => void): void {
  const window = (event.target as Node).ownerDocument!.defaultView!;
  let moved = false;
  const x0 = event.clientX, y0 = event.clientY;
  const onmove = (e: PointerEvent) => {
    if (!moved && Math.hypot(e.clientX - x0, e.clientY - y0) < 3) return;
    moved = true;
    e.preventDefault();
    move(e);
  };
  const onup = () => {
    window.removeEventListener("pointermove", onmove);
    window.removeEventListener("pointerup", onup);
    window.removeEventListener("pointercancel", onup);
    end(moved);
  };
  window.addEventListener("pointermove", onmove);
  window.addEventListener("pointerup", onup);
  window.addEventListener("pointercancel", onup);
}

/**
 * A polite live region inside the element, for screen readers. The last message is kept with
 * the chart's state, since the chart is usually redrawn right after the change it announces.
 */
function announcer(element: HTMLElement, state: {message?: string}): (text: string) => void {
  const live = element.ownerDocument.createElement("div");
  live.setAttribute("aria-live", "polite");
  live.className = "sr-only";
  live.textContent = state.message ?? "";
  element.append(live);
  return (text) => void (live.textContent = state.message = text);
}

/**
 * Calls `update` whenever one of `inputs` changes, for as long as `element` is on the page:
 * once it has been shown and is gone (its cell drew a new one), it stops listening.
 */
function followInputs(element: Element, inputs: InputLike[], update: () => void): void {
  let shown = false;
  const listener = () => {
    if (element.isConnected) return (shown = true), update();
    if (shown) for (const input of inputs) input.removeEventListener("input", listener);
  };
  for (const input of inputs) input.addEventListener("input", listener);
}

/**
 * The focusable element that takes the pointer: an HTML element (a top view, a figure) is
 * used as it is, so its own methods (like mark) stay at hand; an SVG chart is wrapped.
 */
function wrap(chart: Element, label: string, className: string): HTMLElement {
  const wrapper = chart instanceof HTMLElement ? chart : chart.ownerDocument.createElement("div");
  wrapper.classList.add("draggable", className);
  wrapper.tabIndex = 0;
  wrapper.setAttribute("role", "application");
  wrapper.setAttribute("aria-label", label);
  if (wrapper !== chart) wrapper.append(chart);
  return wrapper;
}

/**
 * On a touch screen a swipe over a chart scrolls the page (touch-action: pan-y in the style
 * sheet); a touch that starts on something the widget can drag claims the gesture instead, so
 * dragging starts on the thing dragged.
 */
function claimTouches(wrapper: HTMLElement, grabs: (clientX: number, clientY: number) => boolean): void {
  wrapper.addEventListener(
    "touchstart",
    (event) => {
      const touch = event.touches[0];
      if (event.touches.length === 1 && grabs(touch.clientX, touch.clientY)) event.preventDefault();
    },
    {passive: false}
  );
}

/** A finger is wider than a pointer: how much further from a handle a touch still takes it. */
const TOUCH_SLOP = 12;

/** How long a finger rests in one place to add a point (a tap alone scrolls, or does nothing). */
const LONG_PRESS = 450;

/**
 * Calls `then` if the touch that `event` starts rests in place for a long press; a tap, a lift or
 * a move of more than a few pixels (a swipe that scrolls) calls nothing.
 */
export function onLongPress(event: PointerEvent, then: () => void): void {
  const window = (event.target as Node).ownerDocument!.defaultView!;
  const {pointerId, clientX, clientY} = event;
  const stop = () => {
    clearTimeout(timer);
    window.removeEventListener("pointermove", moved);
    window.removeEventListener("pointerup", stop);
    window.removeEventListener("pointercancel", stop);
  };
  const moved = (e: PointerEvent) => e.pointerId === pointerId && Math.hypot(e.clientX - clientX, e.clientY - clientY) > 8 && stop();
  const timer = setTimeout(() => (stop(), then()), LONG_PRESS);
  window.addEventListener("pointermove", moved);
  window.addEventListener("pointerup", stop);
  window.addEventListener("pointercancel", stop);
}

/** State that must outlive a chart redrawn during a drag or while it has focus, by key. */
const memory = new Map<string, {selected: number; focused: boolean; message?: string}>();

/** Options for {@link editablePoints}. */
export interface EditablePointsOptions {
  /** The points, [x, y] pairs. */
  value: [number, number][];
  /** Names this chart across redraws (keeps the selection and focus); default "points". */
  key?: string;
  /** Decimals kept when a point moves. Default 2. */
  digits?: number;
  /** Called with the new points after every change (the input event fires too). */
  onchange?: (points: [number, number][]) => void;
  /** How close (px) the pointer must be to grab a point. Default 14. */
  radius?: number;
  /** Describes the points for screen readers. Default "data points". */
  label?: string;
}

/**
 * Points on a chart the reader can drag, add (click empty space) and remove (double-click,
 * or Alt/Shift-click); from the keyboard, arrows move the selected point (Shift: further),
 * Page Up/Down select another, Delete removes it and Insert adds one.
 */
export function editablePoints(chart: Element, options: EditablePointsOptions): HTMLElement & {value: [number, number][]} {
  const {key = "points", digits = 2, radius = 14, label = "data points", onchange} = options;
  let points = options.value.map(([x, y]) => [x, y] as [number, number]);
  const state = memory.get(key) ?? {selected: 0, focused: false};
  memory.set(key, state);
  const wrapper = wrap(chart, `${points.length} ${label}: drag a point to move it, click (or press and hold) to add one, double-click to remove; arrow keys move the selected point, Page Up and Page Down select another, Delete removes it`, "editable-points");
  const say = announcer(wrapper, state);
  const g = geometry(chart);
  const describe = (i: number) => `point ${i + 1} of ${points.length}: x = ${points[i][0]}, y = ${points[i][1]}`;
  // The input event fires at every change; onchange (which may rewrite code) at most once a frame.
  let pending = 0;
  const commit = (next: [number, number][], message?: string) => {
    points = next;
    wrapper.dispatchEvent(new Event("input", {bubbles: true}));
    if (onchange && !pending) pending = requestAnimationFrame(() => ((pending = 0), onchange(points)));
    if (message) say(message);
  };
  const nearest = (clientX: number, clientY: number, slop = 0) => {
    let best = -1, distance = radius + slop;
    const toScreen = g.projector();
    points.forEach(([x, y], i) => {
      const [px, py] = toScreen(x, y);
      const d = Math.hypot(px - clientX, py - clientY);
      if (d < distance) (best = i), (distance = d);
    });
    return best;
  };
  const at = (clientX: number, clientY: number): [number, number] => {
    const [x, y] = g.toData(clientX, clientY);
    return [round(clamp(x, g.x), digits), round(clamp(y, g.y), digits)];
  };
  const remove = (i: number) => {
    const gone = describe(i);
    state.selected = Math.max(0, Math.min(i, points.length - 2));
    commit(points.filter((_, j) => j !== i), `removed ${gone}`);
  };

  claimTouches(wrapper, (x, y) => nearest(x, y, TOUCH_SLOP) >= 0);
  wrapper.addEventListener("pointerdown", (event) => {
    if (event.button !== 0) return;
    const touch = event.pointerType === "touch";
    const i = nearest(event.clientX, event.clientY, touch ? TOUCH_SLOP : 0);
    if (i >= 0 && (event.altKey || event.shiftKey)) return remove(i);
    if (touch && i < 0) return pressToAdd(event);
    event.preventDefault();
    wrapper.focus();
    if (i >= 0) {
      state.selected = i;
      follow(
        event,
        (e) => commit(points.map((p, j) => (j === i ? at(e.clientX, e.clientY) : p))),
        (moved) => moved && say(`moved ${describe(i)}`)
      );
    } else {
      follow(
        event,
        () => {},
        (moved) => moved || add(event.clientX, event.clientY)
      );
    }
  });
  const add = (clientX: number, clientY: number) => {
    const added = at(clientX, clientY);
    state.selected = points.length;
    commit([...points, added], `added point at x = ${added[0]}, y = ${added[1]}`);
  };
  // A touch adds a point only when the finger rests (a long press); a tap or a swipe changes nothing.
  const pressToAdd = (event: PointerEvent) => onLongPress(event, () => add(event.clientX, event.clientY));
  wrapper.addEventListener("contextmenu", (event) => event.preventDefault()); // a long press is ours
  wrapper.addEventListener("dblclick", (event) => {
    const i = nearest(event.clientX, event.clientY);
    if (i >= 0) remove(i);
  });
  wrapper.addEventListener("keydown", (event) => {
    const n = points.length;
    const i = Math.min(state.selected, n - 1);
    const step = (event.shiftKey ? 0.5 : 0.05) * 10 ** (2 - digits);
    const nudge = (dx: number, dy: number) => {
      const [x, y] = points[i];
      const moved: [number, number] = [round(clamp(x + dx, g.x), digits), round(clamp(y + dy, g.y), digits)];
      commit(points.map((p, j) => (j === i ? moved : p)), describe(i).replace(/x = [^,]*, y = .*/, `x = ${moved[0]}, y = ${moved[1]}`));
    };
    switch (event.key) {
      case "ArrowLeft": if (n) nudge(-step, 0); break;
      case "ArrowRight": if (n) nudge(step, 0); break;
      case "ArrowUp": if (n) nudge(0, step); break;
      case "ArrowDown": if (n) nudge(0, -step); break;
      case "PageUp": if (n) (state.selected = (i + n - 1) % n), say(`selected ${describe(state.selected)}`); break;
      case "PageDown": if (n) (state.selected = (i + 1) % n), say(`selected ${describe(state.selected)}`); break;
      case "Delete":
      case "Backspace": if (n) remove(i); break;
      case "Insert": {
        const added: [number, number] = [round((g.x[0] + g.x[1]) / 2, digits), round((g.y[0] + g.y[1]) / 2, digits)];
        state.selected = n;
        commit([...points, added], `added point at x = ${added[0]}, y = ${added[1]}`);
        break;
      }
      default: return;
    }
    event.preventDefault();
  });
  wrapper.addEventListener("focus", () => (state.focused = true));
  wrapper.addEventListener("blur", () => (state.focused = false));
  if (state.focused) requestAnimationFrame(() => wrapper.focus());
  return Object.defineProperty(wrapper, "value", {
    get: () => points,
    set: (v: [number, number][]) => void (points = v.map(([x, y]) => [x, y])),
    enumerable: true
  }) as HTMLElement & {value: [number, number][]};
}

/** Options for {@link dragPoint}. */
export interface DragPointOptions {
  /** The input that holds the point's x (a slider, say). */
  x?: InputLike;
  /** The input that holds its y; without one, the point moves along x only (along a curve). */
  y?: InputLike;
  /** Instead of inputs: what to do with a new (x, y), e.g. set a mutable cell. */
  set?: (x: number, y: number) => void;
  /** Where the point is drawn, in data coordinates; default (x.value, y.value). */
  at?: () => [number, number];
  /** Grab it anywhere on the chart (true) or only near the point (false). Default true. */
  anywhere?: boolean;
  /** Steps for the arrow keys, in data units; default 1% of each domain. */
  step?: [number, number];
  /** Describes the point for screen readers. */
  label?: string;
  /** Names this chart across redraws (keeps focus). */
  key?: string;
}

/**
 * A point on a chart bound to one or two inputs: dragging it (or, with anywhere, pressing
 * anywhere on the chart) sets them, and the sliders follow. Arrow keys nudge it.
 */
export function dragPoint<T extends Element>(chart: T, options: DragPointOptions): (T extends HTMLElement ? T : HTMLElement) & {value: [number, number]} {
  const {x, y, anywhere = true, label = "point", key = `point:${label}`} = options;
  if (!x && !options.set) throw new Error("dragPoint: give the input for x, or set");
  const alongX = !y && !options.set;
  const state = memory.get(key) ?? {selected: 0, focused: false};
  memory.set(key, state);
  const where = options.at ?? (() => [Number(x?.value), Number(y?.value ?? 0)] as [number, number]);
  const set = options.set ?? ((px: number, py: number) => (setInput(x!, px), y && setInput(y, py)));
  const describe = () => {
    const [px, py] = where();
    return `${label} at ${px.toFixed(3)}, ${py.toFixed(3)}`;
  };
  const wrapper = wrap(chart, `${describe()}: drag to move it; arrow keys nudge it`, "drag-point");
  const say = announcer(wrapper, state);
  const g = geometry(chart);
  const step = options.step ?? [(g.x[1] - g.x[0]) / 100, (g.y[1] - g.y[0]) / 100];
  const place = (clientX: number, clientY: number) => {
    const [px, py] = g.toData(clientX, clientY);
    set(clamp(px, g.x), alongX ? where()[1] : clamp(py, g.y));
  };
  const near = (clientX: number, clientY: number, within: number) => {
    const [px, py] = g.toScreen(...where());
    return Math.hypot(px - clientX, py - clientY) <= within;
  };
  // A finger grabs only the point itself: anywhere else, a swipe scrolls the page.
  claimTouches(wrapper, (cx, cy) => near(cx, cy, 16 + TOUCH_SLOP));
  wrapper.addEventListener("pointerdown", (event) => {
    if (event.button !== 0) return;
    const touch = event.pointerType === "touch";
    if ((!anywhere || touch) && !near(event.clientX, event.clientY, touch ? 16 + TOUCH_SLOP : 16)) return;
    event.preventDefault();
    wrapper.focus();
    place(event.clientX, event.clientY);
    follow(event, (e) => place(e.clientX, e.clientY), () => say(describe()));
  });
  wrapper.addEventListener("keydown", (event) => {
    const k = event.shiftKey ? 10 : 1;
    const [px, py] = where();
    const [dx, dy] = [step[0] * k, alongX ? 0 : step[1] * k];
    switch (event.key) {
      case "ArrowLeft": set(clamp(px - dx, g.x), py); break;
      case "ArrowRight": set(clamp(px + dx, g.x), py); break;
      case "ArrowUp": alongX ? set(clamp(px + dx, g.x), py) : set(px, clamp(py + dy, g.y)); break;
      case "ArrowDown": alongX ? set(clamp(px - dx, g.x), py) : set(px, clamp(py - dy, g.y)); break;
      default: return;
    }
    event.preventDefault();
    say(describe());
  });
  wrapper.addEventListener("focus", () => (state.focused = true));
  wrapper.addEventListener("blur", () => (state.focused = false));
  if (state.focused) requestAnimationFrame(() => wrapper.focus());
  return Object.defineProperty(wrapper, "value", {get: where, enumerable: true, configurable: true}) as (T extends HTMLElement ? T : HTMLElement) & {value: [number, number]};
}

/** Options for {@link grabLine}. */
export interface GrabLineOptions {
  /** The slope's input. */
  w: InputLike;
  /** The intercept's input. */
  b: InputLike;
  /** How close (px) the pointer must be to the line to grab it. Default 12. */
  radius?: number;
}

/**
 * The line y = w·x + b on a chart, grabbed directly: drag its middle to shift it (b), or an end
 * (the outer fifth on either side) to tilt it about x = 0 (w). Arrow keys: up/down shift,
 * left/right tilt.
 */
export function grabLine(chart: Element, {w, b, radius = 12}: GrabLineOptions): HTMLElement & {value: {w: number; b: number}} {
  // A chart kept from before (draw.layered's reuse) is grabbed already.
  const known = grabbed.get(chart);
  if (known) return known;
  const line = (v: {w: number; b: number}) => `line y = ${v.w.toFixed(2)} x ${v.b < 0 ? "−" : "+"} ${Math.abs(v.b).toFixed(2)}`;
  const label = () => `${line({w: Number(w.value), b: Number(b.value)})}: drag its middle to shift it, an end to tilt it; arrow keys up and down shift it, left and right tilt it`;
  const wrapper = wrap(chart, label(), "grab-line");
  // A chart drawn once (its line on a layer that the sliders redraw) keeps its name current.
  followInputs(wrapper, [w, b], () => wrapper.setAttribute("aria-label", label()));
  const state = memory.get("line") ?? {selected: 0, focused: false};
  memory.set("line", state);
  const say = announcer(wrapper, state);
  wrapper.addEventListener("focus", () => (state.focused = true));
  wrapper.addEventListener("blur", () => (state.focused = false));
  if (state.focused) requestAnimationFrame(() => wrapper.focus());
  const g = geometry(chart);
  const value = () => ({w: Number(w.value), b: Number(b.value)});
  const describe = () => line(value());
  wrapper.addEventListener("pointermove", (event) => {
    const hit = hitLine(event.clientX, event.clientY);
    wrapper.style.cursor = hit === "shift" ? "ns-resize" : hit === "tilt" ? "grab" : "";
  });
  const hitLine = (clientX: number, clientY: number, slop = 0): "shift" | "tilt" | null => {
    const [x] = g.toData(clientX, clientY);
    const {w: w0, b: b0} = value();
    const [, py] = g.toScreen(x, w0 * x + b0);
    if (Math.abs(py - clientY) > radius + slop) return null;
    const t = (x - g.x[0]) / (g.x[1] - g.x[0]);
    return t < 0.2 || t > 0.8 ? "tilt" : "shift";
  };
  claimTouches(wrapper, (x, y) => hitLine(x, y, TOUCH_SLOP) !== null);
  wrapper.addEventListener("pointerdown", (event) => {
    if (event.button !== 0) return;
    const hit = hitLine(event.clientX, event.clientY, event.pointerType === "touch" ? TOUCH_SLOP : 0);
    if (!hit) return;
    event.preventDefault();
    wrapper.focus();
    const [x0, y0] = g.toData(event.clientX, event.clientY);
    const {b: b0} = value();
    follow(
      event,
      (e) => {
        const [x, y] = g.toData(e.clientX, e.clientY);
        if (hit === "shift") setInput(b, b0 + (y - y0));
        else if (Math.abs(x) > 1e-9) setInput(w, (y - value().b) / x);
        void x0;
      },
      () => say(describe())
    );
  });
  wrapper.addEventListener("keydown", (event) => {
    const k = event.shiftKey ? 10 : 1;
    const {w: w0, b: b0} = value();
    switch (event.key) {
      case "ArrowUp": setInput(b, b0 + 0.1 * k); break;
      case "ArrowDown": setInput(b, b0 - 0.1 * k); break;
      case "ArrowRight": setInput(w, w0 + 0.05 * k); break;
      case "ArrowLeft": setInput(w, w0 - 0.05 * k); break;
      default: return;
    }
    event.preventDefault();
    say(describe());
  });
  const grab = Object.defineProperty(wrapper, "value", {get: value, enumerable: true}) as HTMLElement & {value: {w: number; b: number}};
  grabbed.set(chart, grab);
  return grab;
}

/** The charts grabLine has made grabbable, each with what it gave back. */
const grabbed = new WeakMap<Element, HTMLElement & {value: {w: number; b: number}}>();

/** The source of a cell that defines `name` as these points, for writing a drag back into code. */
export function pointsSource(name: string, points: readonly (readonly [number, number])[]): string {
  return `${name} = [${points.map(([x, y]) => `[${x}, ${y}]`).join(", ")}]`;
}
