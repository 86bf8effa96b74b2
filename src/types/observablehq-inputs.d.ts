// Inputs ships no types; every input is an element with a value that fires "input".
declare module "@observablehq/inputs" {
  export type InputElement<T = unknown> = HTMLElement & {value: T};
  type Options = Record<string, unknown>;
  export function range(extent?: [number, number], options?: Options): InputElement<number>;
  export function button(content?: unknown, options?: Options): InputElement<unknown>;
  export function toggle(options?: Options): InputElement<boolean>;
  export function checkbox(data: unknown, options?: Options): InputElement<unknown[]>;
  export function radio(data: unknown, options?: Options): InputElement<unknown>;
  export function select(data: unknown, options?: Options): InputElement<unknown>;
  export function text(options?: Options): InputElement<string>;
  export function textarea(options?: Options): InputElement<string>;
  export function number(extent?: [number, number] | Options, options?: Options): InputElement<number>;
  export function table(data: unknown, options?: Options): InputElement<unknown[]>;
  export function form(inputs: unknown, options?: Options): InputElement<unknown>;
  export function bind<T extends HTMLElement>(target: T, source: HTMLElement, invalidation?: Promise<unknown>): T;
  export function input<T>(value: T): InputElement<T>;
}

// All of d3 as one prebuilt file (an alias in vite.config.ts), loaded when a cell reads d3.
declare module "d3/bundle" {
  export * from "d3";
}
