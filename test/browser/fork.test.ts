import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {Browser, BrowserContext, Page} from "playwright-core";
import {inject} from "vitest";
import {mkdtempSync, readFileSync, writeFileSync, mkdirSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {execFileSync} from "node:child_process";
import {idle, launch} from "./browser.js";

let browser: Browser;
const dir = mkdtempSync(join(tmpdir(), "playground-fork-"));
const hostile = 's = "</script><script>window.__pwned = 1</script><!-- ]]> \u2028\u2029 <\\/script>"';

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

/** A context whose every request off this machine's files is refused, as with the network off. */
async function offline(): Promise<{context: BrowserContext; refused: string[]}> {
  const context = await browser.newContext({acceptDownloads: true});
  const refused: string[] = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file:")) return route.continue();
    refused.push(url);
    return route.abort();
  });
  return {context, refused};
}

async function ready(page: Page): Promise<void> {
  await page.waitForFunction(() => "playground" in window);
  await idle(page);
}

/** Every cell state on the page that is not fulfilled. */
const unsettled = (page: Page) =>
  page.$$eval("[data-cell]", (els) => els.filter((e) => e.getAttribute("data-state") !== "fulfilled").map((e) => `${e.closest("[data-chapter]")!.getAttribute("data-chapter")}/${e.getAttribute("data-cell")}`));

describe("export", () => {
  it("downloads one file that runs from file:// with no network, exactly as it was, and forks again", async () => {
    const context = await browser.newContext({acceptDownloads: true});
    const site = await context.newPage();
    await site.goto(inject("baseURL"));
    await ready(site);
    const y = page1Cell(site);
    await site.evaluate((source) => window.playground.edit("line", "y", source), "y = (x) => w * x + b // </script> edited");
    // A trailing newline must survive too.
    await site.evaluate(() => window.playground.edit("line", "chart", window.playground.source("line", "chart") + "\n"));
    // Add a hostile cell by the page's own tools, as a reader would.
    await y.hover();
    await y.locator('[data-tool="add-below"]').click();
    await site.keyboard.insertText(hostile);
    await site.keyboard.press("Shift+Enter");
    await site.evaluate(() => window.playground.set("line", "w", 2.5));
    await idle(site);
    const sources = await site.evaluate(() => window.playground.chapters().map((c) => window.playground.cells(c).map((n) => window.playground.source(c, n))));
    const download = site.waitForEvent("download");
    await site.locator('[data-action="export"]').click();
    const file = join(dir, "export.html");
    await (await download).saveAs(file);
    await context.close();
    expect(readFileSync(file, "utf8").length).toBeLessThan(2 * 1024 * 1024);

    const {context: off, refused} = await offline();
    const fork = await off.newPage();
    const errors: string[] = [];
    fork.on("pageerror", (e) => errors.push(e.message));
    await fork.goto(`file://${file}`);
    await ready(fork);
    expect(await unsettled(fork)).toEqual([]);
    expect(await fork.evaluate(() => window.playground.chapters().map((c) => window.playground.cells(c).map((n) => window.playground.source(c, n))))).toEqual(sources);
    expect(await fork.evaluate(() => window.playground.source("line", "s"))).toBe(hostile);
    expect(await fork.evaluate(() => window.playground.value("line", "s"))).toBe("</script><script>window.__pwned = 1</script><!-- ]]> \u2028\u2029 <\\/script>".replace("<\\/", "</"));
    expect(await fork.evaluate(() => (window as {__pwned?: number}).__pwned)).toBeUndefined();
    expect(await fork.evaluate(() => window.playground.value("line", "w"))).toBe(2.5);
    await expect(fork.locator("#forked-from").textContent()).resolves.toMatch(/^forked from http:\/\/.* on /);
    expect(refused).toEqual([]);
    expect(errors).toEqual([]);

    // The fork is editable and exports again.
    await fork.evaluate(() => window.playground.edit("line", "y", "y = (x) => 3 * x"));
    const second = join(dir, "fork-of-fork.html");
    writeFileSync(second, await fork.evaluate(() => window.playground.exportHTML()));
    const again = await off.newPage();
    await again.goto(`file://${second}`);
    await ready(again);
    expect(await unsettled(again)).toEqual([]);
    expect(await again.evaluate(() => window.playground.source("line", "y"))).toBe("y = (x) => 3 * x");
    expect(await again.evaluate(() => window.playground.source("line", "s"))).toBe(hostile);
    await expect(again.locator("#forked-from").textContent()).resolves.toContain("forked from export.html");
    expect(refused).toEqual([]);
    await off.close();
  });
});

function page1Cell(page: Page) {
  return page.locator('[data-chapter="line"] .cell[data-name="y"]');
}

