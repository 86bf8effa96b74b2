import {observe, type ObservedGenerator} from "./generators.js";

/** A file that ships with the lesson (`cells/data/NAME`), carried by the site and every fork. */
export interface LessonFile {
  /** Its name, as `FileAttachment(name)` asks for it. */
  name: string;
  /** Its MIME type. */
  type: string;
  /** Its contents, for text files. */
  text?: string;
  /** Its contents in base64, for any other file. */
  base64?: string;
}

/** The kinds of file a lesson may ship, by extension, and their MIME types. */
export const attachmentTypes: Record<string, string> = {
  csv: "text/csv",
  tsv: "text/tab-separated-values",
  json: "application/json",
  txt: "text/plain",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  svg: "image/svg+xml"
};

/** The MIME type of a file name, by extension. */
export function typeOf(name: string): string {
  return attachmentTypes[/\.([^.]+)$/.exec(name)?.[1].toLowerCase() ?? ""] ?? "application/octet-stream";
}

/** A lesson file as a Blob. */
export function fileBlob(file: LessonFile): Blob {
  if (file.text !== undefined) return new Blob([file.text], {type: file.type});
  const bytes = Uint8Array.from(atob(file.base64 ?? ""), (c) => c.charCodeAt(0));
  return new Blob([bytes], {type: file.type});
}

/** Options of csv() and tsv(), as Observable's FileAttachment takes them. */
export interface DsvOptions {
  /** Rows as arrays rather than objects keyed by the header. */
  array?: boolean;
  /** Numbers, dates and booleans read as such (d3.autoType), not left as strings. */
  typed?: boolean | "auto";
}

/** What `FileAttachment(name)` gives: Observable's file API over a file the page holds. */
export class AttachedFile {
  readonly name: string;
  readonly mimeType: string;
  readonly #blob: Blob;

  constructor(name: string, blob: Blob) {
    this.name = name;
    this.mimeType = blob.type || typeOf(name);
    this.#blob = blob;
  }

  async blob(): Promise<Blob> {
    return this.#blob;
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    return this.#read(() => this.#blob.arrayBuffer());
  }

  async text(): Promise<string> {
    return this.#read(() => this.#blob.text());
  }

  async json(): Promise<unknown> {
    const text = await this.text();
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new SyntaxError(`${this.name} is not valid JSON (${(error as Error).message})`);
    }
  }

  async csv(options?: DsvOptions): Promise<unknown[]> {
    return this.#dsv(",", options);
  }

  async tsv(options?: DsvOptions): Promise<unknown[]> {
    return this.#dsv("\t", options);
  }

  async stream(): Promise<ReadableStream<Uint8Array>> {
    return this.#blob.stream();
  }

  /** A URL for the file, good for as long as the page is open. */
  async url(): Promise<string> {
    return URL.createObjectURL(this.#blob);
  }

  async image(props: Partial<HTMLImageElement> = {}): Promise<HTMLImageElement> {
    const url = await this.url();
    return new Promise((resolve, reject) => {
      const image = Object.assign(new Image(), props);
      image.onload = () => resolve(image);
      image.onerror = () => reject(new Error(`${this.name} could not be read as an image`));
      image.src = url;
    });
  }

  async #dsv(delimiter: string, {array = false, typed = false}: DsvOptions = {}): Promise<unknown[]> {
    const [text, dsv] = await Promise.all([this.text(), import("d3-dsv")]);
    const format = delimiter === "\t" ? {rows: dsv.tsvParseRows, objects: dsv.tsvParse} : {rows: dsv.csvParseRows, objects: dsv.csvParse};
    // "auto" infers one type per column in Observable; here each value is typed on its own.
    const row = typed ? dsv.autoType : undefined;
    return array ? (row ? format.rows(text, row as never) : format.rows(text)) : row ? format.objects(text, row as never) : format.objects(text);
  }

  async #read<T>(read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (error) {
      throw new Error(`${this.name} could not be read (${(error as Error).message})`);
    }
  }
}

/** `FileAttachment(name)`. */
export type FileAttachmentFunction = (name: string) => AttachedFile;

/**
 * The files cells can read with FileAttachment: those that ship with the lesson, and any the
 * reader stands in for one of them (a file of the same name dropped on the page), until they take
 * it back. Each change gives cells a new FileAttachment, so those that read files run again.
 */
export class Attachments {
  readonly #shipped: Map<string, LessonFile>;
  readonly #own = new Map<string, Blob>();
  #change: ((value: FileAttachmentFunction) => unknown) | null = null;

  constructor(files: readonly LessonFile[] = []) {
    this.#shipped = new Map(files.map((f) => [f.name, f]));
  }

  /** The files that ship with the lesson, as a fork carries them. */
  get shipped(): LessonFile[] {
    return [...this.#shipped.values()];
  }

  /** The names of files the reader stands in for the lesson's. */
  get own(): string[] {
    return [...this.#own.keys()];
  }

  /** Whether a file of this name ships with the lesson. */
  has(name: string): boolean {
    return this.#shipped.has(name);
  }

  /** The reader's file stands in for the lesson's file of the same name (or adds one). */
  standIn(name: string, blob: Blob): void {
    this.#own.set(name, blob);
    this.#changed();
  }

  /** The lesson's file is back in place of the reader's. */
  takeBack(name: string): void {
    if (this.#own.delete(name)) this.#changed();
  }

  /** What the FileAttachment builtin yields: the function, again after every change. */
  builtin(): ObservedGenerator<FileAttachmentFunction> {
    return observe<FileAttachmentFunction>((change) => {
      this.#change = change;
      change(this.#function());
      return () => void (this.#change = null);
    });
  }

  #changed(): void {
    this.#change?.(this.#function());
  }

  #function(): FileAttachmentFunction {
    const own = new Map(this.#own), shipped = this.#shipped;
    return (name: string) => {
      name = String(name);
      const blob = own.get(name) ?? (shipped.has(name) ? fileBlob(shipped.get(name)!) : null);
      if (blob) return new AttachedFile(name, blob);
      const known = [...new Set([...shipped.keys(), ...own.keys()])];
      throw new Error(`File not found: ${name} (${known.length ? `this lesson's files: ${known.join(", ")}` : "this lesson has no files"})`);
    };
  }
}
