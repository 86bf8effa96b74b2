import type {Observer} from "@observablehq/runtime";
import {extractInlines, renderMarkdown} from "../stdlib/markdown.js";
import {errorMessage} from "./display.js";

/** Renders prose; returns the element and the expressions of its live holes, in order. */
export function renderProse(source: string, document: Document = globalThis.document): {element: HTMLElement; expressions: string[]} {
  const {text, expressions} = extractInlines(source);
  const element = document.createElement("div");
  element.className = "prose";
  element.innerHTML = renderMarkdown(text);
  return {element, expressions};
}

/** Shows a live hole's value inline: nodes as they are, numbers and text as text. */
export function inlineObserver(slot: HTMLElement): Observer {
  slot.className = "inline";
  return {
    pending() {
      slot.dataset.state = "pending";
    },
    fulfilled(value) {
      slot.dataset.state = "fulfilled";
      if (value instanceof Node) slot.replaceChildren(value);
      else slot.textContent = typeof value === "number" ? formatNumber(value) : String(value);
    },
    rejected(error) {
      slot.dataset.state = "rejected";
      slot.textContent = errorMessage(error, null);
    }
  };
}

/** Numbers in prose read best short: up to 3 decimals, trailing zeros dropped. */
export function formatNumber(x: number): string {
  return Number.isInteger(x) ? String(x) : String(+x.toFixed(3));
}
