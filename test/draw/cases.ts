// The drawing cases, by name: each returns what a chapter would show. The snapshot test
// serializes them to test/output/NAME.svg|html, and test/gallery.html shows them all.
import * as Plot from "@observablehq/plot";
import * as draw from "../../src/draw/index.js";
import {previewPath} from "../../src/train/path-preview.js";
import {RunRecord} from "../../src/train/run-record.js";
import * as widgets from "../../src/widgets/index.js";

/** A case draws one chart; the name is its snapshot's file name. */
export type Case = () => Element | Promise<Element>;

// A small regression problem, the one the fitting chapters use in spirit.
const data: [number, number][] = [[1, 1.8], [2, 3.1], [3, 4.4], [4, 4.9], [5, 6.3]];
const loss = (w: number, b: number) => data.reduce((s, [x, y]) => s + (w * x + b - y) ** 2, 0) / data.length;
const lossGrid = draw.sampleGrid(loss, [-1, 3], [-3, 5]);
// Seen from above, √loss: a bowl's square root is a cone, whose contours are evenly spaced.
const rootGrid = draw.sampleGrid((w, b) => Math.sqrt(loss(w, b)), [-1, 3], [-3, 5]);

/** The loss's gradient [∂loss/∂w, ∂loss/∂b]. */
const gradient = (w: number, b: number): [number, number] => [
  data.reduce((s, [x, y]) => s + 2 * (w * x + b - y) * x, 0) / data.length,
  data.reduce((s, [x, y]) => s + 2 * (w * x + b - y), 0) / data.length
];

/** Gradient descent on the loss from a far corner: the path the views mark. */
function descent(steps: number, rate = 0.04): [number, number][] {
  const path: [number, number][] = [[-0.6, 4.2]];
  for (let k = 0; k < steps; ++k) {
    const [w, b] = path[path.length - 1];
    const [dw, db] = gradient(w, b);
    path.push([w - rate * dw, b - rate * db]);
  }
  return path;
}
const path = descent(120);

/** A recorded run of gradient descent on the loss, from `start` at `rate`. */
function recordedRun([w, b]: [number, number], rate: number, steps: number) {
  type S = {w: number; b: number; iteration_counter: number};
  const loop = (s: S, k: number): S => {
    let {w, b, iteration_counter} = s;
    for (let i = 0; i < k; ++i) {
      const [dw, db] = gradient(w, b);
      (w -= rate * dw), (b -= rate * db), (iteration_counter += 1);
    }
    return {w, b, iteration_counter};
  };
  let state: S = {w, b, iteration_counter: 0};
  const record = new RunRecord(state, {loss: (s) => loss(s.w, s.b)});
  for (let k = 0; k < steps; ++k) record.push((state = loop(state, 1)), loop);
  const upTo = (limit = 1000) => record.upTo(steps, (s) => [s.w, s.b], limit);
  return {
    path: (limit?: number) => upTo(limit).path,
    lossCurve: (limit?: number) => ({iterations: upTo(limit).iterations, losses: upTo(limit).losses}),
    loss: (i: number) => record.upTo(i, (s) => [s.w, s.b]).losses.at(-1)!
  };
}
const step = (rate: number) => ({w, b}: {w: number; b: number}) => {
  const [dw, db] = gradient(w, b);
  return {w: w - rate * dw, b: b - rate * db};
};
// Partway down: the point is well above the floor, so its drop line shows.
const [wNow, bNow] = path[12];
const path3 = path.slice(0, 13).map(([w, b]): [number, number, number] => [w, b, loss(w, b)]);
const labels = {x: "w", y: "b", z: "loss"};
const rootLabels = {x: "w", y: "b", z: "√loss"};

// Two classes in the plane, and a logistic model's boundary 1.5·x₁ − x₂ + 0.5 = 0.
const classes: [number, number, number][] = [
  [-2, 1.5, 0], [-1.2, 2.4, 0], [-0.5, 1.8, 0], [-2.4, -0.6, 0], [0.2, 2.6, 0], [-1.5, 0.3, 0],
  [1.8, -0.2, 1], [2.2, 1.9, 1], [0.9, -1.5, 1], [1.4, 0.8, 1], [-0.2, -2.4, 1], [2.6, -1.8, 1]
];
const boundary = {w1: 1.5, w2: -1, b: 0.5};
const logistic = (x1: number, x2: number) => 1 / (1 + Math.exp(-(boundary.w1 * x1 + boundary.w2 * x2 + boundary.b)));

