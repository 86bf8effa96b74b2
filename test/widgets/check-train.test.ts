import {describe, expect, it} from "vitest";
import {judgeTrain} from "../../src/widgets/check-train.js";
import {checkState} from "../../src/widgets/trainer.js";
import {pythonHint} from "../../src/ui/display.js";

// The reader's train loop judged against the lesson's loop written here, and the hints for the
// slips readers make.

type S = {w: number; b: number; iteration_counter: number};
const data: [number, number][] = [[1, 0.85], [2, 1.43], [3, 1.92], [4, 2.59]];
const update = ({w, b}: {w: number; b: number}) => {
  let dw = 0, db = 0;
  for (const [x, t] of data) {
    const e = w * x + b - t;
    dw += e * x;
    db += e;
  }
  return {w: w - 0.01 * dw, b: b - 0.01 * db};
};
const start: S = {w: 1, b: 0, iteration_counter: 0};
const judge = (train: unknown) => judgeTrain<S>(train, {start, update: update as never});

describe("judgeTrain", () => {
  it("accepts the lesson's loop, however it is written", () => {
    expect(judge(({w, b, iteration_counter}: S, n: number) => {
      for (let i = 0; i < n; ++i) ({w, b} = update({w, b})), (iteration_counter += 1);
      return {w, b, iteration_counter};
    })).toMatchObject({solved: true});
    expect(judge((s: S, n: number) => {
      for (let i = 0; i < n; ++i) s = {...update(s), iteration_counter: s.iteration_counter + 1};
      return s;
    })).toMatchObject({solved: true});
  });

  it("says what is missing: the call to update, the return, the counter, the iterations, the state", () => {
    expect(judge(({w, b, iteration_counter}: S, n: number) => {
      for (let i = 0; i < n; ++i) iteration_counter += 1;
      return {w, b, iteration_counter};
    }).message).toMatch(/counter moves, but w and b stay at 1 and 0/);
    expect(judge(() => undefined).message).toMatch(/gives back nothing.*return \{w, b, iteration_counter\}/);
    expect(judge(({w, b}: S) => ({w, b, iteration_counter: 0})).message).toMatch(/iteration_counter still says 0/);
    expect(judge(({w, b, iteration_counter}: S) => {
      for (let i = 0; i < 10; ++i) ({w, b} = update({w, b})), (iteration_counter += 1);
      return {w, b, iteration_counter};
    }).message).toMatch(/Asked for 100 iterations, train counted 10/);
    expect(judge(({iteration_counter}: S, n: number) => {
      let p = {w: 1, b: 0};
      for (let i = 0; i < n; ++i) (p = update(p)), (iteration_counter += 1);
      return {...p, iteration_counter};
    }).message).toMatch(/right answer from w = 1, b = 0 only/);
    expect(judge(({w, b, iteration_counter}: S, n: number) => {
      for (let i = 0; i < n; ++i) (w = update({w, b}).w), (iteration_counter += 1);
      return {w, b, iteration_counter};
    }).message).toMatch(/Not yet/);
    expect(judge(() => {
      throw new Error("update is not defined");
    }).message).toMatch(/stops with an error when it runs: update is not defined/);
    expect(judge(42).message).toMatch(/should be a function/);
  });
});

describe("checkState", () => {
  it("accepts a state that counted what was asked, and names what is wrong otherwise", () => {
    expect(checkState({w: 1, b: 0, iteration_counter: 5}, start, 5)).toBeNull();
    expect(checkState(undefined, start, 5)).toMatch(/gave back nothing/);
    expect(checkState(3, start, 5)).toMatch(/not a number/);
    expect(checkState({w: 1, b: 0, iteration_counter: 1}, start, 5)).toMatch(/asked for 5 iterations and counted 1/);
  });
});

describe("pythonHint", () => {
  it("recognises Python's def, range loops and colon blocks, and nothing else", () => {
    expect(pythonHint("def train(iterations):\n    update()")).toMatch(/def/);
    expect(pythonHint("train = (s, n) => {\n  for i in range(n):\n    update()\n}")).toMatch(/range/);
    expect(pythonHint("y = {\n  if x > 0:\n    return 1\n}")).toMatch(/between \{ and \}/);
    expect(pythonHint("y = (x) => w * x +")).toBeNull();
    expect(pythonHint("o = ({a: 1,\n  b: 2})")).toBeNull();
  });
});
