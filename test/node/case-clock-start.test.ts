// A default is recorded in the first block after its legal time, not at the next heartbeat or tx:
// the driver starts a height when the case clock has an entry due. A single production node core,
// its heartbeat set to 10 minutes, sees a contract's instalment fall due 1.5 s after its creation
// with nothing else sent; the DEFAULT event is committed within seconds of that legal time.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { buildAnchorTx, createCaseTx } from '../../src/client/index.js';
import { keyPairFromSeed, sha256, type KeyPair } from '../../src/crypto/index.js';
import { toHex, utf8 } from '../../src/types/index.js';
import { caseGenesis, startCaseNode, type CaseNode } from '../helpers/case-node.js';

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const EXAMPLE = JSON.parse(readFileSync('docs/examples/case-terms.json', 'utf8')) as Record<string, unknown>;
const key = (label: string): KeyPair => keyPairFromSeed(sha256(utf8(`case clock start ${label}`)));
const HEARTBEAT_MS = 600_000;
const WAIT_MS_MAX = 8_000;

let node: CaseNode | undefined;
afterEach(async () => {
  await node?.stop();
  node = undefined;
});

describe('the case clock starts a height', () => {
  it('records a default within seconds of its legal time, with no tx sent and the heartbeat 10 minutes away', async () => {
    const [validator, court, platform] = [key('validator'), key('court'), key('platform')];
    const chain = caseGenesis({ chainId: 'tianping-case-clock', validator, categories: ['judgment'],
      members: [['court-1', 'court', court], ['platform', 'submitter', platform]] });
    node = await startCaseNode(chain, { moniker: 'case-clock', consensus: { heartbeatIntervalMs: HEARTBEAT_MS } });
    const { core, genesis } = node;
    const commit = async (bytes: Uint8Array): Promise<number> => {
      const { hash } = await core.submitTx(bytes);
      return (await core.waitForCommit(hash, WAIT_MS_MAX)).height;
    };
    const chainId = genesis.chainId;
    const caseNo = '(2026)京0491民初77号';
    const document = sha256(utf8(`${caseNo} mediation agreement`));
    await commit(buildAnchorTx({ chainId, keyPair: platform, digest: document, algorithm: 'sha256', category: 'judgment' }).bytes);
    const dueAtMs = Date.now() + 1_500;
    const createdAt = await commit(createCaseTx({ chainId, keyPair: court, terms: { json: {
      ...EXAMPLE, caseNo, document: { algorithm: 'sha256', digest: toHex(document) }, grace: 'PT0S',
      instalments: [{ amount: '100.00', dueAt: new Date(dueAtMs).toISOString() }],
    } } }).bytes);

    let defaultEvent: { height: number; legalAtMs: number } | undefined;
    while (defaultEvent === undefined && Date.now() < dueAtMs + WAIT_MS_MAX) {
      const { events } = await core.caseEvents(caseNo, { limit: 10 });
      const found = events.find((e) => e.kind === 'DEFAULT');
      if (found !== undefined) defaultEvent = { height: found.height, legalAtMs: found.legalAtMs };
      else await pause(50);
    }
    expect(defaultEvent, 'a DEFAULT event within 8 s of the legal time').toBeDefined();
    expect(defaultEvent!.legalAtMs).toBe(dueAtMs);
    // In the first block at or after the legal time: the one before it is earlier. (Not always
    // createdAt + 1: on a loaded machine the creation can commit late, and a block the clock
    // started for the due time may come between.)
    expect(defaultEvent!.height).toBeGreaterThan(createdAt);
    const block = await core.block(defaultEvent!.height);
    expect(block!.timeMs).toBeGreaterThanOrEqual(defaultEvent!.legalAtMs);
    const before = await core.block(defaultEvent!.height - 1);
    expect(before!.timeMs).toBeLessThan(defaultEvent!.legalAtMs);
  }, 30_000);
});
