import type {ForkData} from "./fork-data.js";
import {scriptJSON, scriptText, styleText} from "./embed.js";

/** The pieces of a standalone page. */
export interface StandalonePieces {
  /** The whole app as one ES module, with nothing loaded later. */
  js: string;
  /** All its styles. */
  css: string;
  /** The lesson it carries. */
  data: ForkData;
  /** The page's title. */
  title: string;
}

/**
 * One HTML file with everything inside. The app's code and styles sit in elements with ids,
 * so the page can read them back and export itself again (a fork of a fork).
 */
export function assemble({js, css, data, title}: StandalonePieces): string {
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
<script type="module" id="app">${scriptText(js)}</script>
</body>
</html>
`;
}

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
