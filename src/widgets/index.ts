export {trainingControls, describeSpeed, iterationsInFrame, roundSpeed} from "./training-controls.js";
export {pointPicker} from "./point-picker.js";
