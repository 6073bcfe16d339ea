// tianping anchor: hash files locally (the files never leave the machine), sign one AnchorEvidence
// tx per file with the submitter key, submit and wait for the commit, and print the receipt facts.
// With --batch DIR or --list FILE: many files in few AnchorBatch txs, resumable (../bulk/run.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError, TianpingClient, buildAnchorTx, type SubmitResult } from '../../client/index.js';
import { hashFile } from '../../client/file.js';
import { readKeyFile, type KeyPair } from '../../crypto/index.js';
import { toHex } from '../../types/index.js';
import { DEV_SUBMITTER_KEY_FILE } from './init.js';
import { CliError, EXIT_NEGATIVE, EXIT_OK, UsageError, algorithmOption, booleanOption, nodeUrl, printJson,
  runCommand, stringOption, type CliIo, type CommandSpec } from '../common.js';
import { bulkArgs, runBulk } from '../bulk/command.js';
import { DEFAULT_BATCH_SIZE, DEFAULT_RECEIPTS_FOLDER } from '../bulk/run.js';

const spec: CommandSpec = {
  name: 'anchor',
  usage: `Usage: tianping anchor <file...> [--key FILE] [--category C] [--node URL] [--algorithm sha256|sm3]
                       [--ref EXTERNAL_REF] [--no-wait] [--json]
       tianping anchor --batch DIR | --list FILE [--root-only] [--batch-size N] [--salted]
                       [--receipts OUTDIR] [--key FILE] [--category C] [--node URL] [--algorithm A] [--json]

Hashes each file (streaming; only the digest is sent), signs one anchor transaction per file and
submits it, waiting until it is in a block. Prints file, digest, tx hash, height and block time.

Bulk (--batch: every regular file under DIR; --list: one path per line, relative to FILE's
directory): hashes the files a few at a time and anchors them in AnchorBatch transactions, each
waited for until committed. Indexed batches (default) carry N digests per tx, so every item is
found by its digest; --root-only puts ONE tx on chain for all items, holding only their Merkle
root. Writes one receipt per item, OUTDIR/<path>.receipt.json, verifiable offline with
"tianping verify <file> --receipt R --trust GENESIS". A journal in OUTDIR makes an interrupted run
resumable: run the same command again; nothing is anchored twice.

Options:
  --key FILE        submitter key (default $TIANPING_DATA_DIR/${DEV_SUBMITTER_KEY_FILE}, else ./data/${DEV_SUBMITTER_KEY_FILE})
  --category C      evidence category (default: the first category of genesis.json in that data dir)
  --node URL        node API (default http://127.0.0.1:8080)
  --algorithm A     sha256 (default) or sm3
  --ref TEXT        external reference (case or order number); public to whoever holds the file
  --no-wait         return once the node accepted the tx, without waiting for the block
  --batch DIR       anchor every regular file under DIR (symbolic links are not followed)
  --list FILE       anchor the files FILE names, one per line
  --root-only       one tx for all items, holding only their Merkle root (receipts built locally)
  --batch-size N    items per indexed tx (default ${DEFAULT_BATCH_SIZE}, at most the chain's batchItemsMax)
  --salted          anchor H(salt ‖ file digest) with a random salt per file, written to
                    OUTDIR/<path>.salt (0600), never into the receipt; give it to the court with the
                    file ("tianping verify --salt")
  --receipts OUTDIR receipts and journal (default DIR/${DEFAULT_RECEIPTS_FOLDER}, or FILE.receipts)
  --json            print one JSON document
  -h, --help        show this help

Progress goes to stderr: a line redrawn in place on a terminal, a plain line every 10 s otherwise.

Exit status: 0 all anchored, 1 the node refused at least one file or batch (named), 2 usage, file
or connection error (a bulk run is then resumable).
`,
  options: {
    key: { type: 'string' }, category: { type: 'string' }, node: { type: 'string' }, algorithm: { type: 'string' },
    ref: { type: 'string' }, 'no-wait': { type: 'boolean' }, batch: { type: 'string' }, list: { type: 'string' },
    'root-only': { type: 'boolean' }, 'batch-size': { type: 'string' }, salted: { type: 'boolean' }, receipts: { type: 'string' },
  },
  positionals: { min: 0, max: Number.POSITIVE_INFINITY },
};

interface AnchorOutcome {
  readonly file: string;
  readonly digest: string;
  readonly txHash: string;
  readonly result?: SubmitResult;
  readonly error?: { readonly code: string; readonly message: string };
}

