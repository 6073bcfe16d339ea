// The nodes' public HTTP API as the live phase reads it: plain GETs with a timeout, JSON bodies,
// and a small pool so that thousands of header reads do not open thousands of sockets at once.
export const REQUEST_TIMEOUT_MS = 10_000;
export const REQUESTS_IN_FLIGHT_MAX = 8;

export type HttpResult = { readonly ok: true; readonly status: number; readonly body: string }
  | { readonly ok: false; readonly error: string };

export async function httpGet(baseUrl: string, path: string): Promise<HttpResult> {
  try {
    const response = await fetch(`${baseUrl}${path}`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    return { ok: true, status: response.status, body: await response.text() };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
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
