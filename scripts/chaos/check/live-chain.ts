// The live phase's chain checks, over each node's public API only: /v1/status of every node, and
// /v1/headers/:h of every node for every height up to the lowest tip. Each header is re-hashed from
// its fields (re-encoded with the codec: stored headers are canonical, so the same bytes), linked
// to the one before, and compared across nodes (block hash, app hash, validator set hashes, time).
// On one node, the commit of every height is verified against the set in force, and block times
// are held to strict increase and to the PBTS bounds of real time (pbts.ts).
import { pb } from '../../../src/codec/index.js';
import type { HeaderSchema, Json, StatusSchema, ValidatorSetSchema } from '../../../src/contract/http.js';
import type { TestnetNode } from '../../testnet-files.js';
import type { Findings } from './findings.js';
import { getJson, pool, REQUESTS_IN_FLIGHT_MAX } from './http.js';
import { checkCommit, hex, same, setHash, sha256, sortSet, unhex, type SetMember } from './primitives.js';
import type { Trust } from './trust.js';

export type HeaderView = Json<typeof HeaderSchema>;
type StatusView = Json<typeof StatusSchema>;

export interface LiveNode {
  readonly node: TestnetNode;
  readonly status: StatusView;
  /** Headers 1..lowest tip, index h - 1; undefined where the node did not answer. */
  headers: (HeaderView | undefined)[];
}

/** Status of every node: reachable, of this chain, with the layout's key, not halted. */
export async function readStatuses(trust: Trust, findings: Findings): Promise<LiveNode[]> {
  const live: LiveNode[] = [];
  for (const node of trust.nodes) {
    const answer = await getJson<StatusView>(node.apiUrl, '/v1/status');
    if ('error' in answer) {
      findings.fail(`${node.name}: not reachable: ${answer.error}`);
      continue;
    }
    const status = answer.value;
    if (status.chainId !== trust.chainId) findings.fail(`${node.name}: status names chain ${status.chainId}, not ${trust.chainId}`);
    if (status.nodeId !== node.nodeId) findings.fail(`${node.name}: status names node ${status.nodeId}, the layout ${node.nodeId}`);
    if (status.halted) findings.fail(`${node.name}: halted at height ${status.latestHeight}`);
    live.push({ node, status, headers: [] });
  }
  findings.set('nodes', live.length);
  return live;
}

export async function readHeaders(live: readonly LiveNode[], lowestTip: number, findings: Findings): Promise<void> {
  const jobs = live.flatMap((l) => Array.from({ length: lowestTip }, (_, i) => ({ l, height: i + 1 })));
  await pool(jobs, REQUESTS_IN_FLIGHT_MAX, async ({ l, height }) => {
    const answer = await getJson<HeaderView>(l.node.apiUrl, `/v1/headers/${height}`);
    if ('error' in answer) findings.fail(`${l.node.name} height ${height}: ${answer.error}`);
    else l.headers[height - 1] = answer.value;
  });
}

/** The header's hash recomputed from its fields. */
export function rehash(h: HeaderView): string {
  const bytes = (text: string): Uint8Array => unhex(text) ?? new Uint8Array();
  return hex(sha256(pb.Header.encode(pb.Header.create({
    chainId: h.chainId, height: h.height, timeMs: h.timeMs, prevBlockHash: bytes(h.prevBlockHash), historyRoot: bytes(h.historyRoot),
    txRoot: bytes(h.txRoot), appHash: bytes(h.appHash), resultsHash: bytes(h.resultsHash), validatorsHash: bytes(h.validatorsHash),
    nextValidatorsHash: bytes(h.nextValidatorsHash), proposer: bytes(h.proposer), txCount: h.txCount,
  })).finish()));
}

const COMPARED = ['hash', 'appHash', 'validatorsHash', 'nextValidatorsHash', 'timeMs'] as const;

/** Every node's headers hash to what they say and link up; all nodes agree at every height. */
export function compareHeaders(live: readonly LiveNode[], lowestTip: number, trust: Trust, findings: Findings): void {
  for (const l of live) {
    let prev = hex(new Uint8Array(32));
    for (let height = 1; height <= lowestTip; height++) {
      const h = l.headers[height - 1];
      if (h === undefined) continue;
      const at = `${l.node.name} height ${height} (block ${h.hash})`;
      if (h.height !== height || h.chainId !== trust.chainId) findings.fail(`${at}: header is of height ${h.height}, chain ${h.chainId}`);
      if (rehash(h) !== h.hash) findings.fail(`${at}: the header's fields hash to ${rehash(h)}`);
      if (h.prevBlockHash !== prev) findings.fail(`${at}: prev hash ${h.prevBlockHash} does not link to ${prev}`);
      prev = h.hash;
    }
  }
  for (let height = 1; height <= lowestTip; height++) {
    const answered = live.filter((l) => l.headers[height - 1] !== undefined);
    const reference = answered[0]?.headers[height - 1];
    if (reference === undefined) continue;
    for (const l of answered.slice(1)) {
      const h = l.headers[height - 1]!;
      const differing = COMPARED.filter((field) => h[field] !== reference[field]);
      if (differing.length > 0) {
        findings.fail(`fork: at height ${height} ${l.node.name} differs from ${answered[0]!.node.name} in ${differing.join(', ')} `
          + `(block ${h.hash} vs ${reference.hash})`);
      }
    }
  }
  findings.set('heights', lowestTip);
}

/** On one node: each commit proves its block under the set in force (from the genesis, changes checked by hash). */
export async function verifyCommits(l: LiveNode, lowestTip: number, trust: Trust, findings: Findings): Promise<void> {
  let set: SetMember[] | undefined = [...trust.genesisSet];
  for (let height = 1; height <= lowestTip && set !== undefined; height++) {
    const h = l.headers[height - 1];
    if (h === undefined) continue;
    const at = `${l.node.name} height ${height} (block ${h.hash})`;
    if (h.validatorsHash !== hex(setHash(set))) findings.fail(`${at}: validators hash is not the hash of the set in force`);
    const signatures = h.commit.signatures.map((s) => ({ validatorIndex: s.validatorIndex, signature: unhex(s.signature) ?? new Uint8Array() }));
    const result = checkCommit(trust.chainId, height, h.commit.round, unhex(h.hash)!, signatures, set);
    if (result.problem === undefined) findings.add('commitsVerified');
    else findings.fail(`${at}: commit round ${h.commit.round}: ${result.problem}`);
    if (h.nextValidatorsHash !== h.validatorsHash) set = await nextSet(l, height + 1, h.nextValidatorsHash, findings, at);
  }
}

async function nextSet(l: LiveNode, height: number, expectedHash: string, findings: Findings, at: string):
  Promise<SetMember[] | undefined> {
  const answer = await getJson<Json<typeof ValidatorSetSchema>>(l.node.apiUrl, `/v1/validators?height=${height}`);
  const set = 'error' in answer ? undefined
    : sortSet(answer.value.validators.map((v) => ({ publicKey: unhex(v.publicKey) ?? new Uint8Array(), power: v.power })));
  if (set !== undefined && same(setHash(set), unhex(expectedHash))) {
    findings.add('setChanges');
    return set;
  }
  findings.fail(`${at}: the next validator set the node serves does not hash to next_validators_hash; commits above are not checked`);
  return undefined;
}
