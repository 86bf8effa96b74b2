import {describe, expect, it, vi} from "vitest";
import {runRecorder} from "../../src/train/run-recorder.js";

// The lesson's data and its descent update, written as the chapter writes them.
const data: [number, number][] = [[1, 0.85], [2, 1.43], [3, 1.92], [4, 2.59], [5, 3.2], [6, 3.82], [7, 4.38], [8, 4.97]];
const gradient = (w: number, b: number): [number, number] => {
  let dw = 0, db = 0;
  for (const [x, target] of data) {
    const error = w * x + b - target;
    dw += error * x;
    db += error;
  }
  return [dw, db];
};
const loss = (w: number, b: number) => data.reduce((s, [x, t]) => s + (w * x + b - t) ** 2, 0) / 2;
const learningRate = 0.001;
const update = ({w, b}: {w: number; b: number}) => {
  const [dw, db] = gradient(w, b);
  return {w: w - learningRate * dw, b: b - learningRate * db};
};
const measure = (p: Float64Array) => ({loss: loss(p[0], p[1]), gradient: gradient(p[0], p[1])});

/** Trains from (1, 0) for `n` updates, recording each moment. */
function train(n: number, options = {}) {
  const rec = runRecorder({parameters: ["w", "b"], measure, ...options});
  let state = {w: 1, b: 0};
  rec.push(state.w, state.b);
  for (let i = 0; i < n; ++i) {
    state = update(state);
    rec.push(state.w, state.b);
  }
  return {rec, state};
}

