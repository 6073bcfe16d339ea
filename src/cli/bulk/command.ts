// The bulk form of `tianping anchor` (--batch DIR | --list FILE): flags to options, the run, and
// its report. The command file stays about single anchors; this one about batches. Node only.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyPair } from '../../crypto/ed25519.js';
import { parseGenesis } from '../../state/genesis.js';
import { EXIT_NEGATIVE, EXIT_OK, UsageError, booleanOption, printJson, stringOption, type CliIo, type ParsedArgs } from '../common.js';
import { bulkAnchor, type BulkOptions, type BulkResult } from './run.js';

/** Flags that mean nothing without --batch or --list. */
const BULK_ONLY = ['root-only', 'batch-size', 'salted', 'receipts'] as const;
/** Flags of single anchors only. */
const SINGLE_ONLY = ['ref', 'no-wait'] as const;

/** The bulk form's own arguments, checked; undefined when the command is not a bulk anchor. */
export interface BulkArgs {
  readonly source: BulkOptions['source'];
  readonly mode: BulkOptions['mode'];
  readonly batchSize?: number;
  readonly salted: boolean;
  readonly receiptsDir?: string;
}

export function bulkArgs(args: ParsedArgs): BulkArgs | undefined {
  const dir = stringOption(args, 'batch');
  const list = stringOption(args, 'list');
  const given = (names: readonly string[]): string[] => names.filter((name) => args.values[name] !== undefined);
  if (dir === undefined && list === undefined) {
    if (given(BULK_ONLY).length > 0) throw new UsageError(`--${given(BULK_ONLY).join(', --')} needs --batch DIR or --list FILE`);
    return undefined;
  }
  if (dir !== undefined && list !== undefined) throw new UsageError('give --batch DIR or --list FILE, not both');
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument "${args.positionals[0]}" with --${dir === undefined ? 'list' : 'batch'}`);
  if (given(SINGLE_ONLY).length > 0) throw new UsageError(`--${given(SINGLE_ONLY).join(', --')} is for single anchors, not with --batch or --list`);
  const batchSizeText = stringOption(args, 'batch-size');
  if (batchSizeText !== undefined && !/^[1-9][0-9]{0,8}$/.test(batchSizeText)) {
    throw new UsageError(`--batch-size must be a positive integer, got "${batchSizeText}"`);
  }
  const receiptsDir = stringOption(args, 'receipts');
  return {
    source: dir !== undefined ? { kind: 'dir', path: dir } : { kind: 'list', path: list! },
    mode: booleanOption(args, 'root-only') ? 'root-only' : 'indexed',
    ...(batchSizeText === undefined ? {} : { batchSize: Number(batchSizeText) }),
    salted: booleanOption(args, 'salted'),
    ...(receiptsDir === undefined ? {} : { receiptsDir }),
  };
}

export interface BulkContext {
  readonly url: string;
  readonly algorithm: 'sha256' | 'sm3';
  readonly keyPair: KeyPair;
  readonly category: string;
  readonly dataDir: string;
}

export async function runBulk(bulk: BulkArgs, args: ParsedArgs, io: CliIo, context: BulkContext): Promise<number> {
  const localGenesis = readLocalGenesis(context.dataDir);
  const options: BulkOptions = {
    ...bulk,
    url: context.url,
    keyPair: context.keyPair,
    category: context.category,
    algorithm: context.algorithm,
    ...(localGenesis === undefined ? {} : { localGenesis }),
    stderr: io.stderr,
    stderrIsTty: process.stderr.isTTY === true,
  };
  const result = await bulkAnchor(options);
  if (args.json) printJson(io, { ...result, node: context.url });
  else io.stdout(describe(result));
  for (const refusal of result.refused) {
    io.stderr(`tianping anchor: REFUSED ${refusal.code}: tx ${refusal.txHash} (${refusal.items} items): ${refusal.message}\n`);
  }
  return result.ok ? EXIT_OK : EXIT_NEGATIVE;
}

/** The chain's parameters from the data directory's genesis, when there is one (the dev setup). */
function readLocalGenesis(dataDir: string): BulkOptions['localGenesis'] {
  try {
    const genesis = parseGenesis(JSON.parse(readFileSync(join(dataDir, 'genesis.json'), 'utf8')));
    return { chainId: genesis.chainId, params: genesis.params };
  } catch {
    // No usable local genesis: the node's published one, or the defaults, decide.
    return undefined;
  }
}

function describe(result: BulkResult): string {
  const committed = result.batches.filter((batch) => batch.status === 'committed');
  const now = committed.filter((batch) => !batch.earlier);
  const heights = now.map((batch) => batch.height ?? 0);
  const lines = [
    `${result.ok ? 'anchored' : 'NOT ALL ANCHORED'}: ${result.items.committed} of ${result.items.total} items on chain "${result.chainId}"`,
    `  batches   ${committed.length} committed (${now.length} by this run${heights.length > 0 ? `, heights ${heights.reduce((a, b) => Math.min(a, b))}..${heights.reduce((a, b) => Math.max(a, b))}` : ''}), `
      + `${result.mode}${result.mode === 'indexed' ? ` of up to ${result.batchSize} items` : ''}, ${result.algorithm}${result.salted ? ', salted' : ''}, `
      + `category ${result.category}`,
    ...(result.items.duplicates > 0 ? [`  same content  ${result.items.duplicates} files share another file's digest: anchored once, each has a receipt`] : []),
    `  receipts  ${result.receiptsDir} (${result.items.receiptsWritten} written by this run)`,
    ...(result.salted ? ['  salts     <path>.salt beside each receipt: give a salt to the court with its file, to no one else'] : []),
    ...(result.changed.length > 0 ? [`  changed   ${result.changed.length} files changed since anchored; not anchored again`] : []),
    ...(result.skipped.length > 0 ? [`  skipped   ${result.skipped.length} entries that are not regular files`] : []),
    '',
  ];
  return lines.join('\n');
}
