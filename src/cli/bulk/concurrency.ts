// Small concurrency helpers of the bulk run: files are hashed, and receipts fetched and written, a
// few at a time.

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Maps with up to `concurrency` calls running, yielding results in input order. */
export async function* orderedMap<T, R>(inputs: readonly T[], concurrency: number, map: (input: T) => Promise<R>): AsyncGenerator<R> {
  const running: Promise<R>[] = [];
  let next = 0;
  const launch = (): void => {
    const promise = map(inputs[next++]!);
    // Awaited in order below; until then a rejection must not count as unhandled.
    promise.catch(() => undefined);
    running.push(promise);
  };
  while (next < inputs.length && running.length < concurrency) launch();
  while (running.length > 0) {
    const result = await running.shift()!;
    if (next < inputs.length) launch();
    yield result;
  }
}

export async function forEachConcurrent<T>(inputs: readonly T[], concurrency: number, body: (input: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < inputs.length) await body(inputs[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, inputs.length) }, worker));
}
