// JSON over HTTP from another chain's node, bounded in time and size: the two-hop composer asks a
// side node for receipts (docs/crosschain.md §5). A node that does not answer in time, answers too
// much, or answers what is not JSON is unavailable; a 404 is reported apart, since "no anchor" is
// the side chain's answer, not a failure.

/** What one request may take at most. */
export const SOURCE_TIMEOUT_MS = 10_000;
/** A receipt (a tx of up to the tx size limit, the header, the history proof) stays well below this. */
export const SOURCE_BYTES_MAX = 32 * 1024 * 1024;

export type FetchJsonResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly status?: number; readonly code?: string; readonly reason: string };

export interface FetchJsonOptions {
  readonly timeoutMs?: number;
  readonly bytesMax?: number;
  /** Injected in tests; the runtime's fetch by default. */
  readonly fetch?: typeof fetch;
}

async function readCapped(response: Response, bytesMax: number): Promise<Uint8Array | undefined> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > bytesMax) return undefined;
  const reader = response.body?.getReader();
  if (reader === undefined) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > bytesMax) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** GET url as JSON; never throws. A problem answer's code is passed on. */
export async function fetchJson(url: string, options: FetchJsonOptions = {}): Promise<FetchJsonResult> {
  const bytesMax = options.bytesMax ?? SOURCE_BYTES_MAX;
  const signal = AbortSignal.timeout(options.timeoutMs ?? SOURCE_TIMEOUT_MS);
  try {
    const response = await (options.fetch ?? fetch)(url, { signal, headers: { accept: 'application/json' } });
    const bytes = await readCapped(response, bytesMax);
    if (bytes === undefined) return { ok: false, status: response.status, reason: `the answer is larger than ${bytesMax} bytes` };
    let value: unknown;
    try {
      value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    } catch {
      return { ok: false, status: response.status, reason: `the answer (HTTP ${response.status}) is not JSON` };
    }
    if (!response.ok) {
      const code = (value as { code?: unknown } | null)?.code;
      const detail = (value as { detail?: unknown } | null)?.detail;
      return { ok: false, status: response.status, ...(typeof code === 'string' ? { code } : {}),
        reason: `HTTP ${response.status}${typeof code === 'string' ? ` ${code}` : ''}${typeof detail === 'string' ? `: ${detail}` : ''}` };
    }
    return { ok: true, value };
  } catch (error) {
    const name = (error as Error).name;
    return { ok: false, reason: name === 'TimeoutError' || name === 'AbortError' ? 'no answer in time' : (error as Error).message };
  }
}
