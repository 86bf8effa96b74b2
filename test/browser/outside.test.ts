import {afterAll, beforeAll, describe, expect, inject, it} from "vitest";
import type {Browser, Page} from "playwright-core";
import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {idle, launch} from "./browser.js";
import {encodeShare} from "../../src/fork/share.js";

// Bad input from outside (links, files, saved state) and the reader's own page-hiding edits:
// each is refused or contained where it happens, and nothing else is lost.
let browser: Browser;
let page: Page;
const errors: string[] = [];
const dir = mkdtempSync(join(tmpdir(), "playground-outside-"));
let loads = 0;

beforeAll(async () => {
  browser = await launch();
  page = await (await browser.newContext({acceptDownloads: true})).newPage();
  page.on("pageerror", (e) => errors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
});

/** Opens the site afresh at a link (a new query each time, so the page really loads). */
async function visit(hash = "", query = ""): Promise<void> {
  await page.goto(`${inject("baseURL")}?load=${++loads}${query}${hash}`);
  await page.waitForFunction(() => "playground" in window);
  await idle(page);
}

const link = (chapters: unknown, inputs: unknown = {}) => `#share=${encodeShare({chapters, inputs} as never)}`;
const notice = (id: string) => page.locator(`[data-notice="${id}"]`).textContent();
const buttonsThere = async () => {
  for (const action of ["export", "share", "import", "reset-all"]) expect(await page.locator(`[data-action="${action}"]`).count(), action).toBe(1);
};

describe("links", () => {
  it("a chapter named like an Object.prototype key is refused, and the page works", {timeout: 240_000}, async () => {
    for (const slug of ["constructor", "toString", "__proto__"]) {
      await visit(`#share=${encodeShare(JSON.parse(`{"chapters": {"${slug}": [0]}, "inputs": {}}`))}`);
      await buttonsThere();
      expect(await notice("share")).toMatch(new RegExp(`This link could not be opened: the link changes a chapter this lesson does not have: "${slug}". Showing the lesson as shipped.`));
      // The page works: its editors come, in the browser's idle time as ever.
      await page.locator(".cm-editor").first().waitFor({state: "attached"});
    }
    expect(errors).toEqual([]);
  });

  it("each input is applied or refused on its own, the refusals listed in one notice", async () => {
    await visit(link({}, {next: {points: "x"}, line: {w: 4, nope: 1, __proto__x: 2}, "network-n": {target: "no-such-preset"}, fitting: null, descent: {controls: {playing: true}}}));
    expect(await page.evaluate(() => window.playground.value("line", "w"))).toBe(4);
    const text = await notice("refused");
    for (const part of ["next.points (text where the input holds a list)", "line.nope (no input of that name)", "network-n.target (text where the input holds", "fitting (not a list of values)", "descent.controls (no input of that name)"]) expect(text).toContain(part);
    expect(await page.locator("[data-notice]").count()).toBe(1);
    expect(await page.locator('[data-chapter="descent"] .playing').count()).toBe(0);
  });

  it("a link cut short, or one that inflates past the cap, says why in one sentence", {timeout: 180_000}, async () => {
    const good = link({}, {line: {w: 2}});
    await visit(good.slice(0, -8));
    expect(await notice("share")).toBe("This link could not be opened: the link is damaged (it could not be decoded); was it cut short when copied? Showing the lesson as shipped.✕");
    await visit(link({}, {line: {w: " ".repeat(6_000_000)}}));
    expect(await notice("share")).toMatch(/more than 4 MB of changes/);
    expect(await page.evaluate(() => window.playground.value("line", "w"))).toBe(1);
  });

  it("a block with a non-integer origin is refused before anything is saved", async () => {
    await visit(link({line: [[0.5, "cell", "y = (x) => w * x", []]]}));
    expect(await notice("share")).toMatch(/block 0.5 of "line", which does not exist/);
    expect(await page.locator('[data-action="trust"]').count()).toBe(0);
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes("unreadable")))).toEqual([]);
  });
});

