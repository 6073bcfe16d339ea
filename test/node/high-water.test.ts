// The high-water mark (node/high-water.ts): its file format and atomic write, and the double-sign
// guard it carries. The consensus WAL lives in the ledger's LevelDB and can be lost with it; the
// mark's last signature must still keep the validator from signing a second, different message at
// the height, round and step it signed before.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { VOTE_DOMAIN, VOTE_PREVOTE, chainIdBytes, voteSignBytes } from '../../src/codec/index.js';
import { DEFAULT_CONFIG } from '../../src/config/defaults.js';
import { NodeVerifier, nodeSigner, sha256 } from '../../src/crypto/index.js';
import { Ledger, LedgerError, MemStorage } from '../../src/ledger/index.js';
import { NodeCore } from '../../src/node/index.js';
import { FileHighWater, HIGH_WATER_FILE, decodeHighWater, encodeHighWater, guardRecord, readHighWater,
  type HighWaterMark, type HighWaterStore } from '../../src/node/high-water.js';
import { asHash32, asHeight, asRound, asTimeMs, concatBytes, equalBytes, u32be, u64be, utf8 } from '../../src/types/index.js';
import { GENESIS_TIME_MS, anchorTxBytes, digestOf, makeTestChain } from '../helpers/chain.js';

const dir = mkdtempSync(join(tmpdir(), 'tianping-mark-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const prevote = (chainId: string, height: number, round: number, hash: Uint8Array): Uint8Array =>
  voteSignBytes(chainId, height, round, VOTE_PREVOTE, hash);

function markOf(height: number): HighWaterMark {
  return { committed: { height, blockHash: asHash32(sha256(utf8(`block ${height}`))) },
    signed: { height: asHeight(height + 1), round: asRound(2), signStep: 2, signBytes: utf8('sign bytes'), signature: new Uint8Array(64).fill(7) } };
}

describe('the high-water mark file', () => {
  it('round-trips, is replaced atomically (no temp file left) and reads back after a restart', async () => {
    const store = new FileHighWater(dir);
    await store.write(markOf(5));
    await store.write(markOf(6));
    expect(readHighWater(dir)).toEqual(markOf(6));
    expect(readdirSync(dir)).toEqual([HIGH_WATER_FILE]);
    const json = JSON.parse(readFileSync(join(dir, HIGH_WATER_FILE), 'utf8')) as Record<string, unknown>;
    expect(json).toMatchObject({ format: 'tianping-high-water/1', committed: { height: 6 }, signed: { height: 7, round: 2, step: 2,
      signBytesHash: Buffer.from(sha256(utf8('sign bytes'))).toString('hex') } });
  });

  it('a changed byte fails its checksum: LEDGER_DAMAGED naming the file', () => {
    const text = encodeHighWater(markOf(9)).replace('"height":9', '"height":8');
    expect(() => decodeHighWater(text, 'x/high-water.json')).toThrow(LedgerError);
    expect(() => decodeHighWater(text, 'x/high-water.json')).toThrow(/x\/high-water\.json.*checksum/);
    writeFileSync(join(dir, HIGH_WATER_FILE), 'not json');
    expect(() => readHighWater(dir)).toThrow(/damaged/);
    expect(readHighWater(join(dir, 'none'))).toBeUndefined();
    expect(existsSync(join(dir, 'none'))).toBe(false);
  });

  it('its signature guards when it is later than the WAL record\'s, and not otherwise', () => {
    const mark = markOf(3).signed!;
    expect(guardRecord(null, null)).toBeNull();
    // Resumes in the round after the mark's: its own vote of that round is not at hand to count.
    expect(guardRecord(null, mark)).toMatchObject({ height: 4, round: 3, lastSigned: mark, locked: null, ownVotes: [] });
    const wal = { height: asHeight(4), round: asRound(3), lastSigned: { ...mark, round: asRound(3) }, locked: null, valid: null,
      ownVotes: [], ownProposals: [] };
    expect(guardRecord(wal, mark)).toBe(wal);
    const older = { ...wal, round: asRound(1), lastSigned: { ...mark, round: asRound(1) } };
    expect(guardRecord(older, mark)).toEqual({ ...older, round: 3, lastSigned: mark });
    const later = { ...older, height: asHeight(5) };
    expect(guardRecord(later, mark)).toEqual({ ...later, lastSigned: mark });
  });
});

describe('consensus WAL lost, high-water mark kept', () => {
  it('the validator signs no second prevote at the height and round the mark holds one for, and still commits', async () => {
    const chain = makeTestChain();
    const chainId = chain.genesis.chainId;
    const startedAtMs = Date.now();
    const clock = { nowMs: () => asTimeMs(GENESIS_TIME_MS + 60_000 + (Date.now() - startedAtMs)) };
    // Before the loss it had prevoted, at height 1 round 0, a block this start will never build again.
    const signBytes = prevote(chainId, 1, 0, sha256(utf8('the block it prevoted')));
    const sign = nodeSigner(chain.validator.seed);
    const mark: HighWaterMark = { committed: { height: 0, blockHash: asHash32(new Uint8Array(32)) },
      signed: { height: asHeight(1), round: asRound(0), signStep: 2, signBytes, signature: sign(signBytes) } };
    const written: HighWaterMark[] = [];
    const store: HighWaterStore = { write: async (m) => void written.push(m) };
    const signed: Uint8Array[] = [];
    // The ledger (and with it the WAL) is fresh: nothing of the earlier life but the mark.
    const ledger = await Ledger.open(new MemStorage(), chain.genesis, chain.genesisHash);
    const core = new NodeCore({
      genesis: chain.genesis, ledger, key: chain.validator, verifier: new NodeVerifier(), clock, logger: pino({ level: 'silent' }),
      moniker: 'test', version: 'test', mempool: { txsMax: 100, bytesMax: 1 << 20 },
      signer: { publicKey: chain.validator.publicKey, sign: (bytes) => (signed.push(bytes), sign(bytes)) },
      consensus: { ...DEFAULT_CONFIG.consensus, heartbeatIntervalMs: 600_000, blockDelayMs: 1, timeoutProposeMs: 100,
        timeoutProposeDeltaMs: 20, timeoutPrevoteMs: 50, timeoutPrevoteDeltaMs: 20, timeoutPrecommitMs: 50, timeoutPrecommitDeltaMs: 20 },
      highWater: { store, mark },
    });
    await core.start();
    try {
      const { hash } = await core.submitTx(anchorTxBytes(chain, digestOf('after the loss'), { nonce: 1 }));
      // Restarted with a record of height 1, it rejoins that height at once: the tx may land in 2.
      expect((await core.waitForCommit(hash, 20_000)).height).toBeGreaterThanOrEqual(1);
    } finally {
      await core.stop();
    }
    const prevoteAt10 = concatBytes(VOTE_DOMAIN, chainIdBytes(chainId), u64be(1), u32be(0), Uint8Array.of(VOTE_PREVOTE));
    const conflicting = signed.filter((bytes) => equalBytes(bytes.subarray(0, prevoteAt10.length), prevoteAt10));
    expect(conflicting).toEqual([]);
    // Every signature it made was in the mark before it could leave, and the commit after them.
    expect(written.length).toBeGreaterThan(0);
    for (const bytes of signed) expect(written.some((m) => m.signed !== null && equalBytes(m.signed.signBytes, bytes))).toBe(true);
    expect(written.at(-1)?.committed.height).toBe(ledger.tip.height);
  }, 30_000);
});
