/** How long one loop may run without a break before it is stopped. */
export const RUNAWAY_MS = 1000;

/** Thrown into a loop that has run too long; names the loop's line in the cell. */
export class RunawayError extends RangeError {
  constructor(readonly line: number, ms: number) {
    super(`the loop at line ${line} ran for more than ${ms / 1000} s without a break, so it was stopped`);
    this.name = "RangeError";
  }
}

/** What compiled loops call every few hundred iterations: guard(line, start) returns the start. */
export type LoopGuard = (line: number, start: number) => number;

/**
 * Makes the guard compiled loops call. A loop is stopped when it has run for longer than the
 * limit since its first check or since the event loop last ran, whichever is later, so
 * generators and animations, which yield between frames, never trip it, and neither do many
 * short loops. As a backstop for loops that check rarely (an endless loop around long ones),
 * any stretch of three times the limit without the event loop running is stopped too.
 * The clock is Date.now: milliseconds are fine enough here, and a loop over a lot of data calls
 * the guard hundreds of thousands of times a second, where performance.now (four times slower in
 * Chromium) cost a tenth of training's time.
 */
export function loopGuard(limit = RUNAWAY_MS, now = Date.now): LoopGuard {
  let armed = false, breath = -Infinity, stretch = 0;
  const breathe = () => {
    armed = false;
    breath = now();
  };
  return (line, start) => {
    const t = now();
    if (!armed) (armed = true), (stretch = t), setTimeout(breathe, 0);
    if (t - stretch > 3 * limit || (start && t - Math.max(start, breath) > limit)) throw new RunawayError(line, limit);
    return start || t;
  };
}
