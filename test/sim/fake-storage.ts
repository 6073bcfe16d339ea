// A disk that loses every write not synced when the machine crashes: puts and appends go to a
// pending list and reach the durable map only on sync(). A process kill alone would keep them (the
// OS page cache survives it), so this models power loss, the harder case.

type PendingWrite =
  | { readonly kind: 'put'; readonly key: string; readonly value: unknown }
  | { readonly kind: 'append'; readonly key: string; readonly entry: unknown }
  | { readonly kind: 'delete'; readonly key: string };

export class FakeStorage {
  private readonly values = new Map<string, unknown>();
  private readonly logs = new Map<string, unknown[]>();
  private pending: PendingWrite[] = [];
  syncCount = 0;
  lostWriteCount = 0;

  put(key: string, value: unknown): void {
    this.pending.push({ kind: 'put', key, value });
  }

  append(key: string, entry: unknown): void {
    this.pending.push({ kind: 'append', key, entry });
  }

  delete(key: string): void {
    this.pending.push({ kind: 'delete', key });
  }

  /** Makes every write so far durable, in order (one fsync of the whole file). */
  sync(): void {
    for (const write of this.pending) {
      if (write.kind === 'put') this.values.set(write.key, write.value);
      else if (write.kind === 'delete') {
        this.values.delete(write.key);
        this.logs.delete(write.key);
      } else {
        const log = this.logs.get(write.key) ?? [];
        log.push(write.entry);
        this.logs.set(write.key, log);
      }
    }
    this.pending = [];
    this.syncCount += 1;
  }

  /** Power loss: unsynced writes vanish. */
  crash(): void {
    this.lostWriteCount += this.pending.length;
    this.pending = [];
  }

  /** Reads see unsynced writes too, as a live process would. */
  get<T>(key: string): T | undefined {
    let value = this.values.get(key) as T | undefined;
    for (const write of this.pending) {
      if (write.key !== key) continue;
      if (write.kind === 'put') value = write.value as T;
      else if (write.kind === 'delete') value = undefined;
    }
    return value;
  }

  log<T>(key: string): T[] {
    let entries = [...((this.logs.get(key) ?? []) as T[])];
    for (const write of this.pending) {
      if (write.key !== key) continue;
      if (write.kind === 'append') entries.push(write.entry as T);
      else if (write.kind === 'delete') entries = [];
    }
    return entries;
  }
}
