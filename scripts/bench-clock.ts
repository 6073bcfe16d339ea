// bench:clock: what one validator spends per entry of the judgment contracts' block clock, in one
// process, without a network: N contracts are anchored and created with the production
// executeBlock on a LevelDB ledger (as a node's), every one with an instalment falling due at the
// same time, then empty blocks run the clock at most E entries a block until the queue is empty.
// Each block is executed ('validate', as a validator checks a proposal) and committed like a
// node's. bench:contracts measures the same cost on a testnet, where four validators share the
// machine and their per-block costs blur it; this one isolates it (docs/BENCHMARKS.md).
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONFIG } from '../src/config/index.js';
import { txSignBytes } from '../src/codec/sign-bytes.js';
import { decodeTx, encodeSignedTx, encodeTxBody, type DecodedTx } from '../src/codec/tx.js';
import { keyPairFromSeed, sign, type KeyPair } from '../src/crypto/ed25519.js';
import { sha256 } from '../src/crypto/hash.js';
import { installNodeSha256 } from '../src/crypto/hash-node.js';
import { NodeVerifier } from '../src/crypto/verify-node.js';
import { Ledger } from '../src/ledger/ledger.js';
import { LevelStorage } from '../src/ledger/level-storage.js';
import { executeBlock } from '../src/state/execute.js';
import { parseGenesis, type Genesis } from '../src/state/index.js';
import { toHex, u64be, utf8, type Hash32 } from '../src/types/index.js';
import { benchMain, cpuProfOption, EXIT_OK, parseOptions, wholeNumber } from './bench-run.js';
import { benchCaseTerms } from './bench-contracts/terms.js';

const USAGE = `Usage: npm run bench:clock -- [--contracts N] [--events-max E] [--settle S] [--cpu-prof FILE]

In this process, on a LevelDB ledger in a temporary directory: anchors N documents and creates N
judgment contracts on them (production executeBlock and commit, blocks of 5,000 anchors and 2,000
creations), each with one unpaid instalment falling due at the same time; then runs empty blocks
whose clock processes at most E entries each (one DEFAULT event per entry) until none is left.
Reports per entry of the clock: the main thread's time executing blocks, the process's CPU
(every thread: LevelDB's, the garbage collector's) executing and committing them, and with the
S seconds after the last block (LevelDB compactions that follow the writes; the same pause lets
LevelDB settle before the clock's blocks), split on Linux into the main thread and the others
(V8's GC helpers, LevelDB's compactions, libuv). One JSON line last.

Options:
  --contracts N    contracts created (default 20000)
  --events-max E   the genesis caseEventsPerBlockMax (default 4000; 1..10000)
  --settle S       seconds of pause before the clock's blocks and after them (default 10)
  --open-files F   the ledger's LevelDB max_open_files (default: a node's, memory.ledgerOpenFilesMax)
  --cpu-prof FILE  write a V8 CPU profile of the clock blocks to FILE
  -h, --help       show this help
`;

interface Args {
  readonly contracts: number;
  readonly eventsMax: number;
  readonly settleMs: number;
  readonly openFilesMax: number;
  readonly cpuProf: string | undefined;
}

function parse(argv: readonly string[]): Args | 'help' {
  const values = parseOptions(argv, {
    contracts: { type: 'string' }, 'events-max': { type: 'string' }, settle: { type: 'string' }, 'open-files': { type: 'string' }, 'cpu-prof': { type: 'string' }, help: { type: 'boolean', short: 'h' },
  });
  if (values.help === true) return 'help';
  return {
    contracts: wholeNumber('contracts', values.contracts, 20_000, 1, 1_000_000),
    eventsMax: wholeNumber('events-max', values['events-max'], 4_000, 1, 10_000),
    settleMs: wholeNumber('settle', values.settle, 10, 0, 600) * 1000,
    openFilesMax: wholeNumber('open-files', values['open-files'], DEFAULT_CONFIG.memory.ledgerOpenFilesMax, 74, 50_000),
    cpuProf: cpuProfOption(values['cpu-prof']),
  };
}

