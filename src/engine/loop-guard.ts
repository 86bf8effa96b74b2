/** How long code may run without returning to the event loop before it is stopped. */
export const RUNAWAY_MS = 1000;

/** Thrown into a loop that has run too long; names the loop's line in the cell. */
export class RunawayError extends RangeError {
  constructor(readonly line: number, ms: number) {
    super(`the loop at line ${line} ran for more than ${ms / 1000} s without a break, so it was stopped`);
    this.name = "RangeError";
  }
}

/**
 * Makes the function that compiled loops call at the top of every iteration. The clock starts
 * at the first call after the event loop last ran (a zero-delay timer rearms it), so
 * generators and animations, which yield between frames, never trip it; only continuous work does.
 */
export function loopGuard(limit = RUNAWAY_MS, now = () => performance.now()): (line: number) => void {
  let armed = false, start = 0, count = 0;
  const disarm = () => void (armed = false);
  return (line) => {
    if (!armed) {
      armed = true;
      start = now();
      count = 0;
      setTimeout(disarm, 0);
      return;
    }
    if ((++count & 63) === 0 && now() - start > limit) {
      armed = false;
      throw new RunawayError(line, limit);
    }
  };
}
