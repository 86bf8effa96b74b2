import {describe, expect, it} from "vitest";
import {RunawayError, loopGuard} from "../../src/engine/loop-guard.js";

describe("loopGuard", () => {
  it("stops continuous work after the limit and names the loop's line", () => {
    let t = 0;
    const guard = loopGuard(1000, () => t);
    expect(() => {
      for (;;) {
        guard(7);
        t += 1;
      }
    }).toThrow(RunawayError);
    expect(t).toBeGreaterThan(1000);
    expect(t).toBeLessThan(1100);
  });

  it("forgives work that returns to the event loop between runs", async () => {
    let t = 0;
    const guard = loopGuard(1000, () => t);
    for (let frame = 0; frame < 5; ++frame) {
      for (let i = 0; i < 600; ++i) guard(1), (t += 1);
      await new Promise((r) => setTimeout(r, 0));
    }
    expect(t).toBe(3000);
  });
});