export function run(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(spec, argv, io, async (args) => {
    // Usage errors first, before any key or genesis is read.
    const bulk = bulkArgs(args);
    if (bulk === undefined && args.positionals.length === 0) throw new UsageError('missing argument');
    const algorithm = algorithmOption(stringOption(args, 'algorithm'));
    const url = nodeUrl(stringOption(args, 'node'));
    const dataDir = io.env['TIANPING_DATA_DIR'] ?? './data';
    const keyPair = loadKey(stringOption(args, 'key') ?? join(dataDir, DEV_SUBMITTER_KEY_FILE));
    const category = stringOption(args, 'category') ?? firstGenesisCategory(dataDir);
    if (bulk !== undefined) return runBulk(bulk, args, io, { url, algorithm, keyPair, category, dataDir });
    const externalRef = stringOption(args, 'ref');
    const wait = !booleanOption(args, 'no-wait');
    // Every file is hashed before anything is sent, so an unreadable file fails the whole command
    // instead of leaving some files anchored and others not.
    const digests: [string, string][] = [];
    for (const file of args.positionals) digests.push([file, toHex(await hashOrFail(file, algorithm))]);
    const client = new TianpingClient(url);
    const { chainId } = await client.status();
    const outcomes: AnchorOutcome[] = [];
    for (const [file, digest] of digests) {
      const tx = buildAnchorTx({ chainId, keyPair, digest, algorithm, category, ...(externalRef === undefined ? {} : { externalRef }) });
      const txHash = toHex(tx.hash);
      try {
        const result = await client.submit(tx.bytes, wait ? { wait: 'commit' } : {});
        outcomes.push({ file, digest, txHash, result });
      } catch (error) {
        // The node refused this one (or its commit wait ran out); report it and go on with the rest.
        if (!(error instanceof ApiError)) throw error;
        outcomes.push({ file, digest, txHash, error: { code: error.code, message: error.message } });
      }
    }
    const failed = outcomes.some((outcome) => outcome.error !== undefined);
    if (args.json) printJson(io, { ok: !failed, node: url, chainId, algorithm, category, anchors: outcomes.map(jsonOutcome) });
    else for (const outcome of outcomes) io.stdout(describeOutcome(outcome, algorithm));
    if (!args.json) for (const o of outcomes) if (o.error) io.stderr(`tianping anchor: ${o.file}: ${o.error.message}\n`);
    return failed ? EXIT_NEGATIVE : EXIT_OK;
  });
}

function loadKey(path: string): KeyPair {
  try {
    return readKeyFile(path);
  } catch (error) {
    throw new CliError(`${(error as Error).message} (give --key, or run "tianping init" for a dev submitter key)`);
  }
}

function firstGenesisCategory(dataDir: string): string {
  const path = join(dataDir, 'genesis.json');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`--category is required: there is no ${path} to take the default category from`);
  }
  let first: unknown;
  try {
    first = (JSON.parse(text) as { categories?: unknown[] }).categories?.[0];
  } catch {
    throw new CliError(`${path} is not JSON; give --category`);
  }
  if (typeof first !== 'string') throw new UsageError(`--category is required: ${path} lists no categories`);
  return first;
}

async function hashOrFail(file: string, algorithm: 'sha256' | 'sm3'): Promise<Uint8Array> {
  try {
    return await hashFile(file, algorithm);
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as Error).message}`);
  }
}

function jsonOutcome(outcome: AnchorOutcome): Record<string, unknown> {
  const base = { file: outcome.file, digest: outcome.digest, txHash: outcome.txHash };
  if (outcome.error !== undefined) return { ...base, status: 'refused', error: outcome.error };
  const result = outcome.result;
  if (result?.status !== 'committed') return { ...base, status: 'pending' };
  return { ...base, status: result.status, height: result.height, index: result.index, blockHash: result.blockHash,
    blockTimeMs: result.blockTimeMs, blockTime: result.blockTime };
}

function describeOutcome(outcome: AnchorOutcome, algorithm: string): string {
  const lines = [outcome.file, `  digest  ${algorithm}:${outcome.digest}`, `  tx      ${outcome.txHash}`];
  const result = outcome.result;
  if (outcome.error !== undefined) lines.push(`  REFUSED ${outcome.error.code}`);
  else if (result?.status === 'committed') {
    lines.push(`  height  ${result.height}`, `  time    ${result.blockTime}`, `  block   ${result.blockHash}`);
  } else lines.push('  status  pending (submitted without waiting; check with "tianping verify")');
  return lines.join('\n') + '\n';
}
