// The nodes' public HTTP API as the live phase reads it: plain GETs with a timeout, JSON bodies,
// and a small pool so that thousands of header reads do not open thousands of sockets at once.
export const REQUEST_TIMEOUT_MS = 10_000;
export const REQUESTS_IN_FLIGHT_MAX = 8;

export type HttpResult = { readonly ok: true; readonly status: number; readonly body: string }
  | { readonly ok: false; readonly error: string };

/**
 * Network failures are tried again (at most NETWORK_ATTEMPTS_MAX in all): a kept-alive socket the
 * node closes for idleness just as a request goes out on it fails with "fetch failed" and says
 * nothing about the node. An HTTP answer, whatever its status, is never tried again.
 */
export const NETWORK_ATTEMPTS_MAX = 3;
const RETRY_DELAY_MS = 200;

export async function httpGet(baseUrl: string, path: string): Promise<HttpResult> {
  let error = '';
  for (let attempt = 1; attempt <= NETWORK_ATTEMPTS_MAX; attempt++) {
    try {
      const response = await fetch(`${baseUrl}${path}`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      return { ok: true, status: response.status, body: await response.text() };
    } catch (caught) {
      error = (caught as Error).message;
      if (attempt < NETWORK_ATTEMPTS_MAX) await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
    }
  }
  return { ok: false, error: `${error} (${NETWORK_ATTEMPTS_MAX} attempts)` };
}

/** The JSON of a 200 answer, or why there is none. */
export async function getJson<T>(baseUrl: string, path: string): Promise<{ value: T } | { error: string; status?: number }> {
  const result = await httpGet(baseUrl, path);
  if (!result.ok) return { error: `GET ${path}: ${result.error}` };
  if (result.status !== 200) return { error: `GET ${path}: HTTP ${result.status} ${result.body.slice(0, 200)}`, status: result.status };
  try {
    return { value: JSON.parse(result.body) as T };
  } catch {
    return { error: `GET ${path}: the answer is not JSON` };
  }
}

/** Runs `work` over items with at most `limit` at a time; results in item order. */
export async function pool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  });
  await Promise.all(lanes);
  return results;
}
