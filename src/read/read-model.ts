// The read model: every query the API asks of committed data (anchors, receipts, blocks, members,
// validator sets, governance proposals, equivocations), answered from the ledger's blocks and its
// state in the shapes of the API's contract (src/api/components.ts). It only reads: NodeCore
// delegates its ApiComponents queries here and keeps admission and the driver to itself.
import type { BlockSummary, CaseEventsView, CaseListQuery, CaseListView, CaseView, EquivocationView, EventReceiptForms, EvidenceAnchor, GovernanceProposalView, MemberEntry, MemberView, ProposalStatus,
  MoneyReceivedListView, PayoutListQuery, PayoutListView, PayoutPolicyView, PayoutView, ReceiptForms, TxCommitInfo, ValidatorSetView,
} from '../api/components.js';
import { ALGORITHM_IDS, algorithmName, pb, txHash, type EvidenceRecordMsg, type ValidatorEntry } from '../codec/index.js';
import { decodeEventReceipt, eventReceiptToJson } from '../client/event-receipt.js';
import { decodeReceipt } from '../client/receipt.js';
import { receiptToJson } from '../client/receipt-json.js';
import { LedgerError, type Ledger } from '../ledger/index.js';
import { decodeEvent } from '../state/cases/index.js';
import { allEquivocations, allMembers, allProposals, readMember, readProposal, readTxLocation,
  readValidatorHistory } from '../state/index.js';
import { TianpingError, equalBytes, toHex, type Hash32 } from '../types/index.js';
import { caseEventLocation, casePartyKeys, readCaseEvents, readCaseView, readCases } from './cases.js';
import { equivocationView } from './equivocation-view.js';
import { evidenceRecords, submitterRecords } from './evidence.js';
import { memberEntry, proposalStatus, proposalView, validatorSetView, type ProposalContext } from './governance-view.js';
import { readMoneyReceived, readPayout, readPayouts, readPolicyView } from './payouts.js';
import { eventReceipt, receiptOf, txInclusion, type ReceiptMsg } from './receipts.js';

const RECEIPT_SCAN_PAGE = 100;
/** Member names kept in memory at most (members are few; the bound is against surprises). */
const MEMBER_NAMES_MAX = 10_000;

function receiptForms(receipt: ReceiptMsg): ReceiptForms {
  const bytes = pb.Receipt.encode(receipt).finish();
  return { json: receiptToJson(decodeReceipt(bytes)) as ReceiptForms['json'], bytes };
}

export class ReadModel {
  private readonly memberNames = new Map<string, string>();

  constructor(private readonly ledger: Ledger) {}

  /** Where a committed tx sits, with its block's hash and time; undefined when not committed. */
  async committedTx(hash: Hash32): Promise<TxCommitInfo | undefined> {
    const location = await readTxLocation(this.ledger.state, hash);
    if (location === undefined) return undefined;
    const header = await this.committedHeader(location.height, 'a committed tx');
    return { hash: toHex(hash), height: location.height, index: location.index, blockHash: toHex(header.hash),
      blockTimeMs: header.header.timeMs };
  }

  async evidence(digest: Uint8Array, algorithm: 'sha256' | 'sm3', page: { offset: number; limit: number }):
    Promise<{ total: number; anchors: EvidenceAnchor[] }> {
    const { total, records } = await evidenceRecords(this.ledger, ALGORITHM_IDS[algorithm], digest, page.offset, page.limit);
    return { total, anchors: await this.anchorViews(records) };
  }

  /** With `trustedHeight`, the version 2 receipt proved against the header at that height (docs/receipt-format.md §13). */
  async receipt(digest: Uint8Array, algorithm: 'sha256' | 'sm3', txHash?: Uint8Array, trustedHeight?: number): Promise<ReceiptForms> {
    const id = ALGORITHM_IDS[algorithm];
    // Pages through the anchors only as far as needed: the earliest, or the one of the tx asked for.
    for (let offset = 0; ; offset += RECEIPT_SCAN_PAGE) {
      const { total, records } = await evidenceRecords(this.ledger, id, digest, offset, RECEIPT_SCAN_PAGE);
      const record = records.find((r) => txHash === undefined || equalBytes(r.txHash, txHash));
      if (record !== undefined) return receiptForms(await receiptOf(this.ledger, record, trustedHeight));
      if (offset + RECEIPT_SCAN_PAGE >= total) {
        throw new TianpingError('EVIDENCE_NOT_FOUND', txHash === undefined ? 'the digest has no anchor on this chain'
          : 'the digest has no anchor in that tx');
      }
    }
  }

