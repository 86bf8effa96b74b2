import {describe, expect, it, vi} from "vitest";
import {timeline} from "../../src/widgets/timeline.js";

/** Moves the slider as a reader does (drag or arrow key): the range's value, then its input event. */
function slide(t: HTMLElement, to: number) {
  const range = t.querySelector<HTMLInputElement>("input[type=range]")!;
  range.valueAsNumber = to;
  range.dispatchEvent(new Event("input", {bubbles: true}));
}

describe("timeline", () => {
  it("is an input: its value is the iteration shown, and scrubbing fires one input", () => {
    const t = timeline({length: 301});
    const heard = vi.fn();
    t.addEventListener("input", heard);
    expect(t.value).toBe(300);
    expect(t.live).toBe(true);
    slide(t, 120);
    expect(t.value).toBe(120);
    expect(t.live).toBe(false);
    expect(heard).toHaveBeenCalledTimes(1);
    expect(heard.mock.calls[0][0].target).toBe(t);
    expect(heard.mock.calls[0][0].bubbles).toBe(true);
    slide(t, 120);
    expect(heard).toHaveBeenCalledTimes(1); // no change, no event
  });

  it("has an accessible name and says the iteration in words", () => {
    const t = timeline({length: 1001, value: 12});
    const range = t.querySelector<HTMLInputElement>("input[type=range]")!;
    expect(range.getAttribute("aria-label")).toBe("iteration");
    expect(range.getAttribute("aria-valuetext")).toBe("iteration 12 of 1,000");
    expect(t.getAttribute("role")).toBe("group");
    expect(t.querySelector("output")!.textContent).toBe("iteration 12 of 1,000");
    expect([range.min, range.max, range.step]).toEqual(["0", "1000", "1"]);
    // A run of one moment has nothing to scrub.
    expect(timeline().querySelector("input")!.disabled).toBe(true);
  });

  it("follows a growing run while it shows the latest moment, and stays where it was scrubbed to", () => {
    const t = timeline({length: 10});
    const heard = vi.fn();
    t.addEventListener("input", heard);
    t.extend(50);
    expect(t.value).toBe(49);
    expect(heard).toHaveBeenCalledTimes(1);
    slide(t, 20);
    t.extend(80);
    expect(t.value).toBe(20);
    expect(t.length).toBe(80);
    expect(heard).toHaveBeenCalledTimes(2); // the slide; extending moved nothing
    // A reset makes the run one moment long: the timeline goes back to it.
    t.extend(1);
    expect(t.value).toBe(0);
    expect(heard).toHaveBeenCalledTimes(3);
  });

  it("setting the value moves the slider without firing input, as Inputs do", () => {
    const t = timeline({length: 100});
    const heard = vi.fn();
    t.addEventListener("input", heard);
    t.value = 40.4;
    expect(t.value).toBe(40);
    expect(t.querySelector<HTMLInputElement>("input")!.valueAsNumber).toBe(40);
    t.value = 1e9;
    expect(t.value).toBe(99);
    expect(heard).not.toHaveBeenCalled();
    expect(() => (t.value = NaN)).toThrow(/not an iteration: NaN/);
  });

  it("replay and keep are buttons that fire their events", () => {
    const t = timeline({length: 5});
    const replay = vi.fn();
    const keep = vi.fn();
    const input = vi.fn();
    t.addEventListener("replay", replay);
    t.addEventListener("keep", keep);
    t.addEventListener("input", input);
    t.querySelector<HTMLButtonElement>("[data-action=replay]")!.click();
    t.querySelector<HTMLButtonElement>("[data-action=keep-run]")!.click();
    expect(replay).toHaveBeenCalledTimes(1);
    expect(keep).toHaveBeenCalledTimes(1);
    expect(input).not.toHaveBeenCalled();
    const bare = timeline({replay: false, keep: false});
    expect(bare.querySelectorAll("button")).toHaveLength(0);
  });

  it("Page Up and Page Down jump a tenth of the run from the keyboard", () => {
    const t = timeline({length: 1001, value: 500});
    const heard = vi.fn();
    t.addEventListener("input", heard);
    const range = t.querySelector<HTMLInputElement>("input[type=range]")!;
    const key = (k: string) => range.dispatchEvent(new KeyboardEvent("keydown", {key: k, bubbles: true, cancelable: true}));
    key("PageUp");
    expect(t.value).toBe(600);
    key("PageDown");
    key("PageDown");
    expect(t.value).toBe(400);
    expect(range.getAttribute("aria-valuetext")).toBe("iteration 400 of 1,000");
    expect(heard).toHaveBeenCalledTimes(3);
    t.value = 990;
    key("PageUp");
    expect(t.value).toBe(1000);
  });

  it("names a bad length", () => {
    expect(() => timeline({length: 0})).toThrow(/invalid length; not a count of at least 1: 0/);
  });
});
