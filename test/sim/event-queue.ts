// A binary min-heap of timed events. Ties in time keep insertion order (a sequence number breaks
// them), so one seed always gives one order of events.

interface Entry<T> {
  readonly atMs: number;
  readonly sequence: number;
  readonly item: T;
}

export class EventQueue<T> {
  private readonly heap: Entry<T>[] = [];
  private sequence = 0;

  get size(): number {
    return this.heap.length;
  }

  push(atMs: number, item: T): void {
    if (!Number.isSafeInteger(atMs)) throw new Error(`event time must be integer ms: ${atMs}`);
    this.heap.push({ atMs, sequence: this.sequence++, item });
    this.siftUp(this.heap.length - 1);
  }

  peekTimeMs(): number | undefined {
    return this.heap[0]?.atMs;
  }

  pop(): { atMs: number; item: T } | undefined {
    const top = this.heap[0];
    if (top === undefined) return undefined;
    const last = this.heap.pop()!;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.siftDown(0);
    }
    return { atMs: top.atMs, item: top.item };
  }

  private before(a: Entry<T>, b: Entry<T>): boolean {
    return a.atMs < b.atMs || (a.atMs === b.atMs && a.sequence < b.sequence);
  }

  private siftUp(index: number): void {
    let child = index;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (!this.before(this.heap[child]!, this.heap[parent]!)) return;
      [this.heap[child], this.heap[parent]] = [this.heap[parent]!, this.heap[child]!];
      child = parent;
    }
  }

  private siftDown(index: number): void {
    let parent = index;
    for (;;) {
      const left = parent * 2 + 1;
      const right = left + 1;
      let smallest = parent;
      if (left < this.heap.length && this.before(this.heap[left]!, this.heap[smallest]!)) smallest = left;
      if (right < this.heap.length && this.before(this.heap[right]!, this.heap[smallest]!)) smallest = right;
      if (smallest === parent) return;
      [this.heap[parent], this.heap[smallest]] = [this.heap[smallest]!, this.heap[parent]!];
      parent = smallest;
    }
  }
}
