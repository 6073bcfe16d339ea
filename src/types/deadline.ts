// A deadline for one exchange (a p2p request, a webhook attempt), joined with a long-lived stop
// signal and released when the exchange ends. Not AbortSignal.any([AbortSignal.timeout(ms),
// stopSignal]): the stop signal lives as long as the host, and AbortSignal.any records every signal made from it in the stop signal's set of
// dependants. Node 20 never removes those entries (a WeakRef and a set slot per request, for the
// life of the process: measured at 53 bytes a call), and Node 22 sweeps them only now and then, at
// a cost that grows with the set. Here the only link to the stop signal is one listener, removed
// by release().

export interface Deadline {
  /** Aborted when the time runs out or the host stops, whichever comes first. */
  readonly signal: AbortSignal;
  /** Whether it was the time that ran out (not the host stopping). */
  readonly timedOut: boolean;
  /** Ends the deadline: clears its timer and its listener on the stop signal. Idempotent. */
  release(): void;
}

export function deadline(timeoutMs: number, stopSignal: AbortSignal): Deadline {
  const controller = new AbortController();
  let timedOut = false;
  const onStop = (): void => controller.abort(stopSignal.reason);
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException(`deadline of ${timeoutMs} ms passed`, 'TimeoutError'));
  }, timeoutMs);
  // As AbortSignal.timeout: a pending deadline alone does not keep the process alive.
  timer.unref();
  if (stopSignal.aborted) onStop();
  else stopSignal.addEventListener('abort', onStop, { once: true });
  return {
    signal: controller.signal,
    get timedOut() {
      return timedOut;
    },
    release() {
      clearTimeout(timer);
      stopSignal.removeEventListener('abort', onStop);
    },
  };
}
