import {describe, expect, it} from "vitest";
import {renderProse} from "../../src/stdlib/markdown.js";
import {inlineObserver, proseElement} from "../../src/ui/prose-view.js";

describe("prose holes where HTML holds no element", () => {
  const cases = ["Right now `${w}` is the weight.", "A hidden <!-- ${w} --> note.", "<textarea>${w}</textarea>", "```\nw is ${w}\n```", '<div title="${w}">x</div>'];
  for (const source of cases) {
    it(`show as written and never throw: ${source.replace(/\n/g, " ")}`, () => {
      const rendered = renderProse(source);
      const element = proseElement(rendered);
      expect(element.innerHTML).not.toMatch(/&lt;span data-inline|data-inline=0><\/span>(?=[^<]*<\/(code|textarea)>)/);
      const slots = rendered.expressions.map((_, i) => element.querySelector<HTMLElement>(`[data-inline="${i}"]`));
      for (const slot of slots) {
        const observer = inlineObserver(slot);
        expect(() => (observer.pending?.(), observer.fulfilled?.(2, null), observer.rejected?.(new Error("x"), null))).not.toThrow();
      }
    });
  }

  it("keep the reader's ${…} in code, comments and text areas", () => {
    expect(proseElement(renderProse("Right now `${w}` is the weight.")).querySelector("code")!.textContent).toBe("${w}");
    expect(proseElement(renderProse("<textarea>${w}</textarea>")).querySelector("textarea")!.value).toBe("${w}");
    expect(proseElement(renderProse("```\nw is ${w}\n```")).querySelector("code")!.textContent).toBe("w is ${w}\n");
  });
});
