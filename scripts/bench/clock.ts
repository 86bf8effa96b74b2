// The page's frame clock. Runs in the page (installed as an init script), so it is
// self-contained: no imports, nothing from the enclosing module.

/** What the page records about its frames, from navigation on. */
export interface FrameClock {
  /** The timestamp of every animation frame (the rAF argument), in ms since navigation. */
  frames: number[];
  /**
   * When each frame's rendering work was done: a message posted from the frame's rAF callback
   * runs after that frame's style, layout and paint. A DOM change made before or during a
   * frame's rAF callbacks (where the Observable runtime computes) is on screen by then.
   */
  painted: number[];
  /** Long animation frames (Chromium's LoAF entries, all 50 ms or longer): start and duration. */
  long: {start: number; duration: number}[];
}

/** Starts the clock in this page, once. */
export function installClock(): void {
  const w = window as unknown as {__benchClock?: FrameClock};
  if (w.__benchClock) return;
  const clock: FrameClock = {frames: [], painted: [], long: []};
  w.__benchClock = clock;
  const channel = new MessageChannel();
  channel.port1.onmessage = () => clock.painted.push(performance.now());
  const tick = (t: number) => {
    clock.frames.push(t);
    channel.port2.postMessage(0);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) clock.long.push({start: e.startTime, duration: e.duration});
    }).observe({type: "long-animation-frame", buffered: true});
  } catch {
    // No LoAF in this browser: the rAF deltas in `frames` still show long frames.
  }
}

declare global {
  interface Window {
    __benchClock: FrameClock;
  }
}
