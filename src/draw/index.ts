export {palette} from "./palette.js";
