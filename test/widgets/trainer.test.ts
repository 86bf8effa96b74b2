import {describe, expect, it} from "vitest";
import {redrawPace} from "../../src/widgets/trainer.js";

describe("redraw pace at top speed", () => {
  /** Frames of a display where showing the state costs `draw` ms at the start of the next frame. */
  const frames = (draw: number, count: number, lag = 1) => {
    let t = 0;
    const pace = redrawPace(() => t);
    const shown: boolean[] = [];
    for (let i = 0; i < count; ++i) {
      const frameTime = i * 16.7;
      // A showing is drawn `lag` frames later, before training begins in that frame.
      t = frameTime + (shown[i - lag] ? draw : 0.2);
      pace.frame(frameTime);
      const trained = Math.max(2, 14 - (t - frameTime));
      t += trained;
      shown.push(pace.show(trained));
    }
    return shown;
  };

  it("shows every frame while drawing is cheap", () => {
    expect(frames(1, 30).every(Boolean)).toBe(true);
  });

  it("shows less often when drawing costs more than training gets, and at least every fourth frame", () => {
    const shown = frames(9, 30);
    const count = shown.filter(Boolean).length;
    expect(count).toBeLessThan(15);
    expect(count).toBeGreaterThanOrEqual(7);
    for (let i = 3; i < shown.length; ++i) expect(shown[i] || shown[i - 1] || shown[i - 2] || shown[i - 3]).toBe(true);
  });

  it("counts drawing that lands a frame later (a timeline that follows the trainer)", () => {
    expect(frames(9, 30, 2).filter(Boolean).length).toBeLessThan(15);
  });
});
