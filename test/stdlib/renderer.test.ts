import {describe, expect, it} from "vitest";
import * as markdown from "../../src/stdlib/markdown.js";
import {Renderer, texKey} from "../../src/stdlib/renderer.js";

/** A load that fails the test: what was prebuilt must not need markdown-it or temml. */
const never = () => Promise.reject(new Error("the renderers were loaded"));

/** What the sync renderers make of some HTML, as an element. */
function element(html: string): Element {
  const div = document.createElement("div");
  div.innerHTML = html;
  return div.firstElementChild!;
}

describe("Renderer", () => {
  it("shows prebuilt prose and TeX without loading markdown-it or temml", () => {
    const source = "# The line\n\nIt is $y = wx + b$, with w = ${w}.";
    const renderer = new Renderer({
      prose: new Map([[source, markdown.renderProse(source)]]),
      tex: new Map([[texKey("w_1", false), markdown.renderTeX("w_1")]]),
      load: never
    });
    expect(renderer.ready(source)).toBe(true);
    expect(renderer.ready("# Something else")).toBe(false);
    expect(renderer.prose(source)).toEqual(markdown.renderProse(source));
    const {tex} = renderer.templates();
    expect(tex`w_1`.isEqualNode(element(markdown.renderTeX("w_1")))).toBe(true);
  });

  it("fills in TeX and Markdown it was not given once the renderers load, and says when", async () => {
    let loads = 0;
    const work: Promise<unknown>[] = [];
    const renderer = new Renderer({load: async () => (loads++, markdown)});
    const {md, tex} = renderer.templates((w) => work.push(w));
    const math = tex.block`\frac{a}{${"b"}}`;
    const text = md`Some **bold** and $x^2$.`;
    expect(math.tagName.toLowerCase()).toBe("math");
    expect(math.childNodes.length).toBe(0);
    expect(work.length).toBe(2);
    await Promise.all(work);
    expect(loads).toBe(1);
    expect(math.isEqualNode(element(markdown.renderTeX("\\frac{a}{b}", true)))).toBe(true);
    expect(text.querySelector("strong")!.textContent).toBe("bold");
    expect(text.querySelector("math")).not.toBeNull();
    // Once loaded, both render at once.
    expect(tex`x`.querySelector("mi")!.textContent).toBe("x");
    expect(work.length).toBe(2);
  });

  it("renders prose it was not given after prepare() loads the renderers", async () => {
    const renderer = new Renderer();
    const source = "Now $w$ is ${w}.";
    expect(renderer.ready(source)).toBe(false);
    expect(() => renderer.prose(source)).toThrow("not loaded");
    await renderer.prepare([source]);
    expect(renderer.prose(source)).toEqual(markdown.renderProse(source));
  });
});
