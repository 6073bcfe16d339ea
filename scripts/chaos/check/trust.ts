// What the checker trusts: the genesis file the testnet was made with (chain id, first validator
// set, PBTS parameters) and the layout's list of nodes. Everything a node says is checked against
// these.
import { readFileSync } from 'node:fs';
import { parseGenesis, type Genesis } from '../../../src/state/genesis.js';
import type { TestnetLayout, TestnetNode } from '../../testnet-files.js';
import { sortSet, unhex, type SetMember } from './primitives.js';

export interface Trust {
  readonly genesis: Genesis;
  readonly chainId: string;
  /** The genesis validator set, by public key order. */
  readonly genesisSet: readonly SetMember[];
  /** Validator keys (hex) that are not byzantine: their double signs fail the run. */
  readonly honest: ReadonlySet<string>;
  readonly byzantine: ReadonlySet<string>;
  readonly nodes: readonly TestnetNode[];
}

export function loadTrust(layout: TestnetLayout, byzantineNodeIds: readonly string[]): Trust {
  const genesis = parseGenesis(JSON.parse(readFileSync(layout.genesisFile, 'utf8')) as unknown);
  const genesisSet = sortSet(genesis.validators.map((v) => ({ publicKey: unhex(v.publicKey)!, power: v.power })));
  // Byzantine nodes may be named by node id (public key hex) or by name.
  const byzantine = new Set(byzantineNodeIds.map((id) => {
    const byName = layout.nodes.find((n) => n.name === id);
    return (byName?.nodeId ?? id).toLowerCase();
  }));
  const keys = [...genesis.validators.map((v) => v.publicKey), ...layout.nodes.map((n) => n.nodeId)].map((k) => k.toLowerCase());
  const honest = new Set(keys.filter((k) => !byzantine.has(k)));
  return { genesis, chainId: genesis.chainId, genesisSet, honest, byzantine, nodes: layout.nodes };
}

/** A node's name for messages, from its key when it is in the layout. */
export function nameOfKey(trust: Trust, keyHex: string): string {
  const node = trust.nodes.find((n) => n.nodeId === keyHex);
  return node === undefined ? `validator ${keyHex.slice(0, 16)}` : `${node.name} (${keyHex.slice(0, 16)})`;
}

/** A seeded sample (mulberry32): the same run checks the same acks again. */
export function seededSample<T>(items: readonly T[], count: number, seed: number): T[] {
  if (items.length <= count) return [...items];
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pool = [...items];
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(next() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, count);
}
