import {titleOf, type ChapterFile} from "../engine/chapter-file.js";

/** The table of contents: one link per chapter, the one in view marked. */
export function renderContents(nav: HTMLElement, files: readonly ChapterFile[]): void {
  const document = nav.ownerDocument;
  const list = document.createElement("ol");
  const links = new Map<string, HTMLAnchorElement>();
  for (const file of files) {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = `#${file.slug}`;
    link.textContent = titleOf(file);
    links.set(file.slug, link);
    item.append(link);
    list.append(item);
  }
  nav.append(list);
  menu(nav, links);
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        for (const link of links.values()) link.removeAttribute("aria-current");
        links.get((entry.target as HTMLElement).dataset.chapter!)?.setAttribute("aria-current", "true");
      }
    },
    {rootMargin: "-40% 0px -55% 0px"}
  );
  for (const section of document.querySelectorAll("[data-chapter]")) observer.observe(section);
}

/**
 * The way to the chapters from anywhere: a skip link first in the page, and below 900 px (where
 * the list does not fit beside the lesson) a "Chapters" button in the header that opens it.
 */
function menu(nav: HTMLElement, links: Map<string, HTMLAnchorElement>): void {
  const document = nav.ownerDocument;
  nav.tabIndex = -1;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "contents-toggle";
  button.dataset.action = "chapters";
  button.textContent = "Chapters";
  button.setAttribute("aria-controls", nav.id);
  button.setAttribute("aria-expanded", "false");
  const open = (opened: boolean) => {
    nav.classList.toggle("open", opened);
    button.setAttribute("aria-expanded", String(opened));
  };
  button.addEventListener("click", () => {
    const opening = !nav.classList.contains("open");
    open(opening);
    if (opening) (nav.querySelector<HTMLElement>("a[aria-current]") ?? nav.querySelector("a"))?.focus();
  });
  nav.addEventListener("click", (event) => (event.target as Element).closest("a") && open(false));
  nav.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !nav.classList.contains("open")) return;
    open(false);
    button.focus();
  });
  // Reading on (a finger or wheel scrolling down), the button steps aside; scrolling back up, or
  // the menu open, brings it back. The reader's own gestures count, not the page's scroll
  // position, which moves by itself as chapters above are laid out.
  const view = document.defaultView;
  const tuck = (down: boolean) => button.classList.toggle("tucked", down && !nav.classList.contains("open"));
  let fingerY: number | null = null;
  view?.addEventListener("touchstart", (e) => (fingerY = e.touches.length === 1 ? e.touches[0].clientY : null), {passive: true});
  view?.addEventListener(
    "touchmove",
    (e) => {
      if (fingerY === null || e.touches.length !== 1) return;
      const dy = e.touches[0].clientY - fingerY;
      if (Math.abs(dy) >= 24) tuck(dy < 0), (fingerY = e.touches[0].clientY);
    },
    {passive: true}
  );
  view?.addEventListener("wheel", (e) => Math.abs(e.deltaY) >= 4 && tuck(e.deltaY > 0), {passive: true});
  button.addEventListener("focus", () => tuck(false));
  const header = document.querySelector(".masthead");
  if (header) header.querySelector(".brand")?.after(button);
  else nav.before(button);

  const skip = document.createElement("a");
  skip.className = "skip-link";
  skip.href = `#${nav.id}`;
  skip.textContent = "Skip to the chapters";
  skip.addEventListener("click", (event) => {
    event.preventDefault();
    if (getComputedStyle(button).display !== "none") button.click();
    else (nav.querySelector<HTMLElement>("a[aria-current]") ?? links.values().next().value ?? nav).focus();
  });
  document.body.prepend(skip);
}
