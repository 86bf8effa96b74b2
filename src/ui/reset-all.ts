import type {Block} from "../engine/chapter-file.js";
import type {Page} from "./page.js";
import {applyInputs, readInputs} from "./inputs.js";

/** What Reset all needs from the page around it. */
export interface ResetAllOptions {
  page: Page;
  /** Saves at once (true: even if nothing seems changed). */
  save(): void;
  /** Resolves when every cell has settled. */
  idle(): Promise<unknown>;
}

/**
 * Reset all asks first, with a button marked `data-action="confirm"`, and can be undone
 * (`data-action="undo"`), as deleting a cell can: the chapters and inputs as they were come back.
 */
export function resetAll({page, save, idle}: ResetAllOptions, from?: HTMLElement): void {
  const {notices} = page;
  const changed = page.lesson.chapters.filter((c) => page.chapterChanged(c.slug)).length;
  const what = changed ? `your changes to ${changed} chapter${changed === 1 ? "" : "s"} and every input` : "every input";
  const asking = notices.show(`Put the whole lesson back as shipped? This resets ${what}; you can undo it.`, {
    id: "reset-all",
    actions: [
      {label: "Reset all", action: "confirm", run: () => confirmed()},
      {label: "Cancel", action: "cancel", run: () => from?.focus()}
    ]
  });
  asking.querySelector<HTMLElement>('[data-action="confirm"]')?.focus();

  const confirmed = () => {
    const before: Record<string, Block[]> = {};
    for (const c of page.lesson.chapters) if (page.chapterChanged(c.slug)) before[c.slug] = page.lesson.file(c.slug).blocks;
    const inputs = readInputs(page.lesson);
    page.resetAll();
    save();
    const done = notices.show("The lesson is back as shipped.", {
      id: "reset-all",
      timeout: 20000,
      actions: [
        {
          label: "Undo",
          action: "undo",
          run: () => {
            for (const [slug, blocks] of Object.entries(before)) page.replaceChapter(slug, blocks);
            void idle().then(() => {
              applyInputs(page.lesson, inputs);
              save();
              from?.focus();
            });
          }
        }
      ]
    });
    done.querySelector<HTMLElement>('[data-action="undo"]')?.focus();
  };
}
