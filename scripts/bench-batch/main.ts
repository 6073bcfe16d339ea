// npm run bench:batch -- [--quick] [--items N] ...: anchor batches on a local testnet of real node
// processes on 127.0.0.1, against the figures of the issue:
//   1. committed records/s with signed indexed batches of 1,000 items on 4 validators, read from the
//      chain itself (header tx counts × items, block times) over a steady window;
//   2. root-only end to end: N item digests → RFC 6962 tree → one signed root-only AnchorBatch →
//      committed → N complete receipts written to disk, items/s and the time of each stage;
//   3. receipts served/s: GET /v1/evidence/:digest/receipt for items of indexed batches;
//   4. offline verification time per receipt (verifyReceipt, noble signatures);
//   5. disk bytes per indexed item on a single dev node, both ledgers compacted.
// Targets are reported as pass/fail; a missed target is a result, not an error (exit 0).
//
// This file parses the arguments, runs the phases (each in its own module) and sets the exit code.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installNodeSha256 } from '../../src/crypto/index.js';
import { machineInfo, type PresignedBatch } from '../bench-lib.js';
import { stopAll } from '../testnet-lib.js';
import { benchMain, EXIT_ERROR, EXIT_OK } from '../bench-run.js';
import { parse, USAGE, type Args, type Phase } from './args.js';
import { ChainStalledError, StatusPoller } from './chain.js';
import { fixed, log, seconds, VALIDATORS } from './common.js';
import { diskPhase } from './disk.js';
import { indexedLoad, PRESIGN_BATCHES_PER_SEC } from './load.js';
import { receiptsPhase, verifyPhase, type ServedReceipt } from './receipts.js';
import { report, type Results } from './report.js';
import { rootOnly } from './root-only.js';
import { bootTestnet, stopTestnet, warmUp, type BenchTestnet, type RunningNodes } from './testnet.js';

/** Batches the receipt phases anchor themselves when the load phase gave them none. */
const OWN_BATCHES = 20;

/** The results as the phases fill them in. */
type Collected = { -readonly [K in keyof Results]: Results[K] };

/** Phase 1 on the testnet; the batches it got accepted, or none when the chain stalled under it (then out.loadFailure says why). */
async function loadPhase(args: Args, net: BenchTestnet, out: Collected): Promise<PresignedBatch[]> {
  log(`phase 1: indexed batches for ${args.loadSeconds} s over ${args.connections} connections per validator `
    + `(${net.extra.length} batches pre-signed)`);
  const poller = new StatusPoller(net.handles.map((h) => h.node.apiUrl));
  await poller.poll();
  poller.start();
  try {
    const load = await indexedLoad(args, net.handles, net.extra, poller);
    out.load = load;
    log(`  committed ${fixed(load.committedRecordsPerSec)} records/s over ${seconds(load.windowMs)} (${load.windowBlocks} blocks, `
      + `one every ${fixed(load.meanBlockIntervalMs)} ms, ${fixed(load.meanBatchesPerBlock, 1)} batches each)`);
    return load.acceptedIndexes.map((i) => net.extra[i]!);
  } catch (error) {
    if (!(error instanceof ChainStalledError)) throw error;
    out.loadFailure = error.message;
    log(`  ${out.loadFailure}`);
    return [];
  } finally {
    poller.stop();
  }
}

/** The phases on the testnet of VALIDATORS validators: load, root-only, receipts and verify. */
async function testnetPhases(args: Args, dir: string, running: RunningNodes, out: Collected, unclean: string[]): Promise<void> {
  const has = (phase: Phase): boolean => args.phases.has(phase);
  const loadBatches = has('load') ? Math.ceil(args.loadSeconds * PRESIGN_BATCHES_PER_SEC) : 0;
  const receiptsNeedOwn = has('receipts') || has('verify');
  let net = await bootTestnet(args, dir, 'testnet', has('load') ? loadBatches : receiptsNeedOwn ? OWN_BATCHES : 0, running);
  let committed: PresignedBatch[] = [...net.warm];
  if (has('load')) {
    committed = committed.concat(await loadPhase(args, net, out));
    if (out.loadFailure !== undefined && (has('root-only') || receiptsNeedOwn)) {
      log('  the other phases run on a fresh testnet');
      await stopTestnet(net, unclean);
      net = await bootTestnet(args, dir, 'testnet-2', receiptsNeedOwn ? OWN_BATCHES : 0, running);
      committed = [...net.warm];
    }
  }
  if (receiptsNeedOwn && (out.load === undefined)) {
    const own = net.extra.slice(0, OWN_BATCHES);
    for (let i = 0; i < own.length; i += VALIDATORS) await warmUp(net.handles, own.slice(i, i + VALIDATORS));
    committed = committed.concat(own);
  }
  if (has('root-only')) {
    log(`phase 2: root-only batch of ${args.items} items, end to end`);
    const root = await rootOnly(args, dir, net.layout, net.handles, net.keyPair, net.genesis);
    out.root = root;
    log(`  ${fixed(root.itemsPerSec)} items/s end to end; sample ${root.sampleValid}/${root.sampleChecked} valid`);
  }
  let served: ServedReceipt[] = [];
  if (has('receipts')) {
    out.receipts = await receiptsPhase(args, net.handles, committed);
    served = [...out.receipts.collected];
  }
  if (has('verify')) {
    ({ asServed: out.verify, withoutPath: out.verifyNoPath } = await verifyPhase(args, net.handles, committed, served, net.genesis));
  }
  await stopTestnet(net, unclean);
}

async function run(args: Args): Promise<number> {
  const machine = machineInfo();
  log(`${VALIDATORS} validators on ${machine.cores} cores (${machine.cpuModel}), Node ${machine.nodeVersion}; `
    + `phases ${[...args.phases].join(', ')}`);
  const dir = mkdtempSync(join(tmpdir(), 'tianping-bench-batch-'));
  const running: RunningNodes = { handles: [], dev: undefined };
  const onSignal = (signal: NodeJS.Signals): void => {
    log(`${signal}: stopping the nodes`);
    void Promise.all([stopAll(running.handles), running.dev === undefined ? undefined : stopAll([running.dev])]).then(() => {
      if (!args.keep) rmSync(dir, { recursive: true, force: true });
      process.exit(EXIT_ERROR);
    });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const has = (phase: Phase): boolean => args.phases.has(phase);
  const unclean: string[] = [];
  const results: Collected = { load: undefined, loadFailure: undefined, root: undefined, receipts: undefined, verify: undefined,
    verifyNoPath: undefined, disk: undefined, unclean };
  try {
    if (has('load') || has('root-only') || has('receipts') || has('verify')) await testnetPhases(args, dir, running, results, unclean);
    if (has('disk')) results.disk = await diskPhase(args, dir, (handle) => (running.dev = handle));
  } finally {
    await stopAll(running.handles);
    if (running.dev !== undefined) await stopAll([running.dev]);
    if (args.keep) log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
  report(args, machine, results);
  return EXIT_OK;
}

// A platform runs the tree and its receipts in Node (the tianping CLI), which hashes with OpenSSL:
// so does the bench, in the main thread and in every worker (root-worker.ts).
installNodeSha256();
benchMain('bench:batch', USAGE, parse, run);
