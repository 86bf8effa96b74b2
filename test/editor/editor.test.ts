import {describe, expect, it, vi} from "vitest";
import {diagnosticCount, forceLinting} from "@codemirror/lint";
import {createEditor} from "../../src/editor/editor.js";

describe("createEditor", () => {
  it("keeps a text field's selection changes from the document, where every editor listens", () => {
    const parent = document.createElement("div");
    document.body.append(parent);
    const view = createEditor({parent, doc: "x = 1", language: "ojs", label: "x", run() {}});
    const heard: EventTarget[] = [];
    document.addEventListener("selectionchange", (event) => heard.push(event.target!));
    // A slider's number box changes its value at every step of a drag.
    const field = document.createElement("input");
    document.body.append(field);
    field.dispatchEvent(new Event("selectionchange", {bubbles: true}));
    // The page's own selection (in an editor, say) still reaches the editors.
    document.dispatchEvent(new Event("selectionchange"));
    expect(heard).toEqual([document]);
    view.destroy(); // before it measures itself, which jsdom cannot
  });

  it("checks the syntax of a cell known to parse only once its text has changed", async () => {
    const parent = document.createElement("div");
    document.body.append(parent);
    const lint = async (view: ReturnType<typeof createEditor>) => (forceLinting(view), await new Promise((r) => setTimeout(r, 0)), diagnosticCount(view.state));
    // (Told it parses, the editor takes the page's word for it: this text does not.)
    const known = createEditor({parent, doc: "x = (", language: "ojs", label: "x", run() {}, parses: true});
    expect(await lint(known)).toBe(0);
    known.dispatch({changes: {from: 5, insert: " 1 +"}});
    expect(await lint(known)).toBe(1);
    known.destroy();
    const unknown = createEditor({parent, doc: "x = (", language: "ojs", label: "x", run() {}});
    expect(await lint(unknown)).toBe(1);
    unknown.destroy();
  });

  it("leaves an editor made in the background alone until its text changes: no check 400 ms later", async () => {
    const parent = document.createElement("div");
    document.body.append(parent);
    const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const known = createEditor({parent, doc: "x = 1", language: "ojs", label: "x", run() {}, parses: true});
    const updates = vi.spyOn(known, "update");
    await wait(450);
    expect(updates).not.toHaveBeenCalled();
    known.dispatch({changes: {from: 5, insert: " +"}});
    updates.mockClear();
    await wait(450);
    // The checker, now there, has handed the view what it found.
    expect(updates).toHaveBeenCalled();
    expect(diagnosticCount(known.state)).toBe(1);
    known.destroy();
  });
});
