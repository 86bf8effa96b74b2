import {describe, expect, it} from "vitest";
import {Lesson, type LessonHost} from "../../src/engine/lesson.js";
import {parseChapterFile} from "../../src/engine/chapter-markdown.js";
import {CellCompiler} from "../../src/engine/cell-compiler.js";
import {compile} from "../../src/engine/compile.js";
import {peekName} from "../../src/engine/parse-cell.js";
import {chapter} from "./valueof.js";

/** A lesson that builds chapters only when asked, counting what its cells run. */
function lazyLesson(chapters: Record<string, string>) {
  const ran: string[] = [];
  const built: string[] = [];
  const host: LessonHost = {
    observeCell: () => ({}),
    observeInline: () => ({}),
    builtins: {ran: () => (name: string) => (ran.push(name), name)},
    compiler: new CellCompiler({parser: {compile, peekName}}),
    lazy: true,
    built: (slug) => built.push(slug)
  };
  const lesson = new Lesson(Object.entries(chapters).map(([slug, text]) => parseChapterFile(slug, text)), host);
  return {lesson, ran, built};
}

const tick = () => new Promise((r) => setTimeout(r, 20));

describe("a lesson that builds chapters when asked", () => {
  it("runs nothing of a chapter until it is built, then runs it once", async () => {
    const {lesson, ran, built} = lazyLesson({one: chapter('a = ran("one")'), two: chapter('b = ran("two")')});
    await tick();
    expect(ran).toEqual([]);
    expect(lesson.cells("two").map((c) => c.label)).toEqual(["b"]); // names are known before building
    lesson.build("one");
    lesson.build("one");
    await lesson.settled(undefined, {all: false});
    expect(ran).toEqual(["one"]);
    expect(built).toEqual(["one"]);
    expect(lesson.chapter("two")!.built).toBe(false);
  });

  it("builds a chapter it imports from, even one nobody has built", async () => {
    const {lesson, ran} = lazyLesson({
      loss: chapter('import {data} from "fitting"', 'total = (ran("loss"), data.reduce((s, d) => s + d, 0))'),
      other: chapter('c = ran("other")'),
      fitting: chapter('data = (ran("fitting"), [1, 2, 3])')
    });
    lesson.build("loss");
    await lesson.settled(undefined, {all: false});
    expect(await lesson.value("loss", "total")).toBe(6);
    expect(lesson.chapter("fitting")!.built).toBe(true);
    expect(ran.sort()).toEqual(["fitting", "loss"]);
  });

  it("asking for a value builds its chapter; settled() builds them all", async () => {
    const {lesson, ran} = lazyLesson({one: chapter('a = ran("one")'), two: chapter('b = ran("two") + "!"'), three: chapter('c = ran("three")')});
    expect(await lesson.value("two", "b")).toBe("two!");
    expect(ran).toEqual(["two"]);
    await lesson.settled();
    expect(lesson.chapters.every((c) => c.built)).toBe(true);
    expect(ran.sort()).toEqual(["one", "three", "two"]);
  });

  it("an edit to a chapter not built yet builds it with the new source", async () => {
    const {lesson, ran} = lazyLesson({one: chapter('a = ran("old")')});
    lesson.edit(lesson.cell("one", "a")!, 'a = ran("new")');
    expect(await lesson.value("one", "a")).toBe("new");
    expect(ran).toEqual(["new"]);
  });

  it("prose holes of a chapter run once it is built", async () => {
    const {lesson, ran} = lazyLesson({one: chapter("x = 2")});
    const prose = {kind: "prose" as const, source: "x is ${x}"};
    const block = lesson.insert("one", 0, prose);
    if (block.kind !== "prose") throw new Error("expected prose");
    lesson.defineInlines(block, ['ran("hole") + x']);
    await tick();
    expect(ran).toEqual([]);
    lesson.build("one");
    await lesson.settled(undefined, {all: false});
    expect(block.inlines).toHaveLength(1);
    expect(await block.inlines[0].variable._promise).toBe("hole2");
  });
});
