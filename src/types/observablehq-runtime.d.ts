// Runtime 6 ships no types; this declares the part of its API we use.
declare module "@observablehq/runtime" {
  /** What a variable reports to whoever displays it. */
  export interface Observer {
    /** The variable is about to compute. */
    pending?(): void;
    /** The variable computed this value. */
    fulfilled?(value: unknown, name?: string | null): void;
    /** The variable (or an input it waits on) failed. */
    rejected?(error: unknown, name?: string | null): void;
    /** The element showing the variable; the runtime's visibility() watches it. */
    _node?: Element;
  }

  export type Definition = (...inputs: any[]) => unknown;

  export class Variable {
    define(name: string | null, inputs: readonly string[], definition: Definition | unknown): this;
    define(inputs: readonly string[], definition: Definition | unknown): this;
    define(definition: Definition | unknown): this;
    import(remote: string, local: string, module: Module): this;
    import(name: string, module: Module): this;
    delete(): this;
    /** The runtime's own fields that we read to know a variable's state. */
    readonly _name: string | null;
    readonly _module: Module;
    readonly _value: unknown;
    readonly _promise: Promise<unknown>;
    readonly _inputs: Variable[];
  }

  export class Module {
    variable(observer?: Observer | boolean, options?: {shadow?: Record<string, Definition>}): Variable;
    define(name: string | null, inputs: readonly string[], definition: Definition | unknown): Variable;
    redefine(name: string, inputs: readonly string[], definition: Definition | unknown): Variable;
    import(remote: string, local: string, module: Module): Variable;
    value(name: string): Promise<unknown>;
    builtin(name: string, value: unknown): void;
    derive(injects: readonly (string | {name: string; alias: string})[], module: Module): Module;
    readonly _scope: Map<string, Variable>;
    readonly _runtime: Runtime;
  }

  export class Runtime {
    constructor(builtins?: Record<string, unknown>, global?: (name: string) => unknown);
    module(): Module;
    dispose(): void;
    readonly _computing: Promise<void> | null;
    _compute(): Promise<void>;
  }

  export class RuntimeError extends Error {
    constructor(message: string, input?: string);
    /** The input whose failure this variable inherits, if any. */
    input?: string;
  }
}
