import {describe, expect, it} from "vitest";
import {isPlainData, load, save, validate, type SavedLesson, type StorageLike} from "../../src/ui/storage.js";

function memory(): StorageLike & {data: Map<string, string>} {
  const data = new Map<string, string>();
  return {data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k)};
}

const lesson: SavedLesson = {
  version: 1,
  chapters: {line: [{kind: "cell", source: "y = </script>\u2028", options: ["folded"], origin: 2}, {kind: "prose", source: "# Hi"}]},
  inputs: {line: {w: 2, points: [[1, 2]]}},
  tab: "a",
  revision: 3
};

describe("storage", () => {
  it("round-trips a saved lesson", () => {
    const store = memory();
    expect(save(() => store, "k", lesson)).toBeNull();
    expect(load(() => store, "k")).toEqual({kind: "ok", saved: lesson});
  });

  it("reports nothing saved as empty", () => {
    expect(load(() => memory(), "k")).toEqual({kind: "empty"});
  });

  it("sets an unreadable copy aside instead of losing it", () => {
    const store = memory();
    store.setItem("k", '{"version": 1, "chapters": 3}');
    const loaded = load(() => store, "k");
    expect(loaded).toMatchObject({kind: "unreadable", backup: "k.unreadable"});
    expect(store.data.get("k.unreadable")).toBe('{"version": 1, "chapters": 3}');
    expect(store.data.has("k")).toBe(false);
  });

  it("keeps every unreadable copy: a second one never overwrites the first", () => {
    const store = memory();
    for (const text of ["first {", "second {", "third {"]) {
      store.setItem("k", text);
      load(() => store, "k");
    }
    expect([store.data.get("k.unreadable"), store.data.get("k.unreadable.2"), store.data.get("k.unreadable.3")]).toEqual(["first {", "second {", "third {"]);
  });

  it("turns storage faults into reasons, never exceptions", () => {
    const full: StorageLike = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException("full", "QuotaExceededError");
      },
      removeItem: () => {}
    };
    expect(save(() => full, "k", lesson)).toMatch(/full/);
    expect(
      load(() => {
        throw new DOMException("no", "SecurityError");
      }, "k")
    ).toMatchObject({kind: "unavailable", reason: expect.stringMatching(/does not allow/)});
  });

  it("validates every field and says which is wrong", () => {
    expect(() => validate({...lesson, version: 2})).toThrow(/unknown version 2/);
    expect(() => validate({...lesson, chapters: {line: [{kind: "cell", source: 1, options: []}]}})).toThrow(/line\[0\] has no source/);
  });

  it("saves only plain data", () => {
    expect(isPlainData([[1, 2], {a: "b"}])).toBe(true);
    expect(isPlainData(NaN)).toBe(false);
    expect(isPlainData(document.createElement("div"))).toBe(false);
    expect(isPlainData(() => 1)).toBe(false);
  });
});

describe("two tabs", () => {
  it("a tab closed with the conflict unanswered keeps its version apart, and neither is lost", async () => {
    const {Saver} = await import("../../src/ui/saver.js");
    const {Notices} = await import("../../src/ui/notices.js");
    const {keptVersions} = await import("../../src/ui/storage.js");
    const store = memory();
    const tab = (source: string) => new Saver({key: "k", storage: () => store, notices: new Notices(), revision: 0, reload: () => {}, collect: () => ({chapters: {line: [{kind: "cell", source, options: []}]}, inputs: {}})});
    const a = tab("y = 1"), b = tab("y = 2");
    expect(a.flush()).toBe(true);
    expect(b.flush()).toBe(false); // b is asked which to keep, and closes without answering
    b.flushOnExit();
    expect(JSON.parse(store.data.get("k")!).chapters.line[0].source).toBe("y = 1");
    expect(keptVersions(() => store, "k")).toEqual(["k.kept"]);
    expect(JSON.parse(store.data.get("k.kept")!).chapters.line[0].source).toBe("y = 2");
  });
});
