// A default is recorded in the first block after its legal time, not at the next heartbeat or tx:
// the driver starts a height when the case clock has an entry due. A single production node core,
// its heartbeat set to 10 minutes, sees a contract's instalment fall due 1.5 s after its creation
// with nothing else sent; the DEFAULT event is committed within seconds of that legal time.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { buildAnchorTx, createCaseTx } from '../../src/client/index.js';
import { DEFAULT_CONFIG } from '../../src/config/defaults.js';
import { NodeVerifier, keyPairFromSeed, sha256, type KeyPair } from '../../src/crypto/index.js';
import { Ledger, MemStorage } from '../../src/ledger/index.js';
import { NodeCore } from '../../src/node/index.js';
import { genesisHash, parseGenesis } from '../../src/state/index.js';
import { asTimeMs, toHex, utf8 } from '../../src/types/index.js';

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const EXAMPLE = JSON.parse(readFileSync('docs/examples/case-terms.json', 'utf8')) as Record<string, unknown>;
const key = (label: string): KeyPair => keyPairFromSeed(sha256(utf8(`case clock start ${label}`)));
const HEARTBEAT_MS = 600_000;
const WAIT_MS_MAX = 8_000;

let core: NodeCore | undefined;
afterEach(async () => {
  await core?.stop();
  core = undefined;
});

describe('the case clock starts a height', () => {
  it('records a default within seconds of its legal time, with no tx sent and the heartbeat 10 minutes away', async () => {
    const [validator, court, platform] = [key('validator'), key('court'), key('platform')];
    const member = (name: string, role: string, pair: KeyPair): Record<string, unknown> =>
      ({ name, organisation: name, role, publicKey: toHex(pair.publicKey) });
    const genesisJson = {
      chainId: 'tianping-case-clock', genesisTimeMs: Date.now() - 60_000,
      validators: [{ name: 'node0', publicKey: toHex(validator.publicKey), power: 10 }],
      members: [member('court-1', 'court', court), member('platform', 'submitter', platform)],
      categories: ['judgment'],
    };
    const genesis = parseGenesis(genesisJson);
    const ledger = await Ledger.open(new MemStorage(), genesis, genesisHash(utf8(JSON.stringify(genesisJson))));
    core = new NodeCore({
      genesis, ledger, key: validator, verifier: new NodeVerifier(), clock: { nowMs: () => asTimeMs(Date.now()) },
      logger: pino({ level: 'silent' }), moniker: 'case-clock', version: 'test', mempool: { txsMax: 100, bytesMax: 1 << 20 },
      consensus: { ...DEFAULT_CONFIG.consensus, heartbeatIntervalMs: HEARTBEAT_MS, blockDelayMs: 1 },
    });
    await core.start();
    const commit = async (bytes: Uint8Array): Promise<number> => {
      const { hash } = await core!.submitTx(bytes);
      return (await core!.waitForCommit(hash, WAIT_MS_MAX)).height;
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
    expect(defaultEvent!.height).toBe(createdAt + 1);
    expect(defaultEvent!.legalAtMs).toBe(dueAtMs);
    const block = await core.block(defaultEvent!.height);
    expect(block!.timeMs).toBeGreaterThanOrEqual(defaultEvent!.legalAtMs);
  }, 30_000);
});
