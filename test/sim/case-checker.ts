// Invariants on judgment contracts, checked on what each honest node stores when it commits a block:
// 8. at every height that honest nodes both committed, they derive the same case state: the bytes
//    under case/ (records, due queue and cursor, payments, filings, the event and party indexes),
//    the block's events (its bev/ entry) with the header's events root and count over them, and
//    what each case owes at the block's time (caseOwedAt). Within one node, the header's count and
//    root are those of its bev/ entry, every event names this height, and the case's event index
//    points at the event's own place in it;
// 9. no running case (ACTIVE, DEFAULTED, FILED) holds an unpaid instalment whose legal time (due +
//    grace, or the resumption that took it up) is at or before the block's time without its default:
//    the clock defaults it in the first block whose time reaches it. The workload stays far below the
//    clock's per-block limit (case-plan.ts), so no entry is ever carried to a later block.
//
// The state is read as the node stores it and decoded with the node's own code; nothing is derived
// by the contract's rules here.
import { decodeBlock } from '../../src/codec/index.js';
import { sha256 } from '../../src/crypto/hash.js';
import { leafHash, rootFromLeafHashes } from '../../src/merkle/index.js';
import {
  CASE_RECORD_PREFIX, Status, caseEventKey, caseNoOfKey, caseOwedAt, decodeBlockEvents, decodeEvent, decodeEventLocation, readCase, type CaseRecordMsg,
} from '../../src/state/cases/index.js';
import type { MemStorage } from '../../src/ledger/index.js';
import { blockEventsKey } from '../../src/state/index.js';
import { concatBytes, equalBytes, toHex, utf8 } from '../../src/types/index.js';

/** The ledger keeps state under this prefix of its storage. */
const STATE_PREFIX = 's/';
const RUNNING: readonly number[] = [Status.CASE_STATUS_ACTIVE, Status.CASE_STATUS_DEFAULTED, Status.CASE_STATUS_FILED];

type Entries = AsyncIterator<[string, Uint8Array]>;

/** Entries of a prefix as the storage holds them at the call: the scan's snapshot is taken before it returns. */
function snapshotOf(storage: MemStorage, prefix: string): { first: Promise<IteratorResult<[string, Uint8Array]>>; rest: Entries } {
  const iterator = storage.entries(STATE_PREFIX + prefix)[Symbol.asyncIterator]();
  // An async generator runs to its first yield inside next(): MemStorage copies the matching entries
  // there, so this call fixes what the scan yields, whatever the node commits next.
  return { first: iterator.next(), rest: iterator };
}

async function collect({ first, rest }: ReturnType<typeof snapshotOf>): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  for (let next = await first; next.done !== true; next = await rest.next()) out.set(next.value[0].slice(STATE_PREFIX.length), next.value[1]);
  return out;
}

/**
 * The block's events as state holds them (written at its commit, never changed): all of its bev/
 * key, so that an extra event shows too; none when the block has no such key.
 */
async function eventsOf(storage: MemStorage, height: number): Promise<Uint8Array[]> {
  const bytes = await storage.get(STATE_PREFIX + blockEventsKey(height));
  return bytes === undefined ? [] : decodeBlockEvents(bytes);
}

const json = (value: unknown): string => JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));

export class CaseChecker {
  private readonly agreed = new Map<number, { readonly node: number; readonly digest: string }>();
  /** Node-heights whose case state was read, and of those compared against another node's. */
  statesRead = 0;
  statesCompared = 0;
  eventsChecked = 0;

  constructor(private readonly fail: (message: string) => never) {}

  /**
   * Called in the node's commit callback, while its state is that of `height`: fixes the snapshot
   * at once, and returns the check of it.
   */
  onCommitted(node: number, storage: MemStorage, height: number, blockBytes: Promise<Uint8Array | undefined>): Promise<void> {
    return this.check(node, storage, height, collect(snapshotOf(storage, 'case/')), blockBytes);
  }

  private async check(node: number, storage: MemStorage, height: number, casesRead: Promise<Map<string, Uint8Array>>,
    blockBytes: Promise<Uint8Array | undefined>): Promise<void> {
    const [cases, bytes] = await Promise.all([casesRead, blockBytes]);
    if (bytes === undefined) this.fail(`node ${node} committed block ${height} but does not store it`);
    const { header } = decodeBlock(bytes);
    const events = await eventsOf(storage, height);
    const where = `node ${node} at height ${height}`;
    this.checkEvents(where, height, header, events, cases);
    const view = { get: (key: string): Promise<Uint8Array | undefined> => Promise.resolve(cases.get(key)) };
    let digest = sha256(utf8(`${header.eventCount}/${toHex(header.eventsRoot)}`));
    for (const [key, value] of cases) digest = sha256(concatBytes(digest, utf8(key), value));
    for (const value of events) digest = sha256(concatBytes(digest, value));
    for (const key of cases.keys()) {
      if (!key.startsWith(CASE_RECORD_PREFIX)) continue;
      const record = await readCase(view, caseNoOfKey(key));
      if (record === undefined) this.fail(`${where}: ${key} does not read as a case`);
      this.checkDefaults(where, record, header.timeMs);
      digest = sha256(concatBytes(digest, utf8(json(caseOwedAt(record, header.timeMs)))));
    }
    this.statesRead += 1;
    const digestHex = toHex(digest);
    const other = this.agreed.get(height);
    if (other === undefined) this.agreed.set(height, { node, digest: digestHex });
    else {
      if (other.digest !== digestHex) this.fail(`nodes ${other.node} and ${node} derive different case states, events or amounts owed at height ${height}`);
      this.statesCompared += 1;
    }
  }

  /** The header's events root and count are those of the block's bev/ entry, each event indexed under its case. */
  private checkEvents(where: string, height: number, header: ReturnType<typeof decodeBlock>['header'],
    values: readonly Uint8Array[], cases: Map<string, Uint8Array>): void {
    if (header.eventCount !== values.length) this.fail(`${where}: the header counts ${header.eventCount} events, state holds ${values.length}`);
    const root = values.length === 0 ? new Uint8Array() : rootFromLeafHashes(values.map((event) => leafHash(event)));
    if (!equalBytes(root, header.eventsRoot)) this.fail(`${where}: the header's events root is not the root of the block's events`);
    values.forEach((bytes, index) => {
      const event = decodeEvent(bytes);
      if (Number(event.height) !== height) this.fail(`${where}: event ${index} names height ${event.height}`);
      if (event.caseNo === '') return;
      const location = cases.get(caseEventKey(event.caseNo, Number(event.seq)));
      const found = location === undefined ? undefined : decodeEventLocation(location);
      if (found?.height !== height || found.index !== index) this.fail(`${where}: event ${event.seq} of ${event.caseNo} is not indexed at its place`);
      this.eventsChecked += 1;
    });
  }

  /** Invariant 9. */
  private checkDefaults(where: string, record: CaseRecordMsg, timeMs: number): void {
    if (!RUNNING.includes(record.status)) return;
    record.instalments.forEach((instalment, index) => {
      if (instalment.principalFen > 0 && instalment.legalAtMs <= timeMs && !instalment.defaulted) {
        this.fail(`${where}: instalment ${index} of ${record.terms.caseNo} is unpaid past its legal time ${instalment.legalAtMs} `
          + `(block time ${timeMs}) and not in default`);
      }
    });
  }

  /** Heights whose case state was compared across at least two nodes. */
  get heightsAgreed(): number {
    return this.agreed.size;
  }
}
