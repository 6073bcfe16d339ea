// Acked anchors over the public API: each is found by GET /v1/evidence/:digest with the acked tx,
// height and block hash; its receipt (GET /v1/evidence/:digest/receipt?tx=) verifies offline with
// the SDK's verifier against the genesis alone and proves the same height and block. All acks are
// checked on one node (up to ACKS_FIRST_NODE_MAX: a soak acks hundreds of thousands, and two HTTP
// reads and a receipt check each would take longer than the soak), on the others all of them when
// there are few, else a seeded sample (the offline phase reads every ack in every ledger). Recorded equivocations may name no honest
// validator.
import { parseReceiptJson } from '../../../src/client/receipt-json.js';
import { verifyReceipt } from '../../../src/client/receipt-verify.js';
import type { EquivocationsResponseSchema, EvidenceResponseSchema, Json } from '../../../src/contract/http.js';
import type { Findings } from './findings.js';
import { getJson, httpGet, pool, REQUESTS_IN_FLIGHT_MAX } from './http.js';
import type { LiveNode } from './live-chain.js';
import { unhex } from './primitives.js';
import type { Ack } from './run-files.js';
import { nameOfKey, seededSample, type Trust } from './trust.js';

/** Up to this many acks, every node checks every ack live; above it, the other nodes check a sample. */
export const ACKS_ALL_NODES_MAX = 200;
export const ACKS_SAMPLE_PER_NODE = 100;
/** The first node checks every ack up to this many, else a seeded sample of this size. */
export const ACKS_FIRST_NODE_MAX = 20_000;
export const SAMPLE_SEED = 20_240_601;
/** Pages of one digest's anchors read at most while looking for the acked one. */
const EVIDENCE_PAGES_MAX = 10;
const EVIDENCE_PAGE = 100;

export async function checkAcksLive(live: readonly LiveNode[], acks: readonly Ack[], trust: Trust, findings: Findings): Promise<void> {
  for (const [index, l] of live.entries()) {
    const chosen = index === 0
      ? (acks.length <= ACKS_FIRST_NODE_MAX ? acks : seededSample(acks, ACKS_FIRST_NODE_MAX, SAMPLE_SEED))
      : (acks.length <= ACKS_ALL_NODES_MAX ? acks : seededSample(acks, ACKS_SAMPLE_PER_NODE, SAMPLE_SEED + index));
    await pool(chosen, REQUESTS_IN_FLIGHT_MAX, async (ack) => {
      findings.add('acksChecked');
      const at = `${l.node.name}: acked anchor ${ack.digest} (tx ${ack.txHash}) at height ${ack.height}`;
      await findAnchor(l, ack, at, findings);
      await checkReceipt(l, ack, trust, at, findings);
      const header = l.headers[ack.height - 1];
      if (header !== undefined && header.hash !== ack.blockHash) findings.fail(`${at}: header of the height is block ${header.hash}, acked ${ack.blockHash}`);
    });
  }
}

async function findAnchor(l: LiveNode, ack: Ack, at: string, findings: Findings): Promise<void> {
  for (let page = 0; page < EVIDENCE_PAGES_MAX; page++) {
    const path = `/v1/evidence/${ack.digest}?offset=${page * EVIDENCE_PAGE}&limit=${EVIDENCE_PAGE}`;
    const answer = await getJson<Json<typeof EvidenceResponseSchema>>(l.node.apiUrl, path);
    if ('error' in answer) {
      findings.fail(`${at}: ${answer.status === 404 ? 'not found (404)' : answer.error}`);
      return;
    }
    const anchor = answer.value.anchors.find((a) => a.txHash === ack.txHash);
    if (anchor !== undefined) {
      if (anchor.height !== ack.height || anchor.blockHash !== ack.blockHash) {
        findings.fail(`${at}: the node has it at height ${anchor.height} in block ${anchor.blockHash}, acked block ${ack.blockHash}`);
      }
      return;
    }
    if ((page + 1) * EVIDENCE_PAGE >= answer.value.total) break;
  }
  findings.fail(`${at}: the digest's anchors do not include the acked tx`);
}

async function checkReceipt(l: LiveNode, ack: Ack, trust: Trust, at: string, findings: Findings): Promise<void> {
  const answer = await httpGet(l.node.apiUrl, `/v1/evidence/${ack.digest}/receipt?tx=${ack.txHash}`);
  if (!answer.ok || answer.status !== 200) {
    findings.fail(`${at}: no receipt (${answer.ok ? `HTTP ${answer.status}` : answer.error})`);
    return;
  }
  let verdict;
  try {
    const receipt = parseReceiptJson(answer.body);
    verdict = verifyReceipt(receipt, { fileDigest: unhex(ack.digest)! }, { chainId: trust.chainId, validators: trust.genesis.validators });
  } catch (error) {
    findings.fail(`${at}: the receipt does not parse: ${(error as Error).message}`);
    return;
  }
  if (!verdict.valid) {
    findings.fail(`${at}: the receipt fails offline verification at ${verdict.failed}: ${verdict.reason}`);
    return;
  }
  const r = verdict.receipt;
  if (r.height !== ack.height || r.blockHash !== ack.blockHash || r.txHash !== ack.txHash) {
    findings.fail(`${at}: the receipt proves tx ${r.txHash} at height ${r.height} in block ${r.blockHash}`);
    return;
  }
  findings.add('receiptsVerified');
}

/** No node's chain records an equivocation by an honest validator. */
export async function checkEquivocationsLive(live: readonly LiveNode[], trust: Trust, findings: Findings): Promise<void> {
  for (const l of live) {
    const answer = await getJson<Json<typeof EquivocationsResponseSchema>>(l.node.apiUrl, '/v1/equivocations');
    if ('error' in answer) {
      findings.fail(`${l.node.name}: ${answer.error}`);
      continue;
    }
    findings.max('equivocationsRecorded', answer.value.equivocations.length);
    for (const e of answer.value.equivocations) {
      if (!trust.honest.has(e.offender)) continue;
      findings.fail(`${l.node.name}: the chain records a ${e.kind} equivocation by honest ${nameOfKey(trust, e.offender)} at height `
        + `${e.offenceHeight} round ${e.offenceRound} (recorded at height ${e.height})`);
    }
  }
}
