// A small finished chaos run for the checker's tests: a testnet layout of 4 validators and 1
// observer whose ledgers are real LevelDB ledgers built by the node's own block building and
// execution (buildBlock, commitExecuted), with commits signed by the validators' keys, plus the
// run's logs (acks, heights, faults). Options plant the chain-level defects that need a different
// chain (a fork on one node, a block time that does not increase); byte-level defects are planted
// by the tests afterwards with editLedger.
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ClassicLevel } from 'classic-level';
import { buildBlock, commitExecuted, type BlockExecComponents } from '../../src/blocks/index.js';
import { encodeCommit, pb, voteSignBytes, VOTE_PRECOMMIT } from '../../src/codec/index.js';
import { NodeVerifier, sign, type KeyPair } from '../../src/crypto/index.js';
import { Ledger, LevelStorage } from '../../src/ledger/index.js';
import { Mempool } from '../../src/mempool/index.js';
import { DEFAULT_CATEGORIES, genesisHash, parseGenesis, type Genesis } from '../../src/state/index.js';
import { asTimeMs, compareBytes, toHex, utf8, type Hash32 } from '../../src/types/index.js';
import type { TestnetLayout, TestnetNode } from '../../scripts/testnet-files.js';
import type { Ack } from '../../scripts/chaos/check/run-files.js';
import { GENESIS_TIME_MS, anchorTxBytes, digestOf, seedKey, type TestChain } from '../helpers/chain.js';

export const CHAIN_ID = 'chaos-check-test';
export const HEIGHTS = 6;
export const BLOCK_INTERVAL_MS = 1_000;
/** How long after its block time the poller first saw each height. */
export const SEEN_AFTER_MS = 300;

export interface RunFixture {
  readonly dir: string;
  readonly layout: TestnetLayout;
  readonly genesis: Genesis;
  readonly genesisBytes: Uint8Array;
  /** Validator keys in set order (by public key bytes): the validator index of commits. */
  readonly validators: readonly KeyPair[];
  readonly keys: ReadonlyMap<string, KeyPair>;
  readonly acks: Ack[];
  readonly blockHashes: readonly string[];
}

export interface FixtureOptions {
  /** This node holds a different block from `height` on (its own chain, also validly signed). */
  readonly fork?: { readonly node: string; readonly height: number };
  /** Block time of a height, when not genesis + height seconds. */
  readonly timeOf?: (height: number) => number;
}

const timeOfDefault = (height: number): number => GENESIS_TIME_MS + height * BLOCK_INTERVAL_MS;

function makeLayout(dir: string, keys: Map<string, KeyPair>): TestnetLayout {
  const names = ['node0', 'node1', 'node2', 'node3', 'observer0'];
  const nodes: TestnetNode[] = names.map((name, index) => ({
    name, role: name.startsWith('node') ? 'validator' : 'observer', apiPort: 0, apiUrl: 'http://127.0.0.1:1', p2pPort: 0,
    p2pAddr: '', peerId: '', nodeId: toHex(keys.get(name)!.publicKey), dataDir: join(dir, 'testnet', name),
    configFile: join(dir, 'testnet', name, 'config.json'), logFile: join(dir, 'testnet', name, 'node.log'), command: [`node-${index}`],
  }));
  return { dir: join(dir, 'testnet'), chainId: CHAIN_ID, basePort: 31_000, genesisFile: join(dir, 'testnet', 'genesis.json'),
    submitterKeyFile: join(dir, 'testnet', 'submitter.key'), nodes };
}