const CHAIN_ID = 'tianping-bench-clock';
const GENESIS_TIME_MS = 1_700_000_000_000;
const DAY_MS = 86_400_000;
const DUE_AT_MS = GENESIS_TIME_MS + 2 * DAY_MS;
const ANCHORS_PER_BLOCK = 5_000;
const CREATIONS_PER_BLOCK = 2_000;

const CLOCK_TICKS_PER_S = 100;

/**
 * This process's CPU in µs, from /proc (Linux; empty elsewhere): the main thread's, and the other
 * threads': V8's helpers (concurrent marking and sweeping), libuv's pool and LevelDB's background
 * thread (memtable flushes and compactions). Node names them all alike, so they are counted together.
 */
function threadCpuUs(): Record<string, number> {
  const out: Record<string, number> = {};
  let tids: string[];
  try {
    tids = readdirSync('/proc/self/task');
  } catch {
    return out;
  }
  for (const tid of tids) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]);
      const kind = Number(tid) === process.pid ? 'main' : 'otherThreads';
      out[kind] = (out[kind] ?? 0) + (ticks * 1e6) / CLOCK_TICKS_PER_S;
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return out;
}

const keyOf = (label: string): KeyPair => keyPairFromSeed(sha256(utf8(`tianping bench clock ${label}`)));
const cpuUs = (usage: NodeJS.CpuUsage): number => usage.user + usage.system;
const perEntry = (us: number, entries: number): number => Math.round((10 * us) / entries) / 10;
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** One validator's chain: signed txs, and blocks executed as a validator checks them, then committed. */
class BenchChain {
  private nonce = 1;
  private height = 0;
  private readonly verifier = new NodeVerifier();

  constructor(readonly genesis: Genesis, private readonly ledger: Ledger) {}

  tx(signer: KeyPair, action: Record<string, unknown>): DecodedTx {
    const body = encodeTxBody({ chainId: CHAIN_ID, signer: signer.publicKey, nonce: this.nonce++, expiresAtMs: GENESIS_TIME_MS + DAY_MS, ...action } as never);
    return decodeTx(encodeSignedTx(body, sign(signer.seed, txSignBytes(CHAIN_ID, body))), this.genesis.params.txBytesMax);
  }

  /** The next block at `timeMs`: its event count and the main thread's time executing it. */
  async block(txs: readonly DecodedTx[], timeMs: number): Promise<{ events: number; execWallMs: number }> {
    const height = ++this.height;
    const startMs = performance.now();
    const result = await executeBlock(this.ledger.state, {
      chainId: CHAIN_ID, height, timeMs, params: this.genesis.params, verifier: this.verifier, isVerified: () => true,
    }, txs, 'validate');
    const execWallMs = performance.now() - startMs;
    await this.ledger.commitBlock({
      height, hash: sha256(u64be(height)) as Hash32, timeMs, headerBytes: new Uint8Array(100),
      blockBytes: new Uint8Array(100), commitBytes: new Uint8Array(10), appHash: result.appHash, stateWrites: result.writes,
    });
    return { events: result.events.length, execWallMs };
  }
}

/** N documents anchored, then a contract on each whose one instalment falls due at DUE_AT_MS + k ms. */
async function createContracts(chain: BenchChain, contracts: number, keys: { platform: KeyPair; court: KeyPair }): Promise<void> {
  const digest = (k: number): Uint8Array => sha256(utf8(`bench clock document ${k}`));
  const party = (label: string, k: number): Uint8Array => sha256(utf8(`bench clock ${label} ${k}`));
  let timeMs = GENESIS_TIME_MS;
  for (let from = 0; from < contracts; from += ANCHORS_PER_BLOCK) {
    const txs: DecodedTx[] = [];
    for (let k = from; k < Math.min(contracts, from + ANCHORS_PER_BLOCK); k++) {
      txs.push(chain.tx(keys.platform, { anchorEvidence: { algorithm: 1, digest: digest(k), category: 'notarial' } }));
    }
    await chain.block(txs, (timeMs += 1_000));
  }
  for (let from = 0; from < contracts; from += CREATIONS_PER_BLOCK) {
    const txs: DecodedTx[] = [];
    for (let k = from; k < Math.min(contracts, from + CREATIONS_PER_BLOCK); k++) {
      const terms = benchCaseTerms(k, digest(k), { creditor: party('creditor', k), debtor: party('debtor', k) }, [DUE_AT_MS + k]);
      txs.push(chain.tx(keys.court, { caseCreate: { terms } }));
    }
    await chain.block(txs, (timeMs += 1_000));
  }
}

