import {EditorView, ViewPlugin} from "@codemirror/view";
import type {Extension} from "@codemirror/state";

/** A number literal in the text: where it is and what it says. */
export interface NumberAt {
  from: number;
  to: number;
  value: number;
  /** Digits after the decimal point, which set the size of one scrub step. */
  decimals: number;
}

/** The number literal under a position of a line of text, if any. */
export function numberAt(text: string, offset: number, pos: number): NumberAt | null {
  const re = /-?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?/gi;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const from = offset + m.index, to = from + m[0].length;
    if (pos < from || pos > to) continue;
    // A minus sign right after a name or a closing bracket is subtraction, not part of the number.
    let literal = m[0], start = from;
    if (literal.startsWith("-") && /[\w)\]$]\s*$/.test(text.slice(0, m.index))) literal = literal.slice(1), start++;
    if (/[\w$]$/.test(text.slice(0, start - offset))) return null; // part of a name like x1
    const decimals = /\.(\d*)/.exec(literal)?.[1].length ?? 0;
    return {from: start, to, value: Number(literal), decimals};
  }
  return null;
}

/** The number after dragging `dx` pixels: one step per 4 px, steps of the number's last digit. */
export function scrubbed(start: NumberAt, dx: number): string {
  const step = 10 ** -start.decimals;
  const value = start.value + Math.round(dx / 4) * step;
  return value.toFixed(start.decimals);
}

/**
 * Hold Alt and drag a number in the code to change it: the cell runs again as the number
 * changes (at most once a frame), like scrubbing a slider.
 */
export function scrubNumbers(run: (view: EditorView) => void): Extension {
  return ViewPlugin.fromClass(
    class {
      constructor(readonly view: EditorView) {}
    },
    {
      eventHandlers: {
        pointerdown(event, view) {
          if (!event.altKey || event.button !== 0) return false;
          const pos = view.posAtCoords({x: event.clientX, y: event.clientY});
          if (pos === null) return false;
          const line = view.state.doc.lineAt(pos);
          const start = numberAt(line.text, line.from, pos);
          if (!start) return false;
          event.preventDefault();
          const target = view.contentDOM;
          target.setPointerCapture(event.pointerId);
          view.dom.classList.add("cm-scrubbing");
          let to = start.to, frame = 0;
          const move = (e: PointerEvent) => {
            const text = scrubbed(start, e.clientX - event.clientX);
            view.dispatch({changes: {from: start.from, to, insert: text}, selection: {anchor: start.from + text.length}});
            to = start.from + text.length;
            if (!frame) frame = requestAnimationFrame(() => ((frame = 0), run(view)));
          };
          const up = () => {
            target.removeEventListener("pointermove", move);
            target.removeEventListener("pointerup", up);
            target.removeEventListener("pointercancel", up);
            view.dom.classList.remove("cm-scrubbing");
            if (frame) cancelAnimationFrame(frame), (frame = 0);
            run(view);
          };
          target.addEventListener("pointermove", move);
          target.addEventListener("pointerup", up);
          target.addEventListener("pointercancel", up);
          return true;
        }
      }
    }
  );
}
