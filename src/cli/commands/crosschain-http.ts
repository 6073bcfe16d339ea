// JSON requests to a node for the cross-chain commands and the relayer: the routes of
// docs/crosschain.md §4–§5, which the SDK client does not wrap. A problem answer becomes ApiError
// with the node's stable code, an unreachable node ClientError, as the SDK reports them.
import { ApiError, ClientError, toApiError } from '../../client/index.js';

/** A request that hangs is given up on after this long. */
const REQUEST_TIMEOUT_MS = 30_000;

export async function nodeJson<T>(url: string, init: { method?: 'GET' | 'POST'; body?: unknown; headers?: Record<string, string> } = {}):
  Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
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

export const isApiCode = (error: unknown, code: string): boolean => error instanceof ApiError && error.code === code;
