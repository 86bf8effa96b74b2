// Observable's Promises, as its stdlib writes them (see generators.ts for why they are copied).

/** Resolves to value after duration milliseconds. */
export function delay<T>(duration: number, value?: T): Promise<T | undefined> {
  return new Promise((resolve) => setTimeout(() => resolve(value), duration));
}

const timeouts = new Map<number, Promise<void>>();

function timeout(now: number, time: number): Promise<void> {
  const t = new Promise<void>((resolve) => {
    timeouts.delete(time);
    const wait = time - now;
    if (!(wait > 0)) throw new Error("invalid time");
    if (wait > 0x7fffffff) throw new Error("too long to wait");
    setTimeout(resolve, wait);
  });
  timeouts.set(time, t);
  return t;
}

/** Resolves to value at time (milliseconds since the epoch); promises for the same time are one. */
export function when<T>(time: number, value?: T): Promise<T | undefined> {
  let now: Promise<void> | number | undefined;
  return (now = timeouts.get((time = +time)))
    ? now.then(() => value)
    : (now = Date.now()) >= time
      ? Promise.resolve(value)
      : timeout(now, time).then(() => value);
}

/** Resolves to value at the next whole multiple of duration milliseconds. */
export function tick<T>(duration: number, value?: T): Promise<T | undefined> {
  return when(Math.ceil((Date.now() + 1) / duration) * duration, value);
}

export const Promises = {delay, tick, when};
