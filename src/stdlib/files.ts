// Observable's Files, for files the reader picks (Inputs.file, <input type=file>), as its stdlib
// writes them.

function read<T>(how: (reader: FileReader) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as T);
    reader.onerror = () => reject(reader.error);
    how(reader);
  });
}

export const Files = {
  /** The file's bytes. */
  buffer: (file: Blob) => read<ArrayBuffer>((r) => r.readAsArrayBuffer(file)),
  /** The file as text. */
  text: (file: Blob) => read<string>((r) => r.readAsText(file)),
  /** The file as a data: URL. */
  url: (file: Blob) => read<string>((r) => r.readAsDataURL(file))
};
