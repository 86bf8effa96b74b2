import {observe, type ObservedGenerator} from "./generators.js";

/** The value behind `mutable x`: assigning `.value` pushes the new value to the cells that read x. */
export class Mutable<T> {
  /** What the variable `x` yields. */
  readonly generator: ObservedGenerator<T>;
  #value: T;
  #change!: (value: T) => T;

  constructor(value: T) {
    this.#value = value;
    this.generator = observe<T>((change) => void (this.#change = change));
    if (value !== undefined) this.#change(value);
  }

  get value(): T {
    return this.#value;
  }

  set value(value: T) {
    this.#change((this.#value = value));
  }
}
