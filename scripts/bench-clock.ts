// bench:clock: what one validator spends per entry of the judgment contracts' block clock, in one
// process, without a network: N contracts are anchored and created with the production
// executeBlock on a LevelDB ledger (as a node's), every one with an instalment falling due at the
// same time, then empty blocks run the clock at most E entries a block until the queue is empty.
// Each block is executed ('validate', as a validator checks a proposal) and committed like a
// node's. bench:contracts measures the same cost on a testnet, where four validators share the
// machine and their per-block costs blur it; this one isolates it (docs/BENCHMARKS.md).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pb } from '../src/codec/proto.js';
import { txSignBytes } from '../src/codec/sign-bytes.js';
import { decodeTx, encodeSignedTx, encodeTxBody, type DecodedTx } from '../src/codec/tx.js';
import { keyPairFromSeed, sign, type KeyPair } from '../src/crypto/ed25519.js';
import { sha256 } from '../src/crypto/hash.js';
import { installNodeSha256 } from '../src/crypto/hash-node.js';
import { NodeVerifier } from '../src/crypto/verify-node.js';
import { Ledger } from '../src/ledger/ledger.js';
import { LevelStorage } from '../src/ledger/level-storage.js';
import { executeBlock } from '../src/state/execute.js';
import { parseGenesis } from '../src/state/index.js';
import { toHex, u64be, utf8, type Hash32 } from '../src/types/index.js';
import { benchMain, cpuProfOption, EXIT_OK, parseOptions, wholeNumber } from './bench-run.js';

const USAGE = `Usage: npm run bench:clock -- [--contracts N] [--events-max E] [--settle S] [--cpu-prof FILE]

In this process, on a LevelDB ledger in a temporary directory: anchors N documents and creates N
judgment contracts on them (production executeBlock and commit, blocks of 5,000 anchors and 2,000
creations), each with one unpaid instalment falling due at the same time; then runs empty blocks
whose clock processes at most E entries each (one DEFAULT event per entry) until none is left.
Reports per entry of the clock: the main thread's time executing blocks, the process's CPU
(every thread: LevelDB's, the garbage collector's) executing and committing them, and with the
S seconds after the last block (LevelDB compactions that follow the writes; the same pause lets
LevelDB settle before the clock's blocks). One JSON line last.

Options:
  --contracts N    contracts created (default 20000)
  --events-max E   the genesis caseEventsPerBlockMax (default 4000; 1..10000)
  --settle S       seconds of pause before the clock's blocks and after them (default 10)
  --cpu-prof FILE  write a V8 CPU profile of the clock blocks to FILE
  -h, --help       show this help
`;

interface Args {
  readonly contracts: number;
  readonly eventsMax: number;
  readonly settleMs: number;
  readonly cpuProf: string | undefined;
}

function parse(argv: readonly string[]): Args | 'help' {
  const values = parseOptions(argv, {
    contracts: { type: 'string' }, 'events-max': { type: 'string' }, settle: { type: 'string' }, 'cpu-prof': { type: 'string' }, help: { type: 'boolean', short: 'h' },
  });
  if (values.help === true) return 'help';
  return {
    contracts: wholeNumber('contracts', values.contracts, 20_000, 1, 1_000_000),
    eventsMax: wholeNumber('events-max', values['events-max'], 4_000, 1, 10_000),
    settleMs: wholeNumber('settle', values.settle, 10, 0, 600) * 1000,
    cpuProf: cpuProfOption(values['cpu-prof']),
  };
}

const CHAIN_ID = 'tianping-bench-clock';
const GENESIS_TIME_MS = 1_700_000_000_000;
const DAY_MS = 86_400_000;
const ANCHORS_PER_BLOCK = 5_000;
const CREATIONS_PER_BLOCK = 2_000;

const keyOf = (label: string): KeyPair => keyPairFromSeed(sha256(utf8(`tianping bench clock ${label}`)));
const cpuUs = (usage: NodeJS.CpuUsage): number => usage.user + usage.system;
const perEntry = (us: number, entries: number): number => Math.round((10 * us) / entries) / 10;

