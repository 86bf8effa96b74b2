export {trainingControls, describeSpeed, iterationsInFrame, roundSpeed} from "./training-controls.js";
