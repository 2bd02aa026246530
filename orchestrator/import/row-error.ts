/** A row that cannot be put into the silver contract; the importer records it as a rejection and goes on. */
export class RowError extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'RowError';
  }
}

/** A file that cannot be read at all: named with its line when one is known. */
export class FileError extends Error {
  constructor(
    readonly file: string,
    message: string,
    readonly line?: number,
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${message}`);
    this.name = 'FileError';
  }
}
