import {LiveAnnouncer} from "./live-announcer.js";

// What cells draw, made legible to assistive technology after the fact: cells use Inputs and
// Plot as they are, and the page names their controls and charts where they land.

/** A label's text as a screen reader should say it: TeX rendered as MathML reads as its symbols. */
export function labelText(label: Element): string {
  const clone = label.cloneNode(true) as Element;
  for (const a of clone.querySelectorAll("annotation, annotation-xml")) a.remove();
  // Words set in TeX (\text{learning rate}) keep their spaces from the symbols beside them.
  for (const t of clone.querySelectorAll("mtext")) t.textContent = ` ${t.textContent} `;
  return (clone.textContent ?? "").replace(/\s+/g, " ").trim();
}

/** Gives each form control with no name of its own the text of its label (Inputs' label is TeX). */
export function nameControls(root: Element): void {
  for (const control of root.querySelectorAll<HTMLInputElement>("input:not([type=hidden]), select, textarea")) {
    if (control.hasAttribute("aria-label") || control.hasAttribute("aria-labelledby")) continue;
    const label = control.labels?.[0] ?? control.closest("form")?.querySelector(":scope > label");
    const name = label ? labelText(label) : "";
    if (name) control.setAttribute("aria-label", name);
  }
}

const ROLELESS = "svg [aria-label]:not([role]), svg [aria-description]:not([role])";

/**
 * Plot names each mark's group ("line", "dot"), an attribute ARIA forbids on an element with no
 * role, and which says nothing the chart's own text alternative does not: those groups are
 * hidden from assistive technology.
 * Each chart that is not part of a named widget becomes one image with a short text alternative
 * (the chart's own `ariaLabel` if the cell gave one, else what it shows and over what ranges).
 */
export function describeCharts(root: Element): void {
  const holders = new Map<Element, SVGSVGElement>();
  for (const chart of charts(root)) {
    const layered = chart.parentElement?.classList.contains("draw-layered") ? chart.parentElement : null;
    const holder: Element = layered ?? chart;
    const base = (layered ?? (chart.tagName.toLowerCase() === "figure" ? chart : null))?.querySelector<SVGSVGElement>("svg") ?? (chart as SVGSVGElement);
    for (const svg of [base, chart]) if (svg.tagName.toLowerCase() === "svg") seen(svg as SVGSVGElement);
    if (holder.closest("[role=application], [aria-hidden=true]") || holder.parentElement?.closest("[role=img]")) continue;
    holders.set(holder, base);
  }
  // A chart inside another (a layered chart's layer, inside its figure) is part of that image.
  for (const holder of holders.keys()) if ([...holders.keys()].some((other) => other !== holder && other.contains(holder))) holders.delete(holder);
  for (const [holder, base] of holders) {
    const given = seen(base).given;
    const text = given ?? plotSummary(holder.tagName.toLowerCase() === "figure" ? holder : base, holder);
    holder.setAttribute("role", "img");
    if (holder.getAttribute("aria-label") !== text) holder.setAttribute("aria-label", text);
    if (holder !== base) for (const layer of holder.querySelectorAll("svg")) layer.setAttribute("aria-hidden", "true");
  }
  // Hidden rather than unnamed: the names are how scripts and tests find a chart's marks.
  // A picture nested in a chart (a heat map) keeps its name as an image.
  // Marks drawn again into a chart already on the page (a layered chart's top layer) come alone.
  for (const el of [...(root.matches(ROLELESS) ? [root] : []), ...root.querySelectorAll(ROLELESS)]) {
    if (el.tagName.toLowerCase() === "svg" && el.hasAttribute("aria-label")) el.setAttribute("role", "img");
    else if (!el.closest("[aria-hidden=true]")) el.setAttribute("aria-hidden", "true");
  }
}

/** What Plot said a chart shows, read once, before its marks' names are taken out. */
const marks = new WeakMap<SVGSVGElement, {given: string | null; names: string[]}>();
function seen(svg: SVGSVGElement): {given: string | null; names: string[]} {
  let known = marks.get(svg);
  if (!known) {
    const names = [...svg.querySelectorAll(":scope > g[aria-label]")].map((g) => g.getAttribute("aria-label")!);
    known = {given: svg.getAttribute("role") === "img" ? null : svg.getAttribute("aria-label"), names};
    marks.set(svg, known);
  }
  return known;
}

