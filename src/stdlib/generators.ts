// Observable's Generators, written for runtime 6, which ships none; the stdlib's copies
// come bundled with its CDN loader and data tables, which an offline page cannot use.

/** What observe and queue return: an iterator of promises the runtime pulls once a frame. */
export interface ObservedGenerator<T> extends Iterator<Promise<T>> {
  return(): IteratorResult<Promise<T>>;
  throw(): IteratorResult<Promise<T>>;
  [Symbol.iterator](): ObservedGenerator<T>;
}

type Initializer<T> = (change: (value: T) => T) => void | (() => void);

/**
 * Calls initialize(change) and yields the latest value passed to change at each pull.
 * It is a plain iterator of promises, not an async generator, so that return() disposes at
 * once even while a pull is waiting.
 */
export function observe<T>(initialize: Initializer<T>): ObservedGenerator<T> {
  let stale = false, value: T, resolve: ((v: T) => void) | null = null;
  const change = (x: T) => {
    if (resolve) resolve(x), (resolve = null);
    else stale = true;
    return (value = x);
  };
  const dispose = initialize(change);
  return iterator(() => (stale ? ((stale = false), Promise.resolve(value)) : new Promise<T>((r) => (resolve = r))), dispose);
}

/** Like observe, but yields every value passed to change, in order. */
export function queue<T>(initialize: Initializer<T>): ObservedGenerator<T> {
  const values: T[] = [];
  let resolve: ((v: T) => void) | null = null;
  const change = (x: T) => {
    if (resolve) resolve(x), (resolve = null);
    else values.push(x);
    return x;
  };
  const dispose = initialize(change);
  return iterator(() => (values.length ? Promise.resolve(values.shift() as T) : new Promise<T>((r) => (resolve = r))), dispose);
}

function iterator<T>(pull: () => Promise<T>, dispose: void | (() => void)): ObservedGenerator<T> {
  if (dispose != null && typeof dispose !== "function") {
    const async = typeof (dispose as {then?: unknown}).then === "function";
    throw new Error(async ? "async initializers are not supported" : "initializer returned something, but not a dispose function");
  }
  let done = false;
  const it: ObservedGenerator<T> = {
    [Symbol.iterator]: () => it,
    next: () => (done ? {done: true, value: undefined} : {done: false, value: pull()}),
    return: () => {
      if (!done && typeof dispose === "function") dispose();
      done = true;
      return {done: true, value: undefined};
    },
    throw: () => ((done = true), {done: true, value: undefined})
  };
  return it;
}

/** The value of a form element or input, as Observable reads it. */
export function valueof(element: Element & {value?: unknown}): unknown {
  if (element instanceof HTMLInputElement) {
    switch (element.type) {
      case "range":
      case "number":
        return element.valueAsNumber;
      case "date":
        return element.valueAsDate;
      case "checkbox":
        return element.checked;
      case "file":
        return element.multiple ? element.files : element.files?.[0];
    }
  }
  if (element instanceof HTMLSelectElement && element.multiple) {
    return Array.from(element.selectedOptions, (o) => o.value);
  }
  return element.value;
}

/**
 * The event that signals a new value, picked by element as Observable's stdlib does: a click
 * for a button or a checkbox, a change for a file input, else an input (which browsers fire
 * for selects and radios too).
 */
export function eventof(element: Element): string {
  switch ((element as HTMLInputElement).type) {
    case "button":
    case "submit":
    case "checkbox":
      return "click";
    case "file":
      return "change";
  }
  return "input";
}

/** Yields the element's value now and after each event that changes it: what `viewof x` reads. */
export function input(element: Element & {value?: unknown}): ObservedGenerator<unknown> {
  return observe((change) => {
    const event = eventof(element);
    const inputted = () => change(valueof(element));
    element.addEventListener(event, inputted);
    if (element.value !== undefined) change(valueof(element));
    return () => element.removeEventListener(event, inputted);
  });
}

/** Yields value once; calls dispose(value) when the generator is returned (the cell invalidated). */
export function disposable<T>(value: T, dispose: (value: T) => void): Iterator<T> & {return(): IteratorResult<T>} {
  if (typeof dispose !== "function") throw new TypeError("dispose is not a function");
  let done = false;
  const it = {
    [Symbol.iterator]: () => it,
    next: (): IteratorResult<T> => (done ? {done: true, value: undefined} : ((done = true), {done: false, value})),
    return: (): IteratorResult<T> => ((done = true), dispose(value), {done: true, value: undefined}),
    throw: (): IteratorResult<T> => ((done = true), {done: true, value: undefined})
  };
  return it;
}

/** Yields start, start + step, … up to stop (excluded), as d3.range counts. */
export function* range(start: number, stop?: number, step?: number): Generator<number> {
  const n = arguments.length;
  start = +start;
  if (n < 2) (stop = start), (start = 0);
  stop = +stop!;
  step = n < 3 ? 1 : +step!;
  const count = Math.max(0, Math.ceil((stop - start) / step)) | 0;
  for (let i = 0; i < count; ++i) yield start + i * step;
}

/** Yields the values of iterator for which test(value, index) is truthy. */
export function* filter<T>(iterator: Iterator<T>, test: (value: T, index: number) => unknown): Generator<T> {
  let result: IteratorResult<T>, index = -1;
  while (!(result = iterator.next()).done) if (test(result.value, ++index)) yield result.value;
}

/** Yields transform(value, index) for each value of iterator. */
export function* map<T, U>(iterator: Iterator<T>, transform: (value: T, index: number) => U): Generator<U> {
  let result: IteratorResult<T>, index = -1;
  while (!(result = iterator.next()).done) yield transform(result.value, ++index);
}

/** The i-th value (0-based) of iterator, or undefined if there is none or i is not a whole number ≥ 0. */
export function valueAt<T>(iterator: Iterator<T>, i: number): T | undefined {
  i = +i;
  if (!isFinite(i) || i < 0 || i !== (i | 0)) return undefined;
  let result: IteratorResult<T>, index = -1;
  while (!(result = iterator.next()).done) if (++index === i) return result.value;
  return undefined;
}

/** A web worker running source, terminated when the cell is invalidated. */
export function worker(source: string): Iterator<Worker> & {return(): IteratorResult<Worker>} {
  const url = URL.createObjectURL(new Blob([source], {type: "text/javascript"}));
  const created = new Worker(url);
  return disposable(created, () => {
    created.terminate();
    URL.revokeObjectURL(url);
  });
}

export const Generators = {observe, queue, input, disposable, range, filter, map, valueAt, worker};
