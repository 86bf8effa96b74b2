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

/**
 * Sets input values back, each on its own: one that is not an input, is not plain data, is
 * of another kind than the input's value, or that the input refuses, is left out and said
 * why (as "chapter.name (reason)"), and the others are applied all the same.
 */
export function applyInputs(lesson: Lesson, values: unknown): string[] {
  const refused: string[] = [];
  if (!isRecord(values)) return values === undefined ? [] : ["the input values (they are not a list of values)"];
  for (const [slug, inputs] of Object.entries(values)) {
    const chapter = short(slug);
    if (!lesson.chapters.some((c) => c.slug === slug)) {
      refused.push(`${chapter} (no chapter of that name)`);
      continue;
    }
    if (!isRecord(inputs)) {
      refused.push(`${chapter} (not a list of values)`);
      continue;
    }
    for (const [name, value] of Object.entries(inputs)) {
      const where = `${chapter}.${short(name)}`;
      const cell = lesson.cells(slug).find((c) => c.label === `viewof ${name}`);
      const element = cell && inputElement(cell);
      if (!element) {
        refused.push(`${where} (no input of that name)`);
        continue;
      }
      const now = element.value;
      const problem =
        element instanceof HTMLElement && element.dataset.transient !== undefined
          ? "it is a control, not a value to restore"
          : !isPlainData(value)
            ? "not plain data, or too big"
            : now != null && kindOf(value) !== kindOf(now)
              ? `${kindOf(value)} where the input holds ${kindOf(now)}`
              : null;
      if (problem) {
        refused.push(`${where} (${problem})`);
        continue;
      }
      try {
        setInput(element, value);
      } catch (error) {
        refused.push(`${where} (the input refused it${error instanceof Error && error.message ? `: ${error.message.replace(/[.!]$/, "")}` : ""})`);
      }
    }
  }
  return refused;
}

/** The notice that lists refused values, or null if none were. */
export function refusedMessage(refused: readonly string[], from: string): string | null {
  if (!refused.length) return null;
  const list = refused.length > 6 ? [...refused.slice(0, 6), `and ${refused.length - 6} more`] : refused;
  return `Some values ${from} were not applied, and the rest were: ${list.join("; ")}.`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function short(name: string): string {
  return name.length > 40 ? `${name.slice(0, 40)}…` : name;
}

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (value === null) return "nothing";
  if (typeof value === "object") return "a record";
  return typeof value === "number" ? "a number" : typeof value === "string" ? "text" : `a ${typeof value}`;
}
