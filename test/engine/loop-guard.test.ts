import {describe, expect, it} from "vitest";
import {RunawayError, loopGuard} from "../../src/engine/loop-guard.js";

/** A loop as the compiler writes it: a check every 256 iterations. */
function run(guard: ReturnType<typeof loopGuard>, iterations: number, tick: () => void): void {
  let n = 0, t = 0;
  for (let i = 0; i < iterations; ++i) {
    if ((++n & 255) === 0) t = guard(7, t);
    tick();
  }
}

describe("loopGuard", () => {
  it("stops a loop that runs past the limit and names its line", () => {
    let t = 0;
    const guard = loopGuard(1000, () => t);
    expect(() => run(guard, Infinity, () => (t += 0.01))).toThrow(RunawayError);
    expect(t).toBeGreaterThan(1000);
    expect(t).toBeLessThan(1010);
    expect(() => run(loopGuard(1000, () => t), Infinity, () => (t += 0.01))).toThrow(/loop at line 7/);
  });

  it("lets many short loops run, however long they take together", () => {
    let t = 0;
    const guard = loopGuard(10_000, () => t);
    for (let n = 0; n < 50; ++n) run(guard, 1000, () => (t += 0.1));
    expect(t).toBeCloseTo(5000, 6);
  });

  it("forgives a loop that returns to the event loop between runs (a generator)", async () => {
    let t = 0, n = 0, start = 0;
    const guard = loopGuard(1000, () => t);
    for (let frame = 0; frame < 5; ++frame) {
      for (let i = 0; i < 2560; ++i) {
        if ((++n & 255) === 0) start = guard(1, start);
        t += 0.25;
      }
      await new Promise((r) => setTimeout(r, 0));
    }
    expect(t).toBe(3200);
  });

  it("stops endless work even when each loop is short, after three times the limit", () => {
    let t = 0;
    const guard = loopGuard(1000, () => t);
    expect(() => {
      for (;;) run(guard, 300, () => (t += 1));
    }).toThrow(RunawayError);
    expect(t).toBeLessThan(3000 + 256 + 2 * 300); // the limit, the first check, and at most two loops
  });
});
