// The simulator's contract checker on real case state (made by the production executeBlock): it
// passes nodes that store the same, and fails on each divergence it claims to catch, so a simulated
// run that passes it has checked something.
import { describe, expect, it } from 'vitest';
import { pb } from '../../src/codec/proto.js';
import { MemStorage } from '../../src/ledger/index.js';
import type { ExecuteResult } from '../../src/state/execute.js';
import { CaseChecker } from './case-checker.js';
import { SimulationFailure } from './checkers.js';
import { CaseChain, GENESIS_TIME_MS, terms } from '../state/cases/fixture.js';

const T0 = GENESIS_TIME_MS + 10_000;

/** A node's storage holding this state, as the ledger keeps it (under s/). */
async function storageOf(entries: Map<string, Uint8Array>): Promise<MemStorage> {
  const storage = new MemStorage();
  await storage.batch([...entries].map(([key, value]) => ({ type: 'put' as const, key: `s/${key}`, value })), { sync: true });
  return storage;
}

/** The bytes of a block whose header carries these fields (all the checker reads). */
function blockBytes(height: number, timeMs: number, result: Pick<ExecuteResult, 'events' | 'eventsRoot'>): Uint8Array {
  const header = pb.Header.encode({ height, timeMs, eventsRoot: result.eventsRoot, eventCount: result.events.length }).finish();
  return pb.Block.encode({ header, txs: [] }).finish();
}

/** A case whose first instalment defaults in block 3, at T0 + 2 s, and accelerates the second. */
async function defaultedChain(): Promise<{ chain: CaseChain; before: Map<string, Uint8Array>; result: ExecuteResult; atMs: number }> {
  const chain = new CaseChain();
  await chain.open(terms([{ amountFen: 1_000_000, dueAtMs: T0 + 1000 }, { amountFen: 1_000_000, dueAtMs: T0 + 5000 }],
    { acceleration: true }), T0 - 1000, T0);
  const before = new Map(chain.view.entries);
  const atMs = T0 + 2000;
  const result = await chain.commit([], atMs);
  expect(result.events.length).toBe(2);
  return { chain, before, result, atMs };
}

const failure = (run: () => Promise<void>): Promise<string> => run().then(() => 'passed', (error: unknown) => {
  expect(error).toBeInstanceOf(SimulationFailure);
  return (error as Error).message;
});

describe('the simulator\'s case checker', () => {
  const fail = (message: string): never => { throw new SimulationFailure(message); };

  it('passes two nodes holding the same case state, events and header', async () => {
    const { chain, result, atMs } = await defaultedChain();
    const checker = new CaseChecker(fail);
    const bytes = blockBytes(3, atMs, result);
    for (const node of [0, 1]) await checker.onCommitted(node, await storageOf(chain.view.entries), 3, Promise.resolve(bytes));
    expect(checker.statesCompared).toBe(1);
    expect(checker.eventsChecked).toBe(4);
  });

  it('fails nodes whose case state differs at one height', async () => {
    const { chain, result, atMs } = await defaultedChain();
    const checker = new CaseChecker(fail);
    const bytes = blockBytes(3, atMs, result);
    await checker.onCommitted(0, await storageOf(chain.view.entries), 3, Promise.resolve(bytes));
    const other = new Map(chain.view.entries);
    // The stored record of node 1 says the case was created a millisecond later: nothing the
    // checker's own rules look at, only the comparison of the nodes' states.
    const recordKey = [...other.keys()].find((key) => key.startsWith('case/r/'))!;
    const record = pb.CaseRecord.decode(other.get(recordKey)!);
    record.createdAtMs = Number(record.createdAtMs) + 1;
    other.set(recordKey, pb.CaseRecord.encode(record).finish());
    const storage = await storageOf(other);
    expect(await failure(() => checker.onCommitted(1, storage, 3, Promise.resolve(bytes))))
      .toMatch(/nodes 0 and 1 derive different case states/);
  });

  it('fails a header whose events count or root is not that of the block\'s events', async () => {
    const { chain, result, atMs } = await defaultedChain();
    const storage = await storageOf(chain.view.entries);
    const fewer = blockBytes(3, atMs, { ...result, events: result.events.slice(1) });
    expect(await failure(() => new CaseChecker(fail).onCommitted(0, storage, 3, Promise.resolve(fewer)))).toMatch(/counts 1 events, state holds 2/);
    const wrongRoot = blockBytes(3, atMs, { ...result, eventsRoot: new Uint8Array(32) });
    expect(await failure(() => new CaseChecker(fail).onCommitted(0, storage, 3, Promise.resolve(wrongRoot)))).toMatch(/events root/);
  });

  it('fails a running case with an unpaid instalment past its legal time and no default', async () => {
    const { before, atMs } = await defaultedChain();
    // The state before the clock's block, read as if a block at its time had left it so.
    const storage = await storageOf(before);
    const empty = blockBytes(3, atMs, { events: [], eventsRoot: new Uint8Array() });
    expect(await failure(() => new CaseChecker(fail).onCommitted(0, storage, 3, Promise.resolve(empty))))
      .toMatch(/instalment 0 of .* is unpaid past its legal time .* and not in default/);
    // At a time before the legal time, the same state holds.
    const early = blockBytes(3, T0 + 500, { events: [], eventsRoot: new Uint8Array() });
    expect(await failure(() => new CaseChecker(fail).onCommitted(0, storage, 3, Promise.resolve(early)))).toBe('passed');
  });
});
