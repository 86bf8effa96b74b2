// Observable's Generators, written for runtime 6, which ships none; the stdlib's copies
// come bundled with its CDN loader and data tables, which an offline page cannot use.

/** What observe and queue return: an iterator of promises the runtime pulls once a frame. */
export interface ObservedGenerator<T> extends Iterator<Promise<T>> {
  return(): IteratorResult<Promise<T>>;
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
  let done = false;
  const it: ObservedGenerator<T> = {
    [Symbol.iterator]: () => it,
    next: () => (done ? {done: true, value: undefined} : {done: false, value: pull()}),
    return: () => {
      if (!done && typeof dispose === "function") dispose();
      done = true;
      return {done: true, value: undefined};
    }
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

/** The event that signals a new value: "change" for file and select inputs, else "input". */
function eventof(element: Element): string {
  if (element instanceof HTMLInputElement && element.type === "file") return "change";
  if (element instanceof HTMLSelectElement) return "change";
  return "input";
}

/** Yields the element's value now and after each input event: what `viewof x` reads. */
export function input(element: Element & {value?: unknown}): ObservedGenerator<unknown> {
  return observe((change) => {
    const event = eventof(element);
    const inputted = () => change(valueof(element));
    element.addEventListener(event, inputted);
    if (element.value !== undefined) change(valueof(element));
    return () => element.removeEventListener(event, inputted);
  });
}

/** Yields value once; calls dispose(value) when the cell is invalidated. */
export function disposable<T>(value: T, dispose: (value: T) => void): Iterator<T> & {return(): IteratorResult<T>} {
  let done = false;
  const it = {
    [Symbol.iterator]: () => it,
    next: (): IteratorResult<T> => (done ? {done: true, value: undefined} : ((done = true), {done: false, value})),
    return: (): IteratorResult<T> => {
      if (!done || value !== undefined) dispose(value);
      done = true;
      return {done: true, value: undefined};
    }
  };
  return it;
}

export const Generators = {observe, queue, input, disposable};