describe("runRecorder", () => {
  it("holds every moment of a run: parameters as pushed, loss and gradient measured there", () => {
    const {rec, state} = train(100);
    expect(rec.length).toBe(101);
    expect(rec.at(0)).toEqual({iteration: 0, parameters: [1, 0], loss: loss(1, 0), gradient: gradient(1, 0)});
    const last = rec.at(-1)!;
    expect(last.iteration).toBe(100);
    expect(last.parameters).toEqual([state.w, state.b]);
    expect(last.loss).toBe(loss(state.w, state.b));
    expect(rec.at(101)).toBeUndefined();
    expect(rec.at(-102)).toBeUndefined();
    expect(() => rec.loss(500)).toThrow(/no moment 500; the run has 101/);
  });

  it("measures a moment once, when first asked, and not while training", () => {
    const spy = vi.fn(measure);
    const {rec} = train(1000, {measure: spy});
    expect(spy).not.toHaveBeenCalled();
    rec.loss(500);
    rec.at(500);
    rec.loss(500);
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it("keeps a loss and gradient the loop already had, without measuring", () => {
    const spy = vi.fn(measure);
    const rec = runRecorder({parameters: ["w", "b"], measure: spy});
    rec.pushFrom([1, 0], 12.5, [3, 4]);
    expect(rec.at(0)).toEqual({iteration: 0, parameters: [1, 0], loss: 12.5, gradient: [3, 4]});
    expect(spy).not.toHaveBeenCalled();
  });

  it("says NaN for what it cannot measure", () => {
    const rec = runRecorder({parameters: ["w", "b"]});
    rec.push(1, 2);
    expect(rec.at(0)).toEqual({iteration: 0, parameters: [1, 2], loss: NaN, gradient: [NaN, NaN]});
  });

  it("grows by doubling: a million iterations copy each value fewer than two more times", () => {
    const rec = runRecorder({parameters: ["w", "b"], capacity: 16});
    const n = 1_000_000;
    let copied = 0; // values copied when the arrays grew: each growth copies the old capacity
    let capacity = rec.capacity;
    let growths = 0;
    let w = 1, b = 0;
    for (let i = 0; i < n; ++i) {
      rec.push(w, b);
      if (rec.capacity !== capacity) (copied += capacity * rec.size), (capacity = rec.capacity), ++growths;
      (w *= 0.999999), (b += 1e-7);
    }
    const written = n * rec.size;
    expect(rec.length).toBe(n);
    expect(growths).toBeLessThanOrEqual(Math.ceil(Math.log2(n / 16)));
    expect(copied).toBeLessThan(2 * written);
    // Operations per iteration: the lesson's update reads 8 points and does 6 arithmetic
    // operations on each, at least 48 + 4; recording adds the 2 writes and, amortized, under
    // 4 copies (2 values, each copied fewer than twice). Training with recording then does at least 90% of the iterations per operation.
    const updateOps = data.length * 6 + 4;
    const recordOps = (written + copied) / n;
    expect(updateOps / (updateOps + recordOps)).toBeGreaterThanOrEqual(0.9);
    expect(rec.parameter(n - 1, 0)).toBe(w / 0.999999);
  });

  it("replays a run bit for bit from its start", () => {
    const {rec} = train(5000);
    const step = (p: Float64Array) => {
      const next = update({w: p[0], b: p[1]});
      return [next.w, next.b];
    };
    const again = rec.replay(step);
    expect(again.length).toBe(rec.length);
    expect(rec.firstDifference(again)).toBe(-1);
    // …and notices a change in the last bit of one value.
    const {rec: other} = train(5000);
    other.truncate(3000);
    const p = other.parametersAt(-1);
    other.truncate(2999);
    other.push(p[0], p[1] + Number.EPSILON * Math.max(1, Math.abs(p[1])));
    expect(rec.firstDifference(other)).toBe(2999);
    // A different rate differs from the first step.
    const faster = rec.replay((p) => [p[0] - 0.002 * gradient(p[0], p[1])[0], p[1] - 0.002 * gradient(p[0], p[1])[1]]);
    expect(rec.firstDifference(faster)).toBe(1);
  });

  it("samples a long run with a power-of-two spacing that keeps old samples as it grows", () => {
    const {rec} = train(10_000);
    const s = rec.samples(1000);
    expect(s[0]).toBe(0);
    expect(s.at(-1)).toBe(10_000);
    expect(s.length).toBeLessThanOrEqual(1002);
    const spacing = s[1] - s[0];
    expect(Math.log2(spacing) % 1).toBe(0);
    for (let k = 1; k < s.length - 1; ++k) expect(s[k] - s[k - 1]).toBe(spacing);
    // Ten more steps later, every sample but the last is still a sample.
    const before = new Set(Array.from(s.subarray(0, -1)));
    for (let k = 0; k < 10; ++k) rec.push(0, 0);
    const after = new Set(Array.from(rec.samples(1000)));
    for (const i of before) expect(after.has(i)).toBe(true);
  });

  it("gives a path and a loss curve up to a moment, ending exactly there", () => {
    const {rec} = train(3000);
    const path = rec.path(100, [0, 1], 1234);
    expect(path[0]).toEqual([1, 0]);
    expect(path.at(-1)).toEqual(rec.at(1234)!.parameters);
    expect(path.length).toBeLessThanOrEqual(102);
    const curve = rec.lossCurve(100);
    expect(curve.iterations.length).toBe(curve.losses.length);
    expect(curve.iterations.at(-1)).toBe(3000);
    expect(curve.losses[0]).toBe(loss(1, 0));
    for (let k = 1; k < curve.losses.length; ++k) expect(curve.losses[k]).toBeLessThanOrEqual(curve.losses[k - 1]);
  });

  it("rewinds: truncating forgets later moments and what was measured there", () => {
    const {rec} = train(100);
    const old = rec.loss(60);
    rec.truncate(50);
    expect(rec.length).toBe(50);
    for (let k = 0; k < 20; ++k) rec.push(0, 0);
    expect(rec.loss(60)).toBe(loss(0, 0));
    expect(rec.loss(60)).not.toBe(old);
    rec.clear();
    expect(rec.length).toBe(0);
    expect(rec.samples()).toHaveLength(0);
  });

  it("keeps a long run within maxBytes by keeping every other moment, and says which moment it shows", () => {
    // Room for 100 moments of two parameters: 1,600 bytes.
    const {rec, state} = train(1000, {maxBytes: 1600});
    expect(rec.length).toBe(1001);
    expect(rec.stride).toBe(16); // 1001 moments in at most 100 kept: every 16th
    expect(rec.capacity).toBeLessThanOrEqual(100);
    // The kept moments and the latest are exact; one in between reads as the kept one before it.
    const full = train(1000).rec;
    expect(rec.at(-1)!.parameters).toEqual([state.w, state.b]);
    expect(rec.at(480)).toEqual(full.at(480));
    expect(rec.at(485)!.iteration).toBe(480);
    expect(rec.firstDifference(full)).toBe(-1);
    // Samples for charts fall on kept moments.
    for (const i of rec.samples(1000)) expect(rec.kept(i)).toBe(i);
    expect(rec.path(1000).at(-1)).toEqual([state.w, state.b]);
  });

  it("what was measured at a kept moment moves with it when the run is thinned", () => {
    const spy = vi.fn(measure);
    const rec = runRecorder({parameters: ["w", "b"], measure: spy, maxBytes: 1600});
    let state = {w: 1, b: 0};
    rec.push(state.w, state.b);
    for (let i = 0; i < 500; ++i) (state = update(state)), rec.push(state.w, state.b);
    const at480 = rec.loss(480);
    expect(spy).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 1500; ++i) (state = update(state)), rec.push(state.w, state.b);
    expect(rec.stride).toBe(32);
    expect(rec.loss(480)).toBe(at480);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(rec.loss(992)).toBe(measure(rec.parametersAt(992)).loss);
  });

  it("with update, recomputes a thinned-out moment exactly", () => {
    const step = (p: Float64Array) => {
      const next = update({w: p[0], b: p[1]});
      return [next.w, next.b];
    };
    const {rec} = train(1000, {maxBytes: 1600, update: step});
    const full = train(1000).rec;
    for (const i of [1, 485, 999]) {
      expect(rec.at(i)).toEqual(full.at(i));
      expect(rec.kept(i)).toBe(i);
    }
    // Rewinding to a moment in between goes on from exactly there.
    rec.truncate(486);
    expect(rec.length).toBe(486);
    expect(rec.at(-1)).toEqual(full.at(485));
    let p = rec.parametersAt(-1);
    for (let i = 486; i <= 1000; ++i) {
      p = Float64Array.from(step(p));
      rec.push(p[0], p[1]);
    }
    expect(rec.firstDifference(full)).toBe(-1);
    expect(rec.at(777)).toEqual(full.at(777));
  });

  it("without update, rewinding in a long run goes back to the kept moment before", () => {
    const {rec} = train(1000, {maxBytes: 1600});
    rec.truncate(486);
    expect(rec.length).toBe(481);
    expect(rec.at(-1)!.iteration).toBe(480);
    const copy = rec.copy();
    expect(copy.firstDifference(rec)).toBe(-1);
    expect(copy.stride).toBe(rec.stride);
  });

  it("names what is wrong with its input", () => {
    expect(() => runRecorder({parameters: []})).toThrow(/parameters is not a list of names/);
    const rec = runRecorder({parameters: ["w", "b"]});
    expect(() => rec.push(1)).toThrow(/1 values pushed, not 2 \(w, b\)/);
    expect(() => rec.replay(() => [0, 0])).toThrow(/nothing to replay/);
  });
});
