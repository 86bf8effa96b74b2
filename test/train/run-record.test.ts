import {describe, expect, it} from "vitest";
import {RunRecord, same} from "../../src/train/run-record.js";

// The lesson's data and its descent loop, written as the chapter writes them.
const data: [number, number][] = [[1, 0.85], [2, 1.43], [3, 1.92], [4, 2.59], [5, 3.2], [6, 3.82], [7, 4.38], [8, 4.97]];
type S = {w: number; b: number; iteration_counter: number};
const loopAt = (rate: number) => ({w, b, iteration_counter}: S, iterations: number): S => {
  for (let i = 0; i < iterations; ++i) {
    let dw = 0, db = 0;
    for (const [x, t] of data) {
      const e = w * x + b - t;
      dw += e * x;
      db += e;
    }
    (w = w - rate * dw), (b = b - rate * db);
    iteration_counter += 1;
  }
  return {w, b, iteration_counter};
};
const loss = ({w, b}: S) => data.reduce((s, [x, t]) => s + (w * x + b - t) ** 2, 0) / 2;
const start: S = {w: 1, b: 0, iteration_counter: 0};

/** Trains in calls of the given sizes, recording where each ends. */
function trained(sizes: number[], loop = loopAt(0.001), options = {}) {
  const record = new RunRecord<S>(start, {loss, ...options});
  let s = start;
  for (const k of sizes) record.push((s = loop(s, k)), loop);
  return {record, end: s};
}

describe("RunRecord", () => {
  it("gives every iteration to the last bit, however training split its calls", () => {
    const {record, end} = trained([1, 7, 300, 4096, 4096, 13]);
    expect(record.length).toBe(8514);
    expect(record.kept).toBe(7);
    expect(record.latest).toBe(end);
    for (const n of [0, 1, 5, 8, 1000, 4409, 8513]) expect(same(record.at(n), loopAt(0.001)(start, n))).toBe(true);
    expect(record.exact).toBe(true);
  });

  it("replays each stretch with the loop that ran it, when the rate changed half-way", () => {
    const slow = loopAt(0.001), fast = loopAt(0.005);
    const record = new RunRecord<S>(start);
    const a = slow(start, 100);
    record.push(a, slow);
    const b = fast(a, 100);
    record.push(b, fast);
    expect(same(record.at(150), fast(a, 50))).toBe(true);
    expect(same(record.at(50), slow(start, 50))).toBe(true);
  });

  it("says when a loop does not give the same result split differently", () => {
    let calls = 0;
    const drifting = (s: S, k: number): S => ({...loopAt(0.001)(s, k), b: s.b + k + 1e-9 * ++calls});
    const {record} = trained([10, 10], drifting);
    record.at(5);
    expect(record.exact).toBe(false);
  });

  it("keeps a long run's memory bounded and stays exact", () => {
    const {record} = trained(Array.from({length: 100}, () => 3), loopAt(0.001), {maxStates: 16});
    expect(record.kept).toBeLessThanOrEqual(16);
    expect(same(record.at(151), loopAt(0.001)(start, 151))).toBe(true);
    expect(same(record.latest, loopAt(0.001)(start, 300))).toBe(true);
  });

  it("draws the run up to a moment: the path and losses end exactly there", () => {
    const {record} = trained([10, 10, 10]);
    const {path, iterations, losses} = record.upTo(15, (s) => [s.w, s.b]);
    expect(iterations).toEqual([0, 10, 15]);
    const at15 = loopAt(0.001)(start, 15);
    expect(path.at(-1)).toEqual([at15.w, at15.b]);
    expect(losses).toEqual([loss(start), loss(loopAt(0.001)(start, 10)), loss(at15)]);
  });
});

describe("same", () => {
  it("compares numbers by their bits, deep", () => {
    expect(same({a: [1, NaN]}, {a: [1, NaN]})).toBe(true);
    expect(same({a: 0}, {a: -0})).toBe(false);
    expect(same({a: 1}, {a: 1, b: 2})).toBe(false);
  });
});
