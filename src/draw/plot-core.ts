// What of Plot comes with the page (see CORES in src/stdlib/builtins.ts): its chart, legend and
// plain marks. The rest of Plot (rasters, contours, maps, trees, binning…) is a third of it.
export {
  areaX, areaY, arrow, axisX, axisY, barX, barY, cell, dot, dotX, dotY, frame, gridX, gridY, line, lineX, lineY,
  link, rect, rectX, rectY, ruleX, ruleY, text, textX, textY, tickX, tickY, tip
} from "@observablehq/plot";
export {legend, plot} from "./plot-styles.js";
