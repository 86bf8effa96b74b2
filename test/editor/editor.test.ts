import {describe, expect, it} from "vitest";
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
});
