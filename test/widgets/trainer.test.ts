import {describe, expect, it} from "vitest";
import {redrawPace} from "../../src/widgets/trainer.js";

describe("redraw pace at top speed", () => {
  /** Frames of a display where showing the state costs `draw` ms at the start of the next frame. */
  const frames = (draw: number, count: number) => {
    let t = 0;
    const pace = redrawPace(() => t);
    let drawNext = false;
    const shown: boolean[] = [];
    for (let i = 0; i < count; ++i) {
      const frameTime = i * 16.7;
      t = frameTime + (drawNext ? draw : 0.2);
      pace.frame(frameTime);
      const trained = Math.max(2, 14 - (t - frameTime));
      t += trained;
      drawNext = pace.show(trained);
      shown.push(drawNext);
    }
    return shown;
  };

  it("shows every frame while drawing is cheap", () => {
    expect(frames(1, 30).every(Boolean)).toBe(true);
  });

  it("shows less often when drawing costs more than training gets, and at least every third frame", () => {
    const shown = frames(9, 30);
    const count = shown.filter(Boolean).length;
    expect(count).toBeLessThan(20);
    expect(count).toBeGreaterThanOrEqual(10);
    for (let i = 2; i < shown.length; ++i) expect(shown[i] || shown[i - 1] || shown[i - 2]).toBe(true);
  });
});
