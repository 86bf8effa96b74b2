export {trainingControls, deadline, describeSpeed, frameBudget, iterationsInFrame, roundSpeed} from "./training-controls.js";
export {drawCurve} from "./draw-curve.js";
export {pointPicker} from "./point-picker.js";
export {editablePoints, dragPoint, grabLine, pointsSource, setInput, geometry} from "./drag.js";
export {trainer, checkState} from "./trainer.js";
export {checkTrain, judgeTrain} from "./check-train.js";
