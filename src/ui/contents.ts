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