/** Plot's charts in an element (itself included): the svg or figure that has Plot's scale() method. */
function charts(root: Element): Element[] {
  return [root, ...root.querySelectorAll("svg, figure")].filter((e) => typeof (e as unknown as {scale?: unknown}).scale === "function");
}

type Scale = {domain?: unknown[]; label?: string};

/** "chart of line and dot; x from −10 to 10, y from −10 to 10" */
function plotSummary(chart: Element, holder: Element): string {
  const names = new Set<string>();
  for (const svg of holder.tagName.toLowerCase() === "svg" ? [holder as SVGSVGElement] : holder.querySelectorAll<SVGSVGElement>("svg")) {
    for (const name of seen(svg).names) if (!/axis|tick|grid|rule|frame|text/.test(name)) names.add(name);
  }
  const scale = (name: "x" | "y"): string => {
    const s = (chart as unknown as {scale?: (n: string) => Scale | undefined}).scale?.(name);
    const domain = s?.domain;
    if (!domain || domain.length < 2 || typeof domain[0] !== "number") return "";
    const [lo, hi] = [Math.min(...(domain as number[])), Math.max(...(domain as number[]))];
    return `${s.label ?? name} from ${short(lo)} to ${short(hi)}`;
  };
  const kinds = [...names];
  const what = kinds.length ? `chart of ${kinds.length > 1 ? `${kinds.slice(0, -1).join(", ")} and ${kinds.at(-1)}` : kinds[0]}` : "chart";
  const ranges = [scale("x"), scale("y")].filter(Boolean).join(", ");
  return ranges ? `${what}; ${ranges}` : what;
}

const short = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(Math.abs(v) < 1 ? 2 : 1)).replace("-", "−");

/** An empty corner of a table a cell made heads nothing: it is a plain cell to a screen reader. */
export function tidyTables(root: Element): void {
  for (const th of root.querySelectorAll("th")) if (!th.textContent?.trim() && !th.hasAttribute("role")) th.setAttribute("role", "none");
}

/** Everything above, for what just entered the page. */
export function makeAccessible(root: Element): void {
  nameControls(root);
  describeCharts(root);
  tidyTables(root);
}

/**
 * Keeps what cells put under `root` accessible as it comes and goes. A status a cell redraws
 * every frame (training) is shown as it is but spoken through its cell's announcer, at most
 * once a second and always ending with the last one.
 */
export function watchAccessibility(root: HTMLElement): MutationObserver {
  const announcers = new WeakMap<Element, LiveAnnouncer>();
  const speak = (status: Element) => {
    const cell = status.closest(".cell");
    status.removeAttribute("role");
    status.removeAttribute("aria-live");
    status.setAttribute("data-status", "");
    if (!cell) return;
    let announcer = announcers.get(cell);
    if (!announcer) {
      announcer = new LiveAnnouncer(root.ownerDocument);
      announcers.set(cell, announcer);
      cell.append(announcer.element);
    }
    announcer.say(labelText(status));
  };
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType !== 1 || (node as Element).classList.contains("live-announcer")) continue;
        const element = node as Element;
        makeAccessible(element);
        for (const status of [element, ...element.querySelectorAll(STATUS)].filter((e) => e.matches(STATUS))) speak(status);
      }
      // A status whose text changed in place.
      const target = record.target.nodeType === 1 ? (record.target as Element) : record.target.parentElement;
      const status = target?.closest("[data-status]");
      if (status && root.contains(status)) speak(status);
    }
  });
  observer.observe(root, {childList: true, subtree: true, characterData: true});
  makeAccessible(root);
  return observer;
}

// A widget's own polite region (.sr-only) already speaks once per change; it is left alone.
const STATUS = ".cell-output [role=status]:not(.sr-only), .cell-output [aria-live]:not(.sr-only):not([role=alert])";
