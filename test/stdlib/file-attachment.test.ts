import {describe, expect, it} from "vitest";
import {Attachments, fileBlob} from "../../src/stdlib/file-attachment.js";
import {standIn} from "../../src/ui/open-files.js";
import {Notices} from "../../src/ui/notices.js";
import {chapter, headless, valueof} from "../engine/valueof.js";

const shipped = [
  {name: "ice-cream.csv", type: "text/csv", text: "temperature,sales\n14.2,215\n16.4,325\n"},
  {name: "dot.png", type: "image/png", base64: "iVBORw0KGgo="}
];

describe("FileAttachment", () => {
  it("reads the lesson's files, and the reader's file stands in for one until taken back", async () => {
    const attachments = new Attachments(shipped);
    const lesson = headless({a: chapter("sales = FileAttachment('ice-cream.csv').csv({typed: true})", "total = sales.reduce((s, d) => s + d.sales, 0)")}, {FileAttachment: () => attachments.builtin()});
    expect(await valueof(lesson, "a", "total")).toBe(540);
    attachments.standIn("ice-cream.csv", new Blob(["temperature,sales\n20,1000\n"]));
    expect(await valueof(lesson, "a", "total")).toBe(1000);
    expect(attachments.own).toEqual(["ice-cream.csv"]);
    attachments.takeBack("ice-cream.csv");
    expect(await valueof(lesson, "a", "total")).toBe(540);
    lesson.runtime.dispose();
  });

  it("says which files there are when a name is not one of them, and what is wrong with a file", async () => {
    const attachments = new Attachments(shipped);
    const lesson = headless({a: chapter("missing = FileAttachment('ice_cream.csv')", "bad = FileAttachment('points.json').json()")}, {FileAttachment: () => attachments.builtin()});
    expect(await valueof(lesson, "a", "missing")).toEqual({error: "File not found: ice_cream.csv (this lesson's files: ice-cream.csv, dot.png)"});
    attachments.standIn("points.json", new Blob(["[1, 2"]));
    expect(await valueof(lesson, "a", "bad")).toMatchObject({error: expect.stringMatching(/^points\.json is not valid JSON \(.+\)$/)});
    lesson.runtime.dispose();
  });

  it("keeps binary files byte for byte", async () => {
    const bytes = new Uint8Array(await fileBlob(shipped[1]).arrayBuffer());
    expect(Array.from(bytes)).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });

  it("a file that cannot be read is said so, and changes nothing", async () => {
    const attachments = new Attachments(shipped);
    const notices = new Notices();
    const unreadable = {name: "ice-cream.csv", type: "text/csv", arrayBuffer: () => Promise.reject(new DOMException("The file could not be read", "NotReadableError"))} as unknown as File;
    await standIn(attachments, notices, unreadable);
    expect(notices.element.textContent).toContain("ice-cream.csv could not be read (The file could not be read); the lesson's files are unchanged.");
    expect(attachments.own).toEqual([]);
    await standIn(attachments, notices, new File(["a,b\n1,2\n"], "ice-cream.csv", {type: "text/csv"}));
    expect(notices.element.textContent).toContain("Your ice-cream.csv stands in for the lesson's, in every chapter.");
    notices.element.querySelector<HTMLButtonElement>('[data-action="take-back"]')!.click();
    expect(attachments.own).toEqual([]);
  });
});
