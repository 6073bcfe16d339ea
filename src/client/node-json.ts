// JSON requests to a node's routes that the SDK client does not wrap (the cross-chain routes of
// docs/crosschain.md §4–§5, the payout reads of docs/payouts.md), for the CLI and for the payout
// dispatcher alike. Errors are reported as TianpingClient reports them: a problem answer is ApiError
// with the node's stable code, no answer in time REQUEST_TIMEOUT, an unreachable node NODE_UNREACHABLE,
// a successful answer that is not JSON RESPONSE_INVALID. Browser-safe: no node:* imports.
import { ClientError, toApiError } from './client.js';

/** A request that hangs is given up on after this long. */
const REQUEST_TIMEOUT_MS = 30_000;

export interface NodeJsonInit {
  readonly method?: 'GET' | 'POST';
  /** Sent as JSON. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** Replaces the global fetch (tests, the dispatcher's own). */
  readonly fetch?: typeof fetch;
}

export async function nodeJson<T>(url: string, init: NodeJsonInit = {}): Promise<T> {
  // Bound to globalThis when called: browsers throw "Illegal invocation" for fetch called as a method.
  const fetchImpl = init.fetch ?? ((input, options) => globalThis.fetch(input, options));
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method: init.method ?? 'GET', signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      headers: { accept: 'application/json', ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') throw new ClientError('REQUEST_TIMEOUT', `${url}: no answer in time`, { cause: error });
    throw new ClientError('NODE_UNREACHABLE', `cannot reach ${url}: ${(error as Error).message}`, { cause: error });
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    if (response.ok) throw new ClientError('RESPONSE_INVALID', `${url}: the answer is not JSON`);
  }
  if (!response.ok) throw toApiError(response.status, parsed, text);
  return parsed as T;
}