/** Empty blocks until the clock has nothing left; the figures per entry. */
async function runClock(chain: BenchChain, args: Args): Promise<Record<string, number | string>> {
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
  const threadsStart = threadCpuUs();
  for (let timeMs = DUE_AT_MS + args.contracts; ;) {
    const done = await chain.block([], (timeMs += 100));
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
  await pause(args.settleMs);
  const cpuSettled = process.cpuUsage(cpuStart);
  const threadsEnd = threadCpuUs();
  const byThread = Object.fromEntries(Object.entries(threadsEnd).map(([kind, us]) =>
    [`${kind}CpuWithSettleUsPerEntry`, perEntry(us - (threadsStart[kind] ?? 0), entries)]));
  return {
    bench: 'clock', node: process.version, contracts: args.contracts, caseEventsPerBlockMax: args.eventsMax,
    openFilesMax: args.openFilesMax, entries, blocks,
    execWallUsPerEntry: perEntry(execWallMs * 1000, entries),
    processCpuUsPerEntry: perEntry(cpuUs(cpuBlocks), entries),
    processCpuWithSettleUsPerEntry: perEntry(cpuUs(cpuSettled), entries),
    ...byThread,
  };
}

async function run(args: Args): Promise<number> {
  installNodeSha256();
  const [validator, platform, court] = ['validator', 'platform', 'court'].map(keyOf) as [KeyPair, KeyPair, KeyPair];
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
  const dir = mkdtempSync(join(tmpdir(), 'tianping-bench-clock-'));
  const storage = await LevelStorage.open(join(dir, 'ledger'), { openFilesMax: args.openFilesMax });
  try {
    const chain = new BenchChain(genesis, await Ledger.open(storage, genesis, sha256(utf8(CHAIN_ID)) as Hash32));
    const setupStartMs = performance.now();
    await createContracts(chain, args.contracts, { platform, court });
    process.stderr.write(`bench:clock: ${args.contracts} contracts created in ${((performance.now() - setupStartMs) / 1000).toFixed(1)} s; `
      + `letting LevelDB settle ${args.settleMs / 1000} s\n`);
    await pause(args.settleMs);
    const figures = await runClock(chain, args);
    process.stdout.write(`clock entries           ${figures.entries} in ${figures.blocks} blocks (at most ${args.eventsMax} a block)\n`);
    process.stdout.write(`main thread, executing  ${figures.execWallUsPerEntry} µs per entry\n`);
    process.stdout.write(`process CPU             ${figures.processCpuUsPerEntry} µs per entry (executing and committing), `
      + `${figures.processCpuWithSettleUsPerEntry} µs with the ${args.settleMs / 1000} s after\n`);
    if (figures['mainCpuWithSettleUsPerEntry'] !== undefined) {
      process.stdout.write(`  of which, by thread    main ${figures['mainCpuWithSettleUsPerEntry']} µs, the others (GC helpers, `
        + `LevelDB's compactions, libuv) ${figures['otherThreadsCpuWithSettleUsPerEntry'] ?? 0} µs\n`);
    }
    process.stdout.write(`${JSON.stringify(figures)}\n`);
    return EXIT_OK;
  } finally {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

benchMain('bench:clock', USAGE, parse, run);
