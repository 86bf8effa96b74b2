import {legend as plotLegend, plot as plotChart} from "@observablehq/plot";

/** Plot, with its charts' style rules kept in one stylesheet: see {@link hoistStyles}. */
export function plot(options?: Parameters<typeof plotChart>[0]): ReturnType<typeof plotChart> {
  return hoistStyles(plotChart(options));
}

/** Plot's legend, with its style rules kept in one stylesheet: see {@link hoistStyles}. */
export function legend(options?: Parameters<typeof plotLegend>[0]): ReturnType<typeof plotLegend> {
  return hoistStyles(plotLegend(options));
}

const hoisted = new WeakMap<Document, Set<string>>();

/**
 * Plot puts a `<style>` in every chart it draws, scoped by a class (`:where(.plot-d6a7b5) …`).
 * Each such element entering or leaving the page makes the browser re-match every SVG text on
 * the page, which costs more than the chart itself when a chart is redrawn every frame (training
 * spent a third of each frame on it). So each distinct rule set goes once into a stylesheet in
 * the head, and the chart's own copy is taken out. The rules are the same for every chart with
 * that class, so nothing looks different.
 */
export function hoistStyles<T>(node: T): T {
  if (typeof node !== "object" || node === null || !("querySelectorAll" in node)) return node;
  const root = node as unknown as Element;
  const document = root.ownerDocument;
  if (!document?.head) return node;
  let seen = hoisted.get(document);
  if (!seen) hoisted.set(document, (seen = new Set()));
  for (const style of root.querySelectorAll("style")) {
    const text = style.textContent ?? "";
    const scope = /^\s*:where\(\.([\w-]+)\)/.exec(text)?.[1];
    if (!scope || !style.parentElement?.classList.contains(scope)) continue; // not Plot's
    if (!seen.has(text)) {
      const sheet = document.createElement("style");
      sheet.dataset.plotStyles = scope;
      sheet.textContent = text;
      document.head.append(sheet);
      seen.add(text);
    }
    style.remove();
  }
  return node;
}
