/** How long one loop may run without a break before it is stopped. */
export const RUNAWAY_MS = 1000;

/** Thrown into a loop that has run too long; names the loop's line in the cell. */
export class RunawayError extends RangeError {
  constructor(readonly line: number, ms: number) {
    super(`the loop at line ${line} ran for more than ${ms / 1000} s without a break, so it was stopped`);
    this.name = "RangeError";
  }
}

/** What compiled loops call: start() as a loop begins, then guard(line, start) every iteration. */
export interface LoopGuard {
  (line: number, start: number): void;
  start(): number;
}

/**
 * Makes the guard compiled loops call. A loop is stopped when it has run for longer than the
 * limit since it started or since the event loop last ran, whichever is later: generators and
 * animations, which yield between frames, never trip it, and neither do many short loops.
 */
export function loopGuard(limit = RUNAWAY_MS, now = () => performance.now()): LoopGuard {
  let armed = false, breath = -Infinity, count = 0;
  const breathe = () => {
    armed = false;
    breath = now();
  };
  const guard = (line: number, start: number) => {
    if ((++count & 63) !== 0) return;
    if (!armed) (armed = true), setTimeout(breathe, 0);
    if (now() - Math.max(start, breath) > limit) throw new RunawayError(line, limit);
  };
  return Object.assign(guard, {start: now});
}
