// What the payout commands share: the help lines, signed reads of the payout routes, a 4xx read as
// the node's negative answer, and submitting a tx with its outcome printed.
import { signRequest } from '../../client/index.js';
import { nodeJson } from '../../client/node-json.js';
import type { KeyPair } from '../../crypto/index.js';

// A refused read or tx is answered as for the other commands that sign.
export { negativeAnswer, submitAndReport } from '../subcommands.js';

export const PAYOUT_COMMON_HELP = `  --node URL        node API (default http://127.0.0.1:8080)
  --json            print one JSON document
  -h, --help        show this help`;

/** A signed GET of a payout read; a 4xx answer is ApiError with the node's code. */
export function signedRead<T>(url: string, path: string, keyPair: KeyPair): Promise<T> {
  const full = url.replace(/\/+$/, '') + path;
  return nodeJson<T>(full, { headers: { ...signRequest({ method: 'GET', url: full, keyPair }) } });
}