export const cases: Record<string, Case> = {
  "surface-default": () => {
    const view = draw.surface(lossGrid, {width: 640, labels});
    view.mark([{x: path[0][0], y: path[0][1], z: loss(...path[0]), color: draw.palette.path}, {x: wNow, y: bNow, z: loss(wNow, bNow)}], path3);
    return view;
  },
  "surface-rotated": () => {
    const view = draw.surface(lossGrid, {width: 640, labels, azimuth: 60, elevation: 55});
    view.mark([{x: 2, y: -2, z: loss(2, -2)}, {x: wNow, y: bNow, z: loss(wNow, bNow), color: draw.palette.path}]);
    return view;
  },
  "surface-clamped": () => {
    const saddle = draw.sampleGrid((x, y) => x * x - y * y, [-2, 2], [-2, 2], 31);
    return draw.surface(saddle, {width: 480, zDomain: [-2, 2], scheme: "plasma", azimuth: 20, elevation: 25});
  },
  "surface-sigmoid-2d": () => {
    const grid = draw.sampleGrid(logistic, [-3, 3], [-3, 3]);
    return draw.surface(grid, {width: 560, labels: {x: "x₁", y: "x₂", z: "σ"}, zDomain: [0, 1], scheme: "rdbu"});
  },
  "top-view-point": () => {
    const view = draw.topView(rootGrid, {width: 640, labels: rootLabels, legend: true});
    view.mark({point: [wNow, bNow]});
    return view;
  },
  "top-view-path": () => {
    const view = draw.topView(rootGrid, {width: 640, labels: rootLabels, contours: 16});
    view.mark({path, point: path[path.length - 1]});
    return view;
  },
  "top-view-runs": () => {
    // Two kept runs, a fast one that zigzags and a slow one that crawls, and the dashed
    // preview of where the next 60 steps from a dragged start will go.
    const view = draw.topView(rootGrid, {width: 640, labels: rootLabels, contours: 16});
    const zigzag = recordedRun([-0.6, 4.2], 0.08, 200);
    const crawl = recordedRun([2.6, -2.5], 0.01, 200);
    view.mark({
      paths: [
        {path: zigzag.path(100), color: draw.palette.runs[0], label: "η = 0.08, from (−0.6, 4.2)"},
        {path: crawl.path(100), color: draw.palette.runs[1], label: "η = 0.01, from (2.6, −2.5)"},
        {path: previewPath({w: 0, b: -2}, step(0.04), 60), color: draw.palette.path, dashed: true, end: false}
      ],
      point: [0, -2]
    });
    return view;
  },
  "loss-curves": () => {
    const zigzag = recordedRun([-0.6, 4.2], 0.08, 200);
    const crawl = recordedRun([2.6, -2.5], 0.01, 200);
    const curves = [
      {...zigzag.lossCurve(100), color: draw.palette.runs[0]},
      {...crawl.lossCurve(100), color: draw.palette.runs[1]}
    ];
    const chart = draw.layered(
      {width: 560, height: 220, grid: true, x: {label: "iteration", domain: [0, 200]}, y: {label: "loss", type: "log", tickFormat: "~g", domain: draw.lossDomain(curves)}},
      []
    );
    chart.mark(draw.lossCurves(curves, {at: {iteration: 80, loss: crawl.loss(80), color: draw.palette.runs[1]}}));
    return chart;
  },
  "top-view-arrow": () => {
    // Equal units on both axes, so the gradient meets the contours at right angles.
    const view = draw.topView(rootGrid, {width: 400, aspectRatio: 1, labels: rootLabels});
    const [w, b] = [2.4, -1.5];
    const [dw, db] = gradient(w, b);
    // Downhill, a twentieth of the gradient long: the step a learning rate of 0.05 would take.
    view.mark({point: [w, b], arrow: {from: [w, b], to: [w - 0.05 * dw, b - 0.05 * db]}});
    return view;
  },
  "top-view-boundary": () => {
    const grid = draw.sampleGrid(logistic, [-3, 3], [-3, 3]);
    const view = draw.topView(grid, {
      width: 480,
      height: 480,
      labels: {x: "x₁", y: "x₂", z: "σ(w₁x₁ + w₂x₂ + b)"},
      zDomain: [0, 1],
      scheme: "rdbu",
      contours: [0.1, 0.25, 0.5, 0.75, 0.9],
      legend: true,
      marks: [
        Plot.dot(classes, {
          x: "0",
          y: "1",
          r: 5,
          fill: (d: [number, number, number]) => (d[2] ? draw.palette.positive : draw.palette.negative),
          stroke: "white",
          strokeWidth: 1.5
        })
      ]
    });
    view.mark({boundary});
    return view;
  },
  // The controls of issue 16's figures, as the reader first meets them.
  "timeline": () => {
    const t = widgets.timeline({length: 4001});
    t.value = 1250;
    return t;
  },
  "kept-runs": () => {
    const kept = widgets.keptRuns();
    const curves = (rec: ReturnType<typeof recordedRun>) => ({path: rec.path(), ...rec.lossCurve()});
    kept.keep({run: curves(recordedRun([-0.6, 4.2], 0.08, 50)), learningRate: 0.08, start: [-0.6, 4.2], names: ["w", "b"]});
    kept.keep({run: curves(recordedRun([2.6, -2.5], 0.01, 50)), learningRate: 0.01, start: [2.6, -2.5], names: ["w", "b"]});
    return kept;
  },
  "data-table": () => {
    const table = widgets.dataTable({value: data, original: data.slice(0, 4), labels: ["hours", "output"]});
    table.importText("hours,output\n1,1.8\n2,3.1\n3,abc\n");
    return table;
  },
  "backprop-panel": () =>
    draw.backpropPanel({
      network: {wi: [0.8, -1.3, 2.1], b: [0.5, -1.7, 0.9], wo: [1.2, -0.6, 0.35], bo: 0.1},
      points: [[-4, 0.44], [-3, -0.43], [-2, -0.97], [-1, -0.78], [0, 0], [1, 0.78], [2, 0.97], [3, 0.43], [4, -0.44]],
      parameter: "wi2",
      learningRate: 0.03,
      rows: 6
    }),
  "network-1": () => draw.network({hidden: [{w: 2, b: -1}], output: [3]}, {width: 480}),
  "network-2": () => draw.network({hidden: [{w: 4, b: -2}, {w: -3, b: 6}], output: [1.5, -2.2], x: 1}, {width: 480}),
  // Every weight and bias named, for the picker of the backprop panel; wo2 selected.
  "network-parameters": () => draw.network({hidden: [{w: 4, b: -2}, {w: -3, b: 6}], output: [1.5, -2.2], outputBias: 0.3}, {width: 480, parameters: true, selected: "wo2"}),
  "network-4": () =>
    draw.network(
      {
        hidden: [{w: 0.2, b: 1}, {w: -0.5, b: -5.7}, {w: 1.9, b: 0}, {w: -0.8, b: 7.1}],
        output: [7.2, 9.7, -6.3, -6.3],
        x: 0.5
      },
      {width: 560}
    ),
  "network-12": () =>
    draw.network(
      {
        hidden: Array.from({length: 12}, (_, i) => ({w: Math.sin(i + 1) * 6, b: Math.cos(i * 2) * 3})),
        output: Array.from({length: 12}, (_, i) => Math.cos(i * 1.7) * 8)
      },
      {width: 560}
    ),
  "neuron": () => draw.neuron({inputs: [0.5, -1.2, 2], weights: [0.8, -0.4, 0.25], bias: -0.3}),
  "neuron-linear": () =>
    draw.neuron({inputs: [3, 12, 0.25], weights: [1.5, -0.05, 8], bias: 2, activation: "none", labels: ["rooms", "age", "garden"]}),
  "residuals": () =>
    Plot.plot({
      width: 480,
      grid: true,
      x: {domain: [0, 6], label: "x"},
      y: {domain: [0, 7], label: "y"},
      marks: [
        draw.residuals(data, (x) => 1.3 * x + 0.1),
        Plot.line([0, 6], {x: (x: number) => x, y: (x: number) => 1.3 * x + 0.1, stroke: draw.palette.model, strokeWidth: 2, clip: true}),
        Plot.dot(data, {x: "0", y: "1", r: 4, fill: draw.palette.data})
      ]
    }),
  "residuals-squares": () =>
    Plot.plot({
      width: 480,
      aspectRatio: 1,
      grid: true,
      x: {domain: [0, 7], label: "x"},
      y: {domain: [0, 7], label: "y"},
      marks: [
        draw.residuals(data, (x) => 0.9 * x + 1.4, {squares: true}),
        Plot.line([0, 7], {x: (x: number) => x, y: (x: number) => 0.9 * x + 1.4, stroke: draw.palette.model, strokeWidth: 2, clip: true}),
        Plot.dot(data, {x: "0", y: "1", r: 4, fill: draw.palette.data})
      ]
    })
};
