// Streamed JSON-lines files: a run of an hour writes millions of acks, so nothing is held in
// memory; close() waits until every line is on disk.
import { createWriteStream, type WriteStream } from 'node:fs';

export class JsonlWriter {
  private readonly stream: WriteStream;
  private failure: Error | undefined;
  lines = 0;

  constructor(readonly file: string) {
    this.stream = createWriteStream(file, { flags: 'a' });
    this.stream.on('error', (error) => (this.failure = error));
  }

  write(value: unknown): void {
    if (this.failure !== undefined) throw this.failure;
    this.stream.write(JSON.stringify(value) + '\n');
    this.lines++;
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.stream.end(() => (this.failure === undefined ? resolve() : reject(this.failure)));
    });
  }
}
