import {describe, expect, it, vi} from "vitest";
import {labelText, nameControls} from "../../src/ui/accessible.js";
import {LiveAnnouncer} from "../../src/ui/live-announcer.js";

describe("labelText", () => {
  it("reads TeX rendered as MathML by its symbols, not its source", () => {
    const label = document.createElement("label");
    label.innerHTML = `<math><semantics><mrow><mtext>learning rate</mtext><mi>η</mi></mrow><annotation encoding="application/x-tex">\\text{learning rate}\\eta</annotation></semantics></math>`;
    expect(labelText(label)).toBe("learning rate η");
  });

  it("names a form's number box and slider from its label", () => {
    const form = document.createElement("form");
    form.innerHTML = `<label for="n"><math><mi>w</mi><annotation encoding="application/x-tex">w</annotation></math></label><div><input id="n" type="number"><input type="range"></div>`;
    nameControls(form);
    expect([...form.querySelectorAll("input")].map((i) => i.getAttribute("aria-label"))).toEqual(["w", "w"]);
  });
});

describe("LiveAnnouncer", () => {
  it("speaks at most once a second and always ends with the newest message", () => {
    vi.useFakeTimers();
    const live = new LiveAnnouncer(document, 1000);
    live.say("iteration 1");
    expect(live.element.textContent).toBe("iteration 1");
    for (let i = 2; i <= 60; ++i) {
      vi.advanceTimersByTime(16);
      live.say(`iteration ${i}`);
    }
    expect(live.element.textContent).toBe("iteration 1");
    vi.advanceTimersByTime(1000);
    expect(live.element.textContent).toBe("iteration 60");
    vi.useRealTimers();
  });
});
