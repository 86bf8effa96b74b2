/** One entry of a legend: a line in a colour, and what it stands for. */
export interface LegendItem {
  /** What the line stands for ("η = 0.001, from (1, 0)"). */
  label: string;
  /** A CSS colour (a palette entry). */
  color: string;
  /** Drawn dashed, as a preview is. */
  dashed?: boolean;
}

const SVG = "http://www.w3.org/2000/svg";

/**
 * A legend of lines in colours, as a list a screen reader reads as one: for runs side by side
 * on a top view or a loss chart. Plot's own swatches legend needs a colour scale; runs are
 * coloured by hand, one palette colour each, so this is a few lines of our own.
 */
export function legend(items: readonly LegendItem[], {document = globalThis.document, label = "legend"}: {document?: Document; label?: string} = {}): HTMLUListElement {
  const list = document.createElement("ul");
  list.className = "draw-legend";
  list.setAttribute("aria-label", label);
  for (const {label, color, dashed} of items) {
    const item = document.createElement("li");
    const swatch = document.createElementNS(SVG, "svg");
    swatch.setAttribute("width", "24");
    swatch.setAttribute("height", "10");
    swatch.setAttribute("aria-hidden", "true");
    const line = document.createElementNS(SVG, "line");
    for (const [name, value] of [["x1", "1"], ["x2", "23"], ["y1", "5"], ["y2", "5"], ["stroke", color], ["stroke-width", "3"], ["stroke-linecap", "round"]]) line.setAttribute(name, value);
    if (dashed) line.setAttribute("stroke-dasharray", "4 3");
    swatch.append(line);
    item.append(swatch, document.createTextNode(label));
    list.append(item);
  }
  return list;
}