/** Builds heights 1..HEIGHTS into <dataDir>/ledger; from `variantFrom` on, the blocks anchor other digests. */
async function buildLedger(dataDir: string, chain: TestChain, validators: readonly KeyPair[], timeOf: (h: number) => number,
  variantFrom = Infinity): Promise<{ acks: Ack[]; hashes: string[] }> {
  rmSync(join(dataDir, 'ledger'), { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const ledger = await Ledger.open(await LevelStorage.open(join(dataDir, 'ledger')), chain.genesis, chain.genesisHash);
  const verifier = new NodeVerifier();
  const clock = { nowMs: () => asTimeMs(GENESIS_TIME_MS + 500) };
  const mempool = new Mempool({ chainId: CHAIN_ID, params: chain.genesis.params, verifier, clock, state: ledger.state },
    { txsMax: 100, bytesMax: 1 << 20 });
  const exec: BlockExecComponents = { genesis: chain.genesis, ledger, mempool, verifier };
  const acks: Ack[] = [];
  const hashes: string[] = [];
  for (let height = 1; height <= HEIGHTS; height++) {
    const variant = height >= variantFrom ? 'b' : 'a';
    const digests = [0, 1].map((i) => digestOf(`chaos-doc-${height}-${i}-${variant}`));
    for (const [i, digest] of digests.entries()) await mempool.add(anchorTxBytes(chain, digest, { nonce: height * 10 + i }));
    const timeMs = timeOf(height);
    const block = await buildBlock(exec, height, timeMs, validators[height % validators.length]!.publicKey);
    const signatures = validators.map((key, validatorIndex) =>
      ({ validatorIndex, signature: sign(key.seed, voteSignBytes(CHAIN_ID, height, 0, VOTE_PRECOMMIT, block.hash)) }));
    await commitExecuted(exec, block, encodeCommit({ height, round: 0, blockHash: block.hash, signatures }));
    hashes.push(toHex(block.hash));
    block.result.included.forEach((tx, i) => acks.push({ txHash: tx.id, digest: toHex(digests[i]!), height, blockHash: toHex(block.hash),
      node: 'node0', submittedAtMs: timeMs - 200, ackedAtMs: timeMs + 200 }));
  }
  await ledger.close();
  return { acks, hashes };
}

export function writeJsonl(path: string, entries: readonly unknown[]): void {
  writeFileSync(path, entries.map((e) => JSON.stringify(e) + '\n').join(''));
}

export async function buildRun(dir: string, options: FixtureOptions = {}): Promise<RunFixture> {
  const keys = new Map<string, KeyPair>(['node0', 'node1', 'node2', 'node3', 'observer0', 'submitter']
    .map((name) => [name, seedKey(`chaos-check/${name}`)]));
  const validators = ['node0', 'node1', 'node2', 'node3'].map((n) => keys.get(n)!)
    .sort((a, b) => compareBytes(a.publicKey, b.publicKey));
  const genesisJson = {
    chainId: CHAIN_ID, genesisTimeMs: GENESIS_TIME_MS,
    validators: ['node0', 'node1', 'node2', 'node3'].map((name) => ({ name, publicKey: toHex(keys.get(name)!.publicKey), power: 10 })),
    members: [
      { name: 'observer0', organisation: 'observer0', role: 'observer', publicKey: toHex(keys.get('observer0')!.publicKey), categories: [] },
      { name: 'platform', organisation: 'platform', role: 'submitter', publicKey: toHex(keys.get('submitter')!.publicKey), categories: [] },
    ],
    categories: [...DEFAULT_CATEGORIES], params: {},
  };
  const genesisBytes = utf8(JSON.stringify(genesisJson, null, 2));
  const genesis = parseGenesis(genesisJson);
  const chain: TestChain = { genesis, genesisJson, genesisBytes, genesisHash: genesisHash(genesisBytes) as Hash32,
    validator: validators[0]!, submitter: keys.get('submitter')!, outsider: seedKey('outsider') };
  const layout = makeLayout(dir, keys);
  mkdirSync(layout.dir, { recursive: true });
  writeFileSync(layout.genesisFile, genesisBytes);
  const timeOf = options.timeOf ?? timeOfDefault;
  const [first, ...others] = layout.nodes;
  const built = await buildLedger(first!.dataDir, chain, validators, timeOf);
  for (const node of others) cpSync(join(first!.dataDir, 'ledger'), join(node.dataDir, 'ledger'), { recursive: true });
  if (options.fork !== undefined) {
    const forked = layout.nodes.find((n) => n.name === options.fork!.node)!;
    await buildLedger(forked.dataDir, chain, validators, timeOf, options.fork.height);
  }
  writeJsonl(join(dir, 'acks.jsonl'), built.acks);
  writeJsonl(join(dir, 'heights.jsonl'), layout.nodes.flatMap((node) => Array.from({ length: HEIGHTS }, (_, i) =>
    ({ node: node.name, height: i + 1, seenAtMs: timeOf(i + 1) + SEEN_AFTER_MS }))));
  writeJsonl(join(dir, 'faults.jsonl'), [
    { id: 1, atMs: timeOf(2), kind: 'kill', nodes: ['node2'], detail: {} },
    { id: 1, healedAtMs: timeOf(3), recoveredAtMs: timeOf(3) + 2_000, recoveryMs: 2_000, outcome: {} },
  ]);
  return { dir, layout, genesis, genesisBytes, validators, keys, acks: built.acks, blockHashes: built.hashes };
}

/** Raw edits of a stopped node's LevelDB, for planting byte-level defects. */
export async function editLedger(dataDir: string, edit: (db: ClassicLevel<string, Uint8Array>) => Promise<void>): Promise<void> {
  const db = new ClassicLevel<string, Uint8Array>(join(dataDir, 'ledger'), { keyEncoding: 'utf8', valueEncoding: 'view' });
  await db.open();
  try {
    await edit(db);
  } finally {
    await db.close();
  }
}

export const heightKey = (height: number): string => height.toString(16).padStart(16, '0');

/** A consensus WAL record of `key`'s own precommit at (height, round) for `blockHash`, written into the node's ledger. */
export async function writeWalVote(dataDir: string, key: KeyPair, validatorIndex: number, height: number, round: number,
  blockHash: Uint8Array): Promise<void> {
  const signature = sign(key.seed, voteSignBytes(CHAIN_ID, height, round, VOTE_PRECOMMIT, blockHash));
  const record = pb.ConsensusWal.encode({ height, round, ownVotes: [{ type: VOTE_PRECOMMIT, height, round, blockHash, validatorIndex, signature }],
    lastSigned: { height, round, signStep: 3, signBytes: voteSignBytes(CHAIN_ID, height, round, VOTE_PRECOMMIT, blockHash), signature } }).finish();
  await editLedger(dataDir, (db) => db.put('meta/consensus-wal', record));
}
