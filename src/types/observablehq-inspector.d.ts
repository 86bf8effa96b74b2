declare module "@observablehq/inspector" {
  export class Inspector {
    constructor(node: Element);
    pending(): void;
    fulfilled(value: unknown, name?: string | null): void;
    rejected(error: unknown, name?: string | null): void;
  }
}
