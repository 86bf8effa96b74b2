// The whole of Plot, as cells read it: Plot's own exports, with `plot` and `legend` keeping their
// style rules in one stylesheet (local exports win over `export *`).
export * from "@observablehq/plot";
export {hoistStyles, legend, plot} from "./plot-styles.js";
