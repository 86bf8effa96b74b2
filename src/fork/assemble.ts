import type {ForkData} from "./fork-data.js";
import {scriptJSON, scriptText, styleText} from "./embed.js";

/** The pieces of a standalone page. */
export interface StandalonePieces {
  /** The whole app as one ES module, with nothing loaded later, packed (see {@link packCode}). */
  code: string;
  /** All its styles. */
  css: string;
  /** The lesson it carries. */
  data: ForkData;
  /** The page's title. */
  title: string;
}

/**
 * One HTML file with everything inside. The app's code and styles sit in elements with ids,
 * so the page can read them back and export itself again (a fork of a fork). The code is
 * packed, and a few lines unpack and run it as the page opens.
 */
export function assemble({code, css, data, title}: StandalonePieces): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${escapeHTML(title)}</title>
<style id="app-style">${styleText(css)}</style>
<script type="application/json" id="lesson-data">${scriptJSON(data)}</script>
</head>
<body>
<header class="masthead">
<a class="brand" href="#">${escapeHTML(title)}</a>
<span class="tagline" id="forked-from"></span>
<div class="actions" id="actions"></div>
</header>
<div class="layout">
<nav id="contents" class="contents" aria-label="Chapters"></nav>
<main id="lesson" class="lesson"></main>
</div>
<script type="text/plain" id="app-code">${code}</script>
<script type="module" id="app">${scriptText(UNPACK)}</script>
</body>
</html>
`;
}

/**
 * The app's code as a page carries it: gzipped, in base64, about a third of its size (a fork
 * holds the whole app, editor, parser and formula renderer included). Browsers and Node both
 * gzip with CompressionStream, so nothing is added to do it.
 */
export async function packCode(js: string): Promise<string> {
  const bytes = new Uint8Array(await new Response(new Response(js).body!.pipeThrough(new CompressionStream("gzip"))).arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The code {@link packCode} packed. */
export async function unpackCode(packed: string): Promise<string> {
  const bytes = Uint8Array.from(atob(packed.trim()), (c) => c.charCodeAt(0));
  return new Response(new Response(bytes).body!.pipeThrough(new DecompressionStream("gzip"))).text();
}

/** What a standalone page runs first: it unpacks the app and runs it as a module script of the page. */
const UNPACK = `const packed = document.getElementById("app-code").textContent.trim();
const bytes = Uint8Array.from(atob(packed), (c) => c.charCodeAt(0));
const app = document.createElement("script");
app.type = "module";
app.textContent = await new Response(new Response(bytes).body.pipeThrough(new DecompressionStream("gzip"))).text();
document.body.append(app);`;

export function escapeHTML(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Reads the lesson data out of a standalone page's HTML (for import). */
export function extractForkData(html: string, parser: DOMParser = new DOMParser()): unknown {
  const doc = parser.parseFromString(html, "text/html");
  const script = doc.querySelector("script#lesson-data");
  if (!script) throw new Error("this file is not a playground page (it has no lesson data)");
  // Only the lesson data is read: nothing else in the file (its scripts included) runs here.
  try {
    return JSON.parse(script.textContent ?? "");
  } catch {
    throw new Error("its lesson data is damaged (it is not valid JSON)");
  }
}
