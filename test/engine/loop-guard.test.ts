import {describe, expect, it} from "vitest";
import {RunawayError, loopGuard} from "../../src/engine/loop-guard.js";

describe("loopGuard", () => {
  it("stops a loop that runs past the limit and names its line", () => {
    let t = 0;
    const guard = loopGuard(1000, () => t);
    const start = guard.start();
    expect(() => {
      for (;;) {
        guard(7, start);
        t += 1;
      }
    }).toThrow(RunawayError);
    expect(t).toBeGreaterThan(1000);
    expect(t).toBeLessThan(1100);
  });

  it("lets many short loops run, however long they take together", () => {
    let t = 0;
    const guard = loopGuard(1000, () => t);
    for (let n = 0; n < 50; ++n) {
      const start = guard.start();
      for (let i = 0; i < 100; ++i) guard(1, start), (t += 1);
    }
    expect(t).toBe(5000);
  });

  it("forgives a loop that returns to the event loop between runs (a generator)", async () => {
    let t = 0;
    const guard = loopGuard(1000, () => t);
    const start = guard.start();
    for (let frame = 0; frame < 5; ++frame) {
      for (let i = 0; i < 640; ++i) guard(1, start), (t += 1);
      await new Promise((r) => setTimeout(r, 0));
    }
    expect(t).toBe(3200);
  });
});
