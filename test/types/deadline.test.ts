import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { deadline } from '../../src/types/deadline.js';

const aborted = (signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));

/** Node's private set of signals made from this one by AbortSignal.any (undefined when none were). */
function dependants(signal: AbortSignal): { size: number } | undefined {
  const symbol = Object.getOwnPropertySymbols(signal).find((s) => s.description === 'kDependantSignals');
  return symbol === undefined ? undefined : (signal as unknown as Record<symbol, { size: number }>)[symbol];
}

describe('deadline', () => {
  it('aborts when its time runs out, and says so', async () => {
    const stop = new AbortController();
    const due = deadline(20, stop.signal);
    expect(due.signal.aborted).toBe(false);
    await aborted(due.signal);
    expect(due.timedOut).toBe(true);
    expect((due.signal.reason as DOMException).name).toBe('TimeoutError');
    due.release();
  });

  it('aborts when the host stops, before its time, and not as a timeout', async () => {
    const stop = new AbortController();
    const due = deadline(60_000, stop.signal);
    stop.abort(new Error('stopping'));
    expect(due.signal.aborted).toBe(true);
    expect(due.timedOut).toBe(false);
    due.release();
    expect(deadline(60_000, stop.signal).signal.aborted).toBe(true);
  });

  it('leaves nothing on the stop signal once released: a long-lived host does not grow per exchange', () => {
    const stop = new AbortController();
    for (let i = 0; i < 1_000; i++) {
      const due = deadline(60_000, stop.signal);
      due.release();
      due.release();
    }
    expect(getEventListeners(stop.signal, 'abort')).toHaveLength(0);
    expect(dependants(stop.signal)?.size ?? 0).toBe(0);
    // What AbortSignal.any leaves behind, for contrast: one dependant per signal made, where the
    // Node.js version keeps that set on the signal (20 and 22 do; 24 keeps none to look at).
    const other = new AbortController();
    for (let i = 0; i < 10; i++) AbortSignal.any([other.signal, new AbortController().signal]);
    const contrast = dependants(other.signal);
    if (contrast !== undefined) expect(contrast.size).toBe(10);
  });

  it('does not fire after release', async () => {
    const stop = new AbortController();
    const due = deadline(10, stop.signal);
    due.release();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(due.signal.aborted).toBe(false);
    stop.abort();
    expect(due.signal.aborted).toBe(false);
  });
});
