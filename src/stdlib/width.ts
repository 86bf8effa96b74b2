import {observe, type ObservedGenerator} from "./generators.js";

/** Yields the width of the element (the lesson's text column) now and whenever it changes. */
export function width(element: Element): ObservedGenerator<number> {
  return observe<number>((change) => {
    let current = change(Math.floor(element.clientWidth));
    const observer = new ResizeObserver(() => {
      const w = Math.floor(element.clientWidth);
      if (w !== current && w > 0) change((current = w));
    });
    observer.observe(element);
    return () => observer.disconnect();
  });
}

/** Yields the current time once per animation frame. */
export function* now(): Generator<number> {
  while (true) yield Date.now();
}