describe("share links", () => {
  it("round-trip changes; shared code runs only after trust; inputs need no agreement", async () => {
    const context = await browser.newContext();
    const site = await context.newPage();
    await site.goto(inject("baseURL"));
    await ready(site);
    await site.evaluate(() => window.playground.edit("line", "y", "y = (x) => (window.__shared = 42, w * x + b + 1)"));
    await site.evaluate(() => window.playground.set("line", "w", 3));
    await site.evaluate(() => window.playground.set("fitting", "b", 0.5));
    await idle(site);
    const url = await site.evaluate(() => window.playground.shareURL());
    expect(url).toMatch(/#share=/);
    expect(url.length).toBeLessThan(2000);
    await context.close();

    const other = await browser.newContext();
    const reader = await other.newPage();
    await reader.goto(url);
    await ready(reader);
    await reader.locator('[data-action="trust"]').waitFor();
    await expect(reader.locator(".trust-panel").textContent()).resolves.toContain("w * x + b + 1");
    expect(await reader.evaluate(() => (window as {__shared?: number}).__shared)).toBeUndefined();
    expect(await reader.evaluate(() => window.playground.source("line", "y"))).toBe("y = (x) => w * x + b");
    expect(await reader.evaluate(() => window.playground.value("line", "w"))).toBe(3);
    expect(await reader.evaluate(() => window.playground.value("fitting", "b"))).toBe(0.5);
    await reader.locator('[data-action="trust"]').click();
    await idle(reader);
    expect(await reader.evaluate(() => window.playground.source("line", "y"))).toBe("y = (x) => (window.__shared = 42, w * x + b + 1)");
    expect(await reader.evaluate(() => (window as {__shared?: number}).__shared)).toBe(42);
    expect(await reader.evaluate(() => window.playground.value("line", "w"))).toBe(3);
    await other.close();
  });

  it("changed inputs alone open without asking", async () => {
    const context = await browser.newContext();
    const site = await context.newPage();
    await site.goto(inject("baseURL"));
    await ready(site);
    await site.evaluate(() => window.playground.set("line", "b", -2));
    await idle(site);
    const url = await site.evaluate(() => window.playground.shareURL());
    const reader = await context.newPage();
    await reader.goto(url);
    await ready(reader);
    expect(await reader.locator('[data-action="trust"]').count()).toBe(0);
    expect(await reader.evaluate(() => window.playground.value("line", "b"))).toBe(-2);
    await context.close();
  });

  it("discard leaves nothing behind", async () => {
    const context = await browser.newContext();
    const site = await context.newPage();
    await site.goto(inject("baseURL"));
    await ready(site);
    await site.evaluate(() => window.playground.edit("line", "y", "y = (x) => (window.__shared = 1, 0)"));
    const url = await site.evaluate(() => window.playground.shareURL());
    await context.close();
    const other = await browser.newContext();
    const reader = await other.newPage();
    await reader.goto(url);
    await ready(reader);
    await reader.locator('[data-action="discard"]').click();
    await reader.waitForLoadState("load");
    await ready(reader);
    expect(reader.url()).not.toContain("#share=");
    expect(await reader.evaluate(() => window.playground.source("line", "y"))).toBe("y = (x) => w * x + b");
    expect(await reader.evaluate(() => (window as {__shared?: number}).__shared)).toBeUndefined();
    expect(await reader.evaluate(() => Object.keys(localStorage).filter((k) => k.includes("shared")))).toEqual([]);
    await other.close();
  });
});

describe("import and npm run fork", () => {
  it("a teacher's folder of chapters becomes a standalone page, and the site opens it after trust", async () => {
    const cells = join(dir, "my-cells");
    mkdirSync(cells, {recursive: true});
    writeFileSync(join(cells, "01-hello.md"), "# Hello\n\n```ojs\nviewof n = Inputs.range([0, 10], {value: 3, step: 1})\n```\n\n```ojs\nsquare = n * n\n```\n");
    writeFileSync(join(cells, "02-more.md"), '# More\n\n```ojs\nimport {square} from "hello"\n```\n\nTwice: ${square * 2}.\n');
    const out = join(dir, "teacher.html");
    execFileSync("npx", ["tsx", "scripts/fork.ts", "--cells", cells, "--out", out, "--title", "Squares"], {stdio: "pipe"});

    const {context, refused} = await offline();
    const page = await context.newPage();
    await page.goto(`file://${out}`);
    await ready(page);
    expect(await page.evaluate(() => window.playground.chapters())).toEqual(["hello", "more"]);
    expect(await page.evaluate(() => window.playground.value("more", "square"))).toBe(9);
    expect(refused).toEqual([]);
    await context.close();

    const site = await (await browser.newContext()).newPage();
    await site.goto(inject("baseURL"));
    await ready(site);
    const chooser = site.waitForEvent("filechooser");
    await site.locator('[data-action="import"]').click();
    await (await chooser).setFiles(out);
    await site.locator('[data-action="trust"]').click();
    await ready(site);
    expect(await site.evaluate(() => window.playground.chapters())).toEqual(["hello", "more"]);
    await expect(site.locator('[data-chapter="more"] .inline').textContent()).resolves.toBe("18");
    await site.context().close();
  });
});