describe("files", () => {
  it("an opened and trusted file comes back after a reload, and a second file opens one panel", async () => {
    await visit();
    const html = await page.evaluate(() => window.playground.exportHTML());
    const file = join(dir, "mine.html");
    writeFileSync(file, html.replace("</body>", "<script>window.__ran = 1</script></body>"));
    const openFile = async () => {
      const chooser = page.waitForEvent("filechooser");
      await page.locator('[data-action="import"]').click();
      await (await chooser).setFiles(file);
      await page.locator(".trust-panel").waitFor();
    };
    await openFile();
    await page.locator('[data-action="trust"]').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-action="export"]').length === 1 && !document.querySelector(".trust-panel"));
    await idle(page);
    await page.evaluate(() => window.playground.edit("line", "y", "y = (x) => w * x + b + 0.5"));
    await openFile();
    await openFile();
    expect(await page.locator(".trust-panel").count()).toBe(1);
    await page.locator('[data-action="discard"]').click();
    await page.waitForTimeout(400); // the saver's delay
    await page.reload();
    await page.waitForFunction(() => "playground" in window);
    await idle(page);
    expect(await page.evaluate(() => window.playground.source("line", "y"))).toBe("y = (x) => w * x + b + 0.5");
    expect(await notice("opened")).toContain("mine.html");
    expect(await page.evaluate(() => (window as {__ran?: number}).__ran)).toBeUndefined();
    await page.locator('[data-action="close-file"]').click();
    await page.waitForFunction(() => "playground" in window && !document.querySelector('[data-notice="opened"]'));
    await idle(page);
    expect(await page.evaluate(() => window.playground.source("line", "y"))).toBe("y = (x) => w * x + b");
    expect(errors).toEqual([]);
  }, 300_000);

  it("what the reader types while a link waits for trust is still there after a reload", async () => {
    await visit();
    await page.evaluate(() => window.playground.edit("line", "y", "y = (x) => w * x + b + 1"));
    const shared = await page.evaluate(() => window.playground.shareURL());
    await page.evaluate(() => window.playground.edit("line", "y", "y = (x) => w * x + b"));
    await page.waitForTimeout(400); // the saver's delay
    await visit(new URL(shared).hash);
    await page.locator(".trust-panel").waitFor();
    // With the panel open, the reader edits another chapter's cell in its editor and runs it.
    await page.locator('[data-chapter="model-code"] [data-editor="y"]').scrollIntoViewIfNeeded();
    const editor = page.locator('[data-chapter="model-code"] [data-editor="y"] .cm-content');
    await editor.waitFor({timeout: 30_000});
    await editor.click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type(" // mine");
    await page.keyboard.press("Shift+Enter");
    await page.waitForTimeout(600); // the saver's delay
    await page.reload();
    // The link's code still waits for the reader's word, and the reader's edit is there.
    await page.locator(".trust-panel").waitFor();
    // The reader goes back to where they typed: the chapter is built as it comes near.
    await page.locator('[data-chapter="model-code"] .chapter-number').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.querySelector('[data-chapter="model-code"] [data-editor="y"]')?.textContent?.includes("// mine"));
    await page.locator('[data-action="trust"]').click();
    await page.waitForFunction(() => window.playground?.idle);
    await idle(page);
    expect(await page.evaluate(() => window.playground.source("model-code", "y"))).toMatch(/\/\/ mine$/);
    expect(await page.evaluate(() => window.playground.source("line", "y"))).toBe("y = (x) => w * x + b + 1");
    expect(errors).toEqual([]);
  }, 240_000);

  it("a file that is not an exported page is refused in words", async () => {
    const file = join(dir, "other.html");
    writeFileSync(file, '<script type="application/json" id="lesson-data">{"version": 1, "chapters": [{"slug": "constructor", "blocks": "x"}]}</script>');
    const chooser = page.waitForEvent("filechooser");
    await page.locator('[data-action="import"]').click();
    await (await chooser).setFiles(file);
    await page.locator('[data-notice="import"]').waitFor();
    expect(await notice("import")).toMatch(/^other\.html could not be opened: [^.]+\.✕$/);
    expect(await notice("import")).not.toMatch(/is not a function|undefined/);
  });
});

describe("the reader's own edits cannot hide the way out", () => {
  it("prose <style> styles its passage only, and ?safe runs nothing saved until asked", async () => {
    // Safe starts save nothing as the page goes, so what the test stores stays as stored.
    await visit("", "&safe");
    const prose = {kind: "prose", source: "# Line\n\n<style>body { display: none } } body { display: none } p { color: rgb(1, 2, 3) }</style>\n\nHidden?"};
    const save = (chapters: object) => page.evaluate((s) => localStorage.setItem("how-machines-learn:main", JSON.stringify(s)), {version: 1, chapters, inputs: {}, tab: "t", revision: 1});
    await save({line: [prose]});
    await visit();
    expect(await page.evaluate(() => getComputedStyle(document.body).display)).not.toBe("none");
    expect(await page.locator('[data-chapter="line"] .prose p').last().evaluate((p) => getComputedStyle(p).color)).toBe("rgb(1, 2, 3)");
    // Code can hide the page too; a safe start runs none of it.
    const saved = {version: 1, chapters: {line: [prose, {kind: "cell", source: "y = { document.body.hidden = true; return (x) => x }", options: []}]}, inputs: {}, tab: "t", revision: 1};
    await visit("", "&safe");
    await save(saved.chapters);
    await visit("", "&safe");
    expect(await page.evaluate(() => document.body.hidden)).toBe(false);
    expect(await page.locator('[data-action="reset-all"]').isVisible()).toBe(true);
    expect(await notice("safe")).toMatch(/nothing you saved has run/);
    expect(await page.evaluate(() => window.playground.source("line", "y"))).toBe("y = (x) => w * x + b");
    expect(JSON.parse((await page.evaluate(() => localStorage.getItem("how-machines-learn:main")))!)).toEqual(saved);
    await page.locator('[data-action="leave-safe"]').click();
    await page.waitForFunction(() => "playground" in window && !location.search.includes("safe"));
    await idle(page);
    expect(await page.evaluate(() => window.playground.source("line", "y"))).toBe(saved.chapters.line[1].source);
  }, 240_000);
});
