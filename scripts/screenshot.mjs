// Screenshots of chapters in headless Chromium, for looking at what the page shows.
// Usage: node scripts/screenshot.mjs URL OUTDIR [slug ...] [--dark] [--code] [--width=N]
// (--code: the code view instead of the reader's view)
import {chromium} from "playwright-core";
import {mkdirSync} from "node:fs";

const args = process.argv.slice(2);
const flags = args.filter((a) => a.startsWith("--"));
const [url, out, ...slugs] = args.filter((a) => !a.startsWith("--"));
const dark = flags.includes("--dark");
const code = flags.includes("--code");
const width = +(flags.find((f) => f.startsWith("--width="))?.slice(8) ?? 1280);
mkdirSync(out, {recursive: true});
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
});
const page = await browser.newPage({viewport: {width, height: 900}, colorScheme: dark ? "dark" : "light"});
if (code) await page.addInitScript(() => localStorage.setItem("how-machines-learn:view", "code"));
page.on("console", (m) => m.type() === "error" && console.log("console error:", m.text()));
page.on("pageerror", (e) => console.log("page error:", e.message));
await page.goto(url);
await page.waitForFunction(() => window.playground);
await page.evaluate(() => window.playground.idle());
for (const slug of slugs.length ? slugs : await page.evaluate(() => window.playground.chapters())) {
  const section = page.locator(`[data-chapter="${slug}"]`);
  await section.scrollIntoViewIfNeeded();
  await page.evaluate(() => window.playground.idle());
  await page.waitForTimeout(150);
  await section.screenshot({path: `${out}/${slug}${code ? "-code" : ""}${dark ? "-dark" : ""}.png`});
  console.log("wrote", `${out}/${slug}${code ? "-code" : ""}${dark ? "-dark" : ""}.png`);
}
await browser.close();
