import {describe, expect, it} from "vitest";
import {chapter, headless} from "../engine/valueof.js";
import {Drafts} from "../../src/ui/drafts.js";
import type {LessonCell, LessonProse} from "../../src/engine/lesson.js";

describe("drafts", () => {
  it("text typed and not run is saved by block and comes back in the same blocks, unrun", async () => {
    const text = "# Line\n\nSome prose.\n\n" + chapter("w = 1", "y = w * 2");
    const lesson = headless({line: text});
    await lesson.settled();
    const drafts = new Drafts();
    const [w, y] = lesson.cells("line");
    const prose = lesson.chapter("line")!.blocks.find((b) => b.kind === "prose") as LessonProse;
    drafts.cell(y, "y = w * 3");
    drafts.cell(w, "w = 1"); // the same as its source: no draft
    drafts.prose(prose, "# Line\n\nMore prose.");
    const saved = drafts.collect(lesson);
    expect(saved).toEqual({line: {0: "# Line\n\nMore prose.", 2: "y = w * 3"}});

    const again = headless({line: text});
    await again.settled();
    const shown: [string, string][] = [];
    new Drafts().restore(again, JSON.parse(JSON.stringify(saved)), {
      cell: (c: LessonCell, t) => shown.push([c.label, t]),
      prose: (_p: LessonProse, t) => shown.push(["prose", t])
    });
    expect(shown).toEqual([["prose", "# Line\n\nMore prose."], ["y", "y = w * 3"]]);
    expect(await again.value("line", "y")).toBe(2); // not run
  });
});
