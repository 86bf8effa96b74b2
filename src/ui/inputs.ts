import type {Lesson, LessonCell} from "../engine/lesson.js";
import {isPlainData} from "./storage.js";
import {setInput} from "../widgets/drag.js";

/** The element behind a `viewof x` cell, if it is one and has computed. */
export function inputElement(cell: LessonCell): (EventTarget & {value: unknown}) | null {
  if (!cell.label.startsWith("viewof ")) return null;
  const element = cell.variables[0]?._value;
  return element instanceof EventTarget && "value" in element ? (element as EventTarget & {value: unknown}) : null;
}

// Setting an input as the reader would is the widgets' own helper; the page uses the same one.
export {setInput};

/**
 * The current values of a lesson's inputs that can be saved as plain data, by chapter and name.
 * Inputs marked `data-transient` (like play/pause) are left out: they are not the reader's work.
 */
export function readInputs(lesson: Lesson): Record<string, Record<string, unknown>> {
  const inputs: Record<string, Record<string, unknown>> = {};
  for (const chapter of lesson.chapters) {
    for (const cell of lesson.cells(chapter.slug)) {
      const element = inputElement(cell);
      if (!element || (element instanceof HTMLElement && element.dataset.transient !== undefined)) continue;
      if (isPlainData(element.value)) (inputs[chapter.slug] ??= {})[cell.label.slice(7)] = element.value;
    }
  }
  return inputs;
}

/** Those of `now` that differ from `defaults` (compared as JSON). */
export function changedInputs(now: Record<string, Record<string, unknown>>, defaults: Record<string, Record<string, unknown>>): Record<string, Record<string, unknown>> {
  const changed: Record<string, Record<string, unknown>> = {};
  for (const [slug, values] of Object.entries(now)) {
    for (const [name, value] of Object.entries(values)) {
      if (JSON.stringify(value) !== JSON.stringify(defaults[slug]?.[name])) (changed[slug] ??= {})[name] = value;
    }
  }
  return changed;
}

/** Sets saved input values back; skips names that are no longer inputs. */
export function applyInputs(lesson: Lesson, values: Record<string, Record<string, unknown>>): void {
  for (const [slug, inputs] of Object.entries(values)) {
    if (!lesson.chapter(slug)) continue;
    for (const [name, value] of Object.entries(inputs)) {
      const cell = lesson.cells(slug).find((c) => c.label === `viewof ${name}`);
      const element = cell && inputElement(cell);
      if (element) setInput(element, value);
    }
  }
}