  async txInclusion(hash: Uint8Array): Promise<ReceiptForms> {
    const location = await readTxLocation(this.ledger.state, hash);
    if (location === undefined) throw new TianpingError('TX_NOT_FOUND');
    return receiptForms(await txInclusion(this.ledger, location.height, location.index));
  }

  async eventReceipt(height: number, index: number): Promise<EventReceiptForms> {
    const bytes = pb.EventReceipt.encode(await eventReceipt(this.ledger, height, index)).finish();
    // The JSON form is written from the bytes, as for anchor receipts: one form converts into the other.
    return { json: eventReceiptToJson(decodeEventReceipt(bytes)) as unknown as EventReceiptForms['json'], bytes };
  }

  caseView(caseNo: string, atMs?: number): Promise<CaseView> {
    return readCaseView(this.ledger, caseNo, atMs);
  }

  cases(query: CaseListQuery): Promise<CaseListView> {
    return readCases(this.ledger, query);
  }

  caseEvents(caseNo: string, page: { after?: number | undefined; limit: number }): Promise<CaseEventsView> {
    return readCaseEvents(this.ledger, caseNo, page);
  }

  caseParties(caseNo: string): Promise<readonly string[] | undefined> {
    return casePartyKeys(this.ledger, caseNo);
  }

  /** The receipt of a case's event `seq`: the case/ev/ index gives its block and position. */
  async caseEventReceipt(caseNo: string, seq: number): Promise<EventReceiptForms> {
    const { height, index } = await caseEventLocation(this.ledger, caseNo, seq);
    const forms = await this.eventReceipt(height, index);
    const event = decodeEvent(decodeEventReceipt(forms.bytes).event);
    if (event.caseNo !== caseNo || event.seq !== seq) {
      throw new LedgerError('LEDGER_CORRUPT', `ledger corrupt: case/ev/ names ${height}/${index} for event ${seq}, which holds another event`);
    }
    return forms;
  }

  payouts(query: PayoutListQuery): Promise<PayoutListView> {
    return readPayouts(this.ledger, query);
  }

  payout(id: string): Promise<PayoutView> {
    return readPayout(this.ledger, id);
  }

  payoutPolicy(): Promise<PayoutPolicyView> {
    return readPolicyView(this.ledger);
  }

  moneyReceived(page: { after?: string | undefined; limit: number }): Promise<MoneyReceivedListView> {
    return readMoneyReceived(this.ledger, page);
  }

  async anchorsBySubmitter(publicKey: Uint8Array, page: { offset: number; limit: number }):
    Promise<{ total: number; anchors: EvidenceAnchor[] }> {
    const { total, records } = await submitterRecords(this.ledger, publicKey, page.offset, page.limit);
    return { total, anchors: await this.anchorViews(records) };
  }

  private async anchorViews(records: readonly EvidenceRecordMsg[]): Promise<EvidenceAnchor[]> {
    const anchors: EvidenceAnchor[] = [];
    for (const r of records) {
      const header = await this.committedHeader(r.height, 'an anchor');
      // The state machine records only algorithms it knows: another id is not ours to guess.
      const algorithm = algorithmName(r.algorithm);
      if (algorithm === undefined) {
        throw new LedgerError('LEDGER_CORRUPT', `ledger corrupt: an anchor names hash algorithm ${r.algorithm}`);
      }
      anchors.push({
        algorithm, digest: toHex(r.digest), category: r.category,
        submitter: toHex(r.submitter), submitterName: await this.memberName(r.submitter), externalRef: r.externalRef,
        metadataDigest: toHex(r.metadataDigest), salted: r.salted, height: r.height, blockTimeMs: r.timeMs,
        blockHash: toHex(header.hash), txHash: toHex(r.txHash), txIndex: r.txIndex,
      });
    }
    return anchors;
  }

  /** The header of a height that state says is committed: its absence is corruption, not an empty answer. */
  private async committedHeader(height: number, what: string): Promise<NonNullable<Awaited<ReturnType<Ledger['header']>>>> {
    const header = await this.ledger.header(height);
    if (header === undefined) {
      throw new LedgerError('LEDGER_CORRUPT', `ledger corrupt: ${what} is at height ${height}, beyond the tip`);
    }
    return header;
  }

