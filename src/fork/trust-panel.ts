import {diffLines} from "diff";
import type {Block} from "../engine/chapter-file.js";

/** One block that would change if the reader trusts the code. */
export interface PendingChange {
  chapter: string;
  /** How the reader knows the block: the cell's name, or "text". */
  label: string;
  /** The block as shipped, if it replaces one. */
  before: string | null;
  /** The block it would become; null if it would be deleted. */
  after: string | null;
}

/** Lists what changes between the shipped chapters and the proposed ones, block by block. */
export function pendingChanges(proposed: Record<string, Block[]>, shipped: Record<string, Block[]>, labelOf: (b: Block) => string): PendingChange[] {
  const changes: PendingChange[] = [];
  for (const [chapter, blocks] of Object.entries(proposed)) {
    const base = Object.hasOwn(shipped, chapter) ? shipped[chapter] : [];
    const kept = new Set<number>();
    for (const b of blocks) {
      const s = b.origin === undefined ? undefined : base[b.origin];
      if (s && b.origin !== undefined) kept.add(b.origin);
      if (s && s.kind === b.kind && s.source === b.source) continue;
      changes.push({chapter, label: labelOf(b), before: s && s.kind === b.kind ? s.source : null, after: b.source});
    }
    base.forEach((s, i) => {
      if (!kept.has(i)) changes.push({chapter, label: labelOf(s), before: s.source, after: null});
    });
  }
  return changes;
}

/**
 * The panel that holds someone else's code until the reader agrees to run it: what would
 * change, as a diff against the lesson, and the buttons to trust or discard it.
 */
export function trustPanel(
  intro: string,
  changes: readonly PendingChange[],
  actions: {trust(): void; discard(): void},
  document: Document = globalThis.document
): HTMLElement {
  const panel = document.createElement("section");
  panel.className = "trust-panel";
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-label", "Code from someone else");
  const heading = document.createElement("h2");
  heading.textContent = "Run someone else's code?";
  const p = document.createElement("p");
  p.textContent = `${intro} None of it has run yet: the page shows the lesson as shipped until you agree. Read the changes below; run them only if you trust where they came from.`;
  const list = document.createElement("div");
  list.className = "trust-changes";
  for (const change of changes) {
    const item = document.createElement("details");
    item.open = changes.length <= 6;
    item.className = "trust-change";
    item.dataset.state = "pending";
    item.dataset.chapter = change.chapter;
    const summary = document.createElement("summary");
    const verb = change.before === null ? "adds" : change.after === null ? "deletes" : "changes";
    summary.textContent = `${change.chapter}: ${verb} ${change.label}`;
    const pre = document.createElement("pre");
    for (const part of diffLines(change.before ?? "", change.after ?? "")) {
      const span = document.createElement("span");
      span.className = part.added ? "added" : part.removed ? "removed" : "same";
      span.textContent = part.value.replace(/^(?=.)/gm, part.added ? "+ " : part.removed ? "− " : "  ");
      if (!span.textContent.endsWith("\n")) span.textContent += "\n";
      pre.append(span);
    }
    item.append(summary, pre);
    list.append(item);
  }
  const buttons = document.createElement("div");
  buttons.className = "trust-buttons";
  const trust = document.createElement("button");
  trust.type = "button";
  trust.dataset.action = "trust";
  trust.textContent = "Run this code";
  trust.addEventListener("click", () => (panel.remove(), actions.trust()));
  const discard = document.createElement("button");
  discard.type = "button";
  discard.dataset.action = "discard";
  discard.textContent = "Discard it";
  discard.addEventListener("click", () => (panel.remove(), actions.discard()));
  buttons.append(trust, discard);
  panel.append(heading, p, list, buttons);
  return panel;
}
