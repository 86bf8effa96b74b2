export {trainingControls, deadline, describeSpeed, frameBudget, iterationsInFrame, roundSpeed} from "./training-controls.js";
export {drawCurve} from "./draw-curve.js";
export {pointPicker} from "./point-picker.js";
export {editablePoints, dragPoint, grabLine, pointsSource, setInput, geometry} from "./drag.js";
export {timeline, type Timeline, type TimelineOptions} from "./timeline.js";
export {keptRuns, freeColor, runLabel, type KeptRun, type KeptRuns, type KeptRunsOptions} from "./kept-runs.js";
export {runRecorder, RunRecorder, type RunMoment, type RunRecorderOptions} from "../train/run-recorder.js";
export {previewPath, type PreviewOptions} from "../train/path-preview.js";
