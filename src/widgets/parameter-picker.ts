import {network as drawNetwork} from "../draw/network.js";
import {parameterNames, type Network} from "../train/backprop.js";

/** Options for {@link parameterPicker}. */
export interface ParameterPickerOptions {
  /** The parameter selected at first ("wi1", "b2", "wo3", "bo"). Default "wi1". */
  value?: string;
  /** The diagram's width in pixels. Default 480. */
  width?: number;
  /** The picker this cell showed before (its `this`): it is redrawn in place and keeps its selection. */
  reuse?: unknown;
  document?: Document;
}

export type ParameterPicker = HTMLElement & {value: string};

/**
 * The network's diagram with every weight and bias written on it, as an input in the Observable
 * sense: pressing a number on the diagram selects that parameter (its name is the value, and an
 * `input` fires), and a list beside it does the same from the keyboard or past ten neurons,
 * where the diagram writes no numbers.
 */
export function parameterPicker(network: Network, options: ParameterPickerOptions = {}): ParameterPicker {
  const {width = 480, document = globalThis.document} = options;
  const names = parameterNames(network);
  const reused = options.reuse instanceof HTMLElement && options.reuse.classList.contains("parameter-picker") ? (options.reuse as ParameterPicker & {redraw(n: Network): void}) : null;
  if (reused) return reused.redraw(network), reused;

  let value = names.includes(options.value ?? "wi1") ? options.value ?? "wi1" : names[0];
  const root = document.createElement("div") as unknown as ParameterPicker;
  root.className = "parameter-picker";
  const label = document.createElement("label");
  label.textContent = "slope of ";
  const select = document.createElement("select");
  select.dataset.action = "pick-parameter";
  label.append(select);
  let diagram: SVGSVGElement | null = null;
  let current = network;

  const draw = () => {
    const n = current.wi.length;
    const spec = {hidden: current.wi.map((w, j) => ({w, b: current.b[j]})), output: current.wo, outputBias: current.bo};
    const next = drawNetwork(spec, {width, height: Math.max(200, Math.min(420, 56 * n + 60)), parameters: true, selected: value, reuse: diagram, document});
    if (next !== diagram) diagram ? diagram.replaceWith(next) : root.prepend(next);
    diagram = next;
    const list = parameterNames(current);
    if (select.options.length !== list.length) select.replaceChildren(...list.map((name) => new Option(name, name)));
    select.value = value;
  };
  const pick = (name: string) => {
    if (name === value || !parameterNames(current).includes(name)) return;
    value = name;
    draw();
    root.dispatchEvent(new Event("input", {bubbles: true}));
  };
  root.addEventListener("click", (event) => {
    const hit = (event.target as Element).closest?.("[data-parameter]");
    if (hit) pick(hit.getAttribute("data-parameter")!);
  });
  select.addEventListener("input", (event) => {
    event.stopPropagation();
    pick(select.value);
  });
  select.addEventListener("change", (event) => event.stopPropagation());
  root.append(label);
  draw();

  Object.defineProperties(root, {
    value: {
      get: () => value,
      set: (v: unknown) => {
        if (typeof v === "string" && parameterNames(current).includes(v)) (value = v), draw();
      }
    },
    redraw: {
      value: (n: Network) => {
        current = n;
        if (!parameterNames(n).includes(value)) value = parameterNames(n)[0];
        draw();
      }
    }
  });
  return root;
}
