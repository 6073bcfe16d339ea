// What the payout commands share: the help lines, signed reads of the payout routes, a 4xx read as
// the node's negative answer, and submitting a tx with its outcome printed.
import { ApiError, signRequest, type BuiltTx, type TianpingClient } from '../../client/index.js';
import type { KeyPair } from '../../crypto/index.js';
import { toHex } from '../../types/index.js';
import { EXIT_NEGATIVE, EXIT_OK, printJson, type CliIo, type ParsedArgs } from '../common.js';
import { submitForCommit } from '../subcommands.js';
import { nodeJson } from './crosschain-http.js';

export const PAYOUT_COMMON_HELP = `  --node URL        node API (default http://127.0.0.1:8080)
  --json            print one JSON document
  -h, --help        show this help`;

/** A signed GET of a payout read; a 4xx answer is ApiError with the node's code. */
export function signedRead<T>(url: string, path: string, keyPair: KeyPair): Promise<T> {
  const full = url.replace(/\/+$/, '') + path;
  return nodeJson<T>(full, { headers: { ...signRequest({ method: 'GET', url: full, keyPair }) } });
}

/** A 4xx answer is the node's negative answer: exit 1 with its code; the rest is an error. */
export async function negativeAnswer(name: string, io: CliIo, args: ParsedArgs, read: () => Promise<number>): Promise<number> {
  try {
    return await read();
  } catch (error) {
    if (!(error instanceof ApiError) || error.status >= 500) throw error;
    io.stderr(`tianping ${name}: refused: ${error.message}\n`);
    if (args.json) printJson(io, { ok: false, error: { code: error.code, message: error.message } });
    return EXIT_NEGATIVE;
  }
}

/** Submits and waits for the block; prints what was committed, or the refusal's code (exit 1). */
export async function submitAndReport(name: string, io: CliIo, args: ParsedArgs, client: TianpingClient, tx: BuiltTx,
  facts: Readonly<Record<string, unknown>>): Promise<number> {
  const txHash = toHex(tx.hash);
  const result = await submitForCommit(name, io, args, client, tx, (error) => ({ ok: false, ...facts, txHash, error }));
  if (result === EXIT_NEGATIVE) return result;
  if (args.json) printJson(io, { ok: true, ...facts, txHash, height: result.height, blockTime: result.blockTime });
  else {
    const lines = Object.entries(facts).map(([key, value]) => `${key.padEnd(12)}${String(value)}`);
    io.stdout([...lines, `${'tx'.padEnd(12)}${txHash}`, `${'height'.padEnd(12)}${result.height}`, `${'time'.padEnd(12)}${result.blockTime}`]
      .join('\n') + '\n');
  }
  return EXIT_OK;
}
