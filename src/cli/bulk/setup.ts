// What a bulk run settles before it hashes anything: the batch size the chain allows, the listing
// of the source, and the journal (a new one, or an interrupted run's with the same options).
import { join } from 'node:path';
import type { TianpingClient } from '../../client/client.js';
import { DEFAULT_PARAMS } from '../../state/genesis.js';
import { toHex } from '../../types/index.js';
import { CliError } from '../common.js';
import { JOURNAL_FILE, JOURNAL_VERSION, JournalError, JournalWriter, readJournal, type RunRecord } from './journal.js';
import { listDirectory, listFromFile, SourceError, type SourceListing } from './sources.js';
import { BulkState } from './state.js';
import type { BulkOptions, ChainLimitParams } from './types.js';

export const DEFAULT_BATCH_SIZE = 1000;
/** Room in a tx for everything but the item digests (chain id, signer, category, reference, signature). */
const TX_OVERHEAD_BYTES = 1024;
/** Bytes of one digest inside IndexedItems: tag, length, 32 bytes. */
const DIGEST_FIELD_BYTES = 34;
const GENESIS_TIMEOUT_MS = 10_000;

export async function chooseBatchSize(o: BulkOptions, client: TianpingClient, chainId: string): Promise<number> {
  if (o.mode === 'root-only') {
    if (o.batchSize !== undefined) {
      throw new CliError('--batch-size is for indexed batches: a root-only batch anchors every item in one tx');
    }
    return 0;
  }
  const params = await chainParams(o, client, chainId);
  const limit = Math.min(params.batchItemsMax, Math.floor((params.txBytesMax - TX_OVERHEAD_BYTES) / DIGEST_FIELD_BYTES));
  const size = o.batchSize ?? Math.min(DEFAULT_BATCH_SIZE, limit);
  if (!Number.isSafeInteger(size) || size < 1 || size > limit) {
    throw new CliError(`--batch-size must be 1..${limit} on chain "${chainId}" (its batchItemsMax is ${params.batchItemsMax}, `
      + `txBytesMax ${params.txBytesMax})`);
  }
  return size;
}

/** The node's published genesis, else the local genesis file of the same chain, else the defaults. */
async function chainParams(o: BulkOptions, client: TianpingClient, chainId: string): Promise<ChainLimitParams> {
  const fetchImpl = o.fetch ?? ((input, init) => globalThis.fetch(input, init));
  try {
    const response = await fetchImpl(`${client.baseUrl}/v1/genesis`, { headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(GENESIS_TIMEOUT_MS) });
    if (response.ok) {
      const genesis = await response.json() as { chainId?: unknown; params?: Partial<Record<keyof ChainLimitParams, unknown>> };
      const { batchItemsMax, txBytesMax } = genesis.params ?? {};
      if (genesis.chainId === chainId && typeof batchItemsMax === 'number' && typeof txBytesMax === 'number') {
        return { batchItemsMax, txBytesMax };
      }
    }
  } catch {
    // A node without GET /v1/genesis: fall through to what is known locally.
  }
  const local = o.localGenesis;
  return local !== undefined && local.chainId === chainId ? local.params : DEFAULT_PARAMS;
}

export async function listSource(o: BulkOptions, sourcePath: string, receiptsDir: string): Promise<SourceListing> {
  try {
    return o.source.kind === 'dir' ? await listDirectory(sourcePath, [receiptsDir]) : await listFromFile(sourcePath);
  } catch (error) {
    if (error instanceof SourceError) throw new CliError(error.message);
    throw new CliError(`cannot read ${o.source.path}: ${(error as Error).message}`);
  }
}

/** The journal of the receipts directory: new, or an interrupted run's replayed, when its options are these. */
export async function openJournal(o: BulkOptions, receiptsDir: string, chainId: string):
  Promise<{ state: BulkState; journal: JournalWriter }> {
  const path = join(receiptsDir, JOURNAL_FILE);
  const wanted: RunRecord = {
    type: 'run', version: JOURNAL_VERSION, chainId, signer: toHex(o.keyPair.publicKey), mode: o.mode,
    algorithm: o.algorithm, category: o.category, salted: o.salted,
  };
  let contents: Awaited<ReturnType<typeof readJournal>>;
  let replayed: BulkState | undefined;
  try {
    contents = await readJournal(path);
    if (contents !== undefined && contents.records.length > 0) replayed = BulkState.replay(contents.records, path);
  } catch (error) {
    if (error instanceof JournalError) throw new CliError(`${error.message} (move the receipts directory aside to start afresh)`);
    throw error;
  }
  const journal = await JournalWriter.open(path, contents?.validBytes ?? 0);
  if (replayed === undefined) {
    await journal.appendSynced(wanted);
    return { state: new BulkState(wanted), journal };
  }
  const run = replayed.run;
  const differs = (['version', 'chainId', 'signer', 'mode', 'algorithm', 'category', 'salted'] as const)
    .filter((field) => run[field] !== wanted[field]);
  if (differs.length > 0) {
    await journal.close();
    throw new CliError(`${path} belongs to a run with another ${differs.join(', ')} (${differs.map((f) => `${f} ${String(run[f])}`).join(', ')}); `
      + 'resume with the same options, or give another --receipts directory');
  }
  return { state: replayed, journal };
}