  async block(height: number | 'latest'): Promise<BlockSummary | undefined> {
    const stored = await this.ledger.block(height === 'latest' ? this.ledger.tip.height : height);
    if (stored === undefined) return undefined;
    const h = stored.header;
    return {
      height: h.height, hash: toHex(stored.hash), timeMs: h.timeMs, chainId: h.chainId,
      prevBlockHash: toHex(h.prevBlockHash), historyRoot: toHex(h.historyRoot), txRoot: toHex(h.txRoot),
      appHash: toHex(h.appHash), resultsHash: toHex(h.resultsHash), validatorsHash: toHex(h.validatorsHash),
      nextValidatorsHash: toHex(h.nextValidatorsHash), proposer: toHex(h.proposer), txCount: h.txCount,
      // Only for a block with case events: the view of every other block is what it was.
      ...(h.eventCount === 0 ? {} : { eventsRoot: toHex(h.eventsRoot), eventCount: h.eventCount }),
      txHashes: stored.txs.map((tx) => toHex(txHash(tx))),
      commit: { round: stored.commit.round,
        signatures: stored.commit.signatures.map((s) => ({ validatorIndex: s.validatorIndex ?? 0, signature: toHex(s.signature ?? new Uint8Array()) })) },
    };
  }

  async member(publicKeyHex: string): Promise<MemberView | undefined> {
    const record = await readMember(this.ledger.state, publicKeyHex);
    return record === undefined ? undefined : { name: record.name, role: record.role, status: record.status };
  }

  async equivocations(): Promise<EquivocationView[]> {
    const views: EquivocationView[] = [];
    for await (const record of allEquivocations(this.ledger.state)) views.push(await equivocationView(record, (key) => this.memberName(key)));
    return views;
  }

  async members(): Promise<MemberEntry[]> {
    const members: MemberEntry[] = [];
    for await (const record of allMembers(this.ledger.state)) members.push(memberEntry(record));
    return members;
  }

  async validators(height?: number): Promise<ValidatorSetView | undefined> {
    const at = height ?? this.ledger.tip.height + 1;
    const set = await this.validatorsAt(at);
    return set === undefined ? undefined : validatorSetView(at, set, (key) => this.memberName(key));
  }

  /** The validator set of a height (which signs that height's block), or undefined beyond tip + 1. */
  private async validatorsAt(height: number): Promise<{ sinceHeight: number; validators: ValidatorEntry[] } | undefined> {
    if (!Number.isSafeInteger(height) || height < 1 || height > this.ledger.tip.height + 1) return undefined;
    let found: { sinceHeight: number; validators: ValidatorEntry[] } | undefined;
    for (const [since, validators] of await readValidatorHistory(this.ledger.state)) {
      if (since <= height && (found === undefined || since > found.sinceHeight)) found = { sinceHeight: since, validators };
    }
    return found;
  }

  async proposals(status?: ProposalStatus): Promise<GovernanceProposalView[]> {
    const ctx = this.proposalContext();
    const found: { view: GovernanceProposalView; index: number }[] = [];
    for await (const record of allProposals(this.ledger.state)) {
      if (status !== undefined && proposalStatus(record, ctx.latestBlockTimeMs) !== status) continue;
      // Oldest first: by the opening tx's place in the chain (state keeps them by id).
      const opened = await readTxLocation(this.ledger.state, record.id);
      if (opened === undefined) throw new LedgerError('LEDGER_CORRUPT', `ledger corrupt: proposal ${toHex(record.id)} has no opening tx`);
      const index = opened.index;
      found.push({ view: await proposalView(record, ctx), index });
    }
    found.sort((a, b) => a.view.openedHeight - b.view.openedHeight || a.index - b.index);
    return found.map((f) => f.view);
  }

  async proposal(id: Uint8Array): Promise<GovernanceProposalView | undefined> {
    const record = await readProposal(this.ledger.state, id);
    return record === undefined ? undefined : proposalView(record, this.proposalContext());
  }

  /** One read of the tip for a whole answer, and each height's set read once. */
  private proposalContext(): ProposalContext {
    const tip = this.ledger.tip;
    const sets = new Map<number, Promise<readonly ValidatorEntry[]>>();
    return {
      latestBlockTimeMs: tip.timeMs, nextHeight: tip.height + 1, nameOf: (key) => this.memberName(key),
      setOf: (height) => {
        let set = sets.get(height);
        if (set === undefined) {
          // Tallies are at a decided height or the next one: both have a set, or the ledger is broken.
          set = this.validatorsAt(height).then((found) => {
            if (found === undefined) throw new LedgerError('LEDGER_CORRUPT', `ledger corrupt: no validator set for height ${height}`);
            return found.validators;
          });
          sets.set(height, set);
        }
        return set;
      },
    };
  }

  private async memberName(publicKey: Uint8Array): Promise<string> {
    const id = toHex(publicKey);
    const cached = this.memberNames.get(id);
    if (cached !== undefined) return cached;
    const record = await readMember(this.ledger.state, id);
    if (record === undefined) return ''; // not kept: the key may join later, and then has a name
    if (this.memberNames.size < MEMBER_NAMES_MAX) this.memberNames.set(id, record.name);
    return record.name;
  }
}