async function run(args: Args): Promise<number> {
  installNodeSha256();
  const validator = keyOf('validator');
  const platform = keyOf('platform');
  const court = keyOf('court');
  const genesis = parseGenesis({
    chainId: CHAIN_ID, genesisTimeMs: GENESIS_TIME_MS,
    validators: [{ name: 'validator', publicKey: toHex(validator.publicKey), power: 10 }],
    categories: ['notarial'],
    members: [
      { name: 'platform', organisation: 'Platform', role: 'submitter', publicKey: toHex(platform.publicKey) },
      { name: 'court', organisation: 'Court', role: 'court', publicKey: toHex(court.publicKey) },
    ],
    params: { caseEventsPerBlockMax: args.eventsMax },
  });
  let nonce = 1;
  const tx = (signer: KeyPair, action: Record<string, unknown>): DecodedTx => {
    const body = encodeTxBody({ chainId: CHAIN_ID, signer: signer.publicKey, nonce: nonce++, expiresAtMs: GENESIS_TIME_MS + DAY_MS, ...action } as never);
    return decodeTx(encodeSignedTx(body, sign(signer.seed, txSignBytes(CHAIN_ID, body))), genesis.params.txBytesMax);
  };
  const dir = mkdtempSync(join(tmpdir(), 'tianping-bench-clock-'));
  const storage = await LevelStorage.open(join(dir, 'ledger'));
  try {
    const ledger = await Ledger.open(storage, genesis, sha256(utf8(CHAIN_ID)) as Hash32);
    const verifier = new NodeVerifier();
    let height = 0;
    let timeMs = GENESIS_TIME_MS + 1_000;
    const block = async (txs: readonly DecodedTx[], atMs: number): Promise<{ events: number; execWallMs: number }> => {
      height++;
      const startMs = performance.now();
      const result = await executeBlock(ledger.state, {
        chainId: CHAIN_ID, height, timeMs: atMs, params: genesis.params, verifier, isVerified: () => true,
      }, txs, 'validate');
      const execWallMs = performance.now() - startMs;
      await ledger.commitBlock({
        height, hash: sha256(u64be(height)) as Hash32, timeMs: atMs, headerBytes: new Uint8Array(100),
        blockBytes: new Uint8Array(100), commitBytes: new Uint8Array(10), appHash: result.appHash, stateWrites: result.writes,
      });
      return { events: result.events.length, execWallMs };
    };
    const digest = (i: number): Uint8Array => sha256(utf8(`bench clock document ${i}`));
    const party = (label: string, i: number): Uint8Array => sha256(utf8(`bench clock ${label} ${i}`));
    const dueAtMs = GENESIS_TIME_MS + 2 * DAY_MS;
    const setupStartMs = performance.now();
    for (let from = 0; from < args.contracts; from += ANCHORS_PER_BLOCK) {
      const txs: DecodedTx[] = [];
      for (let i = from; i < Math.min(args.contracts, from + ANCHORS_PER_BLOCK); i++) {
        txs.push(tx(platform, { anchorEvidence: { algorithm: 1, digest: digest(i), category: 'notarial' } }));
      }
      await block(txs, (timeMs += 1_000));
    }
    for (let from = 0; from < args.contracts; from += CREATIONS_PER_BLOCK) {
      const txs: DecodedTx[] = [];
      for (let i = from; i < Math.min(args.contracts, from + CREATIONS_PER_BLOCK); i++) {
        txs.push(tx(court, { caseCreate: { terms: {
          templateVersion: 1, caseNo: `(2026)京0491民初${i}号`, documentAlgorithm: 1, documentDigest: digest(i),
          creditors: [{ identityCommitment: party('creditor', i) }], debtor: { identityCommitment: party('debtor', i) },
          payees: [{ party: { identityCommitment: party('creditor', i) }, weight: 1 }], caseAccountRef: 'BJ-IC-2026-0001',
          currency: 'CNY', instalments: [{ amountFen: 100_000, dueAtMs: dueAtMs + i }], graceMs: 0, acceleration: false,
          delay: { kind: pb.CaseDelayKind.CASE_DELAY_KIND_STATUTORY }, graceDelaysInterest: false,
          paymentOrder: pb.CasePaymentOrder.CASE_PAYMENT_ORDER_PRINCIPAL_FIRST, exemptClaimTypes: [], autoFile: false, feePolicy: 'cumulative/1',
        } } }));
      }
      await block(txs, (timeMs += 1_000));
    }
    process.stderr.write(`bench:clock: ${args.contracts} contracts created in ${((performance.now() - setupStartMs) / 1000).toFixed(1)} s; `
      + `letting LevelDB settle ${args.settleMs / 1000} s\n`);
    await new Promise((resolve) => setTimeout(resolve, args.settleMs));

    const session = new Session();
    session.connect();
    if (args.cpuProf !== undefined) {
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    }
    let entries = 0;
    let blocks = 0;
    let execWallMs = 0;
    const cpuStart = process.cpuUsage();
    timeMs = dueAtMs + args.contracts;
    for (;;) {
      const done = await block([], (timeMs += 100));
      if (done.events === 0) break;
      entries += done.events;
      execWallMs += done.execWallMs;
      blocks++;
    }
    const cpuBlocks = process.cpuUsage(cpuStart);
    if (args.cpuProf !== undefined) {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(args.cpuProf, JSON.stringify(profile));
    }
    session.disconnect();
    await new Promise((resolve) => setTimeout(resolve, args.settleMs));
    const cpuSettled = process.cpuUsage(cpuStart);
    const figures = {
      bench: 'clock', node: process.version, contracts: args.contracts, caseEventsPerBlockMax: args.eventsMax, entries, blocks,
      execWallUsPerEntry: perEntry(execWallMs * 1000, entries),
      processCpuUsPerEntry: perEntry(cpuUs(cpuBlocks), entries),
      processCpuWithSettleUsPerEntry: perEntry(cpuUs(cpuSettled), entries),
    };
    process.stdout.write(`clock entries           ${entries} in ${blocks} blocks (at most ${args.eventsMax} a block)\n`);
    process.stdout.write(`main thread, executing  ${figures.execWallUsPerEntry} µs per entry\n`);
    process.stdout.write(`process CPU             ${figures.processCpuUsPerEntry} µs per entry (executing and committing), `
      + `${figures.processCpuWithSettleUsPerEntry} µs with the ${args.settleMs / 1000} s after\n`);
    process.stdout.write(`${JSON.stringify(figures)}\n`);
    return EXIT_OK;
  } finally {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

benchMain('bench:clock', USAGE, parse, run);
