// The offline phase: the nodes are stopped, and each one's ledger is read raw and verified from
// the genesis (chain-verify.ts), every acked anchor looked for in it (ledger-acks.ts), its own
// signatures collected (signed-records.ts); then the nodes are compared height by height and the
// vote book is searched for double signs.
import { pb } from '../../../src/codec/index.js';
import type { Findings } from './findings.js';
import { checkAcksInLedger } from './ledger-acks.js';
import { checkLiveness } from './liveness.js';
import { hex } from './primitives.js';
import { RawLedger } from './raw-ledger.js';
import type { RunLogs } from './run-files.js';
import { checkHighWater, collectWalVotes } from './signed-records.js';
import { nameOfKey, type Trust } from './trust.js';
import { verifyChain, type VerifiedChain } from './chain-verify.js';
import { VoteBook } from './votes.js';

/** Per node, the heights whose block differs from the most common one reported in full; the rest are counted. */
const FORKED_HEIGHTS_REPORTED_MAX = 5;

export async function checkOffline(trust: Trust, logs: RunLogs, findings: Findings): Promise<void> {
  const votes = new VoteBook(findings);
  const chains: VerifiedChain[] = [];
  for (const node of trust.nodes) {
    const raw = await RawLedger.open(node.dataDir);
    if (typeof raw === 'string') {
      findings.fail(`${node.name}: ${raw}`);
      continue;
    }
    try {
      const chain = await verifyChain(raw, node, trust, votes, findings);
      chains.push(chain);
      await checkAcksInLedger(raw, node, chain.hashes, logs.acks, findings);
      await collectWalVotes(raw, node, trust, votes, findings);
      checkHighWater(node, chain.hashes, trust, votes, findings);
      await checkRecordedEquivocations(raw, node.name, trust, findings);
    } finally {
      await raw.close();
    }
  }
  findings.set('nodes', chains.length);
  findings.set('heights', Math.max(0, ...chains.map((c) => c.tip)));
  compareChains(chains, findings);
  votes.report(trust);
  checkLiveness(logs, Math.max(0, ...chains.map((c) => c.tip)), findings);
}

/** The same block hash at every height on every node that holds it (each compared with the most common hash). */
export function compareChains(chains: readonly VerifiedChain[], findings: Findings): void {
  const top = Math.max(0, ...chains.map((c) => c.hashes.length));
  const reported = new Map<string, number>();
  for (let height = 1; height <= top; height++) {
    const tally = new Map<string, number>();
    for (const c of chains) {
      const hash = c.hashes[height - 1];
      if (hash !== undefined) tally.set(hash, (tally.get(hash) ?? 0) + 1);
    }
    if (tally.size < 2) continue;
    findings.add('forkedHeights');
    const common = [...tally.entries()].sort((a, b) => b[1] - a[1])[0]![0];
    for (const c of chains) {
      const hash = c.hashes[height - 1];
      if (hash === undefined || hash === common) continue;
      const count = (reported.get(c.node.name) ?? 0) + 1;
      reported.set(c.node.name, count);
      if (count <= FORKED_HEIGHTS_REPORTED_MAX) {
        findings.fail(`fork: ${c.node.name} holds block ${hash} at height ${height}, ${tally.get(common)} node(s) hold ${common}`);
      }
    }
  }
}

/** Equivocations the chain itself recorded (state equiv/...): none may name an honest validator. */
async function checkRecordedEquivocations(raw: RawLedger, nodeName: string, trust: Trust, findings: Findings): Promise<void> {
  for await (const [, value] of raw.stateEntries('equiv/')) {
    const record = pb.EquivocationRecord.decode(value);
    const offender = hex(record.validator);
    findings.add('equivocationsRecorded');
    if (trust.honest.has(offender)) {
      findings.fail(`${nodeName}: the chain records a ${record.kind} equivocation by honest ${nameOfKey(trust, offender)} at height `
        + `${Number(record.offenceHeight)} round ${record.offenceRound} (recorded at height ${Number(record.height)})`);
    }
  }
}
