import {describe, expect, it} from "vitest";
import {deadline, describeSpeed, frameBudget, iterationsInFrame, roundSpeed, trainingControls} from "../../src/widgets/training-controls.js";

/** A clock the test moves by hand. */
function clock(start = 1000) {
  let t = start;
  return {now: () => t, advance: (ms: number) => (t += ms)};
}

describe("training controls", () => {
  it("speed control: slowest, counted speeds, and a top notch of as many as fit", () => {
    const controls = trainingControls({speed: 10});
    const range = controls.querySelector<HTMLInputElement>("input[type=range]")!;
    const output = controls.querySelector("output")!;
    const seen: number[] = [];
    controls.addEventListener("input", () => seen.push(controls.value.speed));
    const slide = (at: number) => ((range.valueAsNumber = at), range.dispatchEvent(new Event("input", {bubbles: true})));
    slide(Number(range.max));
    expect(controls.value.speed).toBe(Infinity);
    expect(output.textContent).toBe("as many iterations per frame as fit");
    slide(Math.log(100_000));
    expect(controls.value.speed).toBe(100_000);
    expect(output.textContent).toBe("100,000 iterations per frame");
    slide(Number(range.min));
    expect(controls.value.speed).toBe(1 / 8);
    expect(output.textContent).toBe("1 iteration every 8 frames");
    expect(seen).toEqual([Infinity, 100_000, 1 / 8]);
    expect(trainingControls({speed: Infinity}).querySelector<HTMLInputElement>("input[type=range]")!.value).toBe(range.max);
  });

  it("iterations per frame, rounded speeds", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((f) => iterationsInFrame(1 / 4, f))).toEqual([0, 0, 0, 1, 0, 0, 0, 1]);
    expect(iterationsInFrame(250, 0)).toBe(250);
    expect(iterationsInFrame(Infinity, 0)).toBe(Infinity);
    expect([0.3, 1.4, 12.6, 1234].map(roundSpeed)).toEqual([1 / 4, 1, 13, 1200]);
    expect(describeSpeed(1)).toBe("1 iteration per frame");
  });
});

describe("deadline", () => {
  it("runs out when its time is up, reading the clock less often when iterations are fast", () => {
    const c = clock();
    let reads = 0;
    const more = deadline(10, () => (reads++, c.now()));
    let n = 0;
    while (more()) (n += 1), c.advance(0.0001); // 100 ns an iteration
    expect(c.now() - 1000).toBeGreaterThanOrEqual(10);
    expect(c.now() - 1000).toBeLessThan(10.2);
    expect(n).toBeGreaterThan(90_000);
    expect(reads).toBeLessThan(n / 100);
  });

  it("does not overshoot on a coarse clock that reads 0 ms for the first few iterations", () => {
    let t = 1000;
    const coarse = () => Math.floor(t / 0.1) * 0.1; // 100 µs steps, as in a page that is not isolated
    const more = deadline(10, coarse);
    let n = 0;
    while (more()) (n += 1), (t += 0.07); // 70 µs an iteration: 10,000 points
    expect(t - 1000).toBeLessThan(11.5);
  });

  it("stops a slow loop within one iteration of the end", () => {
    const c = clock();
    const more = deadline(10, c.now);
    let n = 0;
    while (more()) (n += 1), c.advance(3); // big data: 3 ms an iteration
    expect(n).toBe(4);
  });
});

describe("frame budget", () => {
  /** A display that shows a frame every 16.7 ms; `before` ms of drawing run in the frame before the budget, `after` ms after it. */
  const display = (budget: ReturnType<typeof frameBudget>, c: ReturnType<typeof clock>) => (after: number, before = 0) => {
    const frameTime = c.now();
    c.advance(before);
    const start = c.now();
    const more = budget(frameTime);
    while (more()) c.advance(0.01);
    const spent = c.now() - start;
    c.advance(after);
    const used = c.now() - frameTime;
    c.advance(Math.ceil(used / 16.7) * 16.7 - used); // the next frame starts at the next vsync
    return spent;
  };

  it("grows while frames come on time, shrinks when one is late, and ignores pauses", () => {
    const c = clock();
    const budget = frameBudget({now: c.now});
    const frame = display(budget, c);
    const light = Array.from({length: 40}, () => frame(2));
    expect(light[0]).toBeLessThan(10);
    expect(light.at(-1)).toBeGreaterThan(12); // light drawing leaves most of the frame to compute
    const heavy = Array.from({length: 40}, () => frame(9));
    expect(heavy.at(-1)! + 9).toBeLessThanOrEqual(16.7); // heavy drawing: it backs off until frames fit
    c.advance(5000); // paused
    expect(frame(9) + 9).toBeLessThanOrEqual(16.7);
  });

  it("counts from the frame's start, so cells that redraw before it leave it less", () => {
    const c = clock();
    const frame = display(frameBudget({now: c.now}), c);
    const spent = Array.from({length: 40}, () => frame(1, 6));
    expect(spent.at(-1)! + 6 + 1).toBeLessThanOrEqual(16.7);
    expect(spent.at(-1)).toBeGreaterThan(6);
  });

  it("keeps its pace through the long frames it is told to excuse (the figures redrawn every fourth frame)", () => {
    const run = (excuse: boolean) => {
      const c = clock();
      const budget = frameBudget({now: c.now});
      let late = false;
      const spent: number[] = [];
      for (let i = 0; i < 80; ++i) {
        const frameTime = c.now();
        const more = budget(frameTime, excuse && late);
        const start = c.now();
        while (more()) c.advance(0.01);
        spent.push(c.now() - start);
        late = i % 4 === 3; // every fourth frame the figures take 15 ms more
        const used = c.now() - frameTime + (late ? 15 : 0);
        c.advance(Math.ceil(used / 16.7) * 16.7 - (c.now() - frameTime));
      }
      return spent.slice(40).reduce((a, b) => a + b) / 40;
    };
    expect(run(true)).toBeGreaterThan(12);
    expect(run(true)).toBeGreaterThan(run(false) + 2);
  });

  it("is not fooled by a run straight from a click, a few ms before the next frame", () => {
    const c = clock();
    const budget = frameBudget({now: c.now});
    const more = budget(); // Play pressed: no frame time
    let n = 0;
    while (more()) c.advance(0.01), n++;
    expect(n * 0.01).toBeLessThanOrEqual(2.1);
    c.advance(3); // the next frame comes 3 ms later
    const frame = display(budget, c);
    const spent = Array.from({length: 40}, () => frame(2));
    expect(spent.at(-1)).toBeGreaterThan(12);
  });
});
