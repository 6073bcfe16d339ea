// A small dev chain for tests: one validator, one submitter, the default categories, and a
// helper that signs anchor txs the way the SDK does.
import { encodeSignedTx, encodeTxBody, txSignBytes, decodeTx, type DecodedTx } from '../../src/codec/index.js';
import { keyPairFromSeed, sign, type KeyPair } from '../../src/crypto/ed25519.js';
import { sha256 } from '../../src/crypto/hash.js';
import { DEFAULT_CATEGORIES, parseGenesis, genesisHash, type Genesis } from '../../src/state/index.js';
import { toHex, utf8, type Hash32 } from '../../src/types/index.js';

export const GENESIS_TIME_MS = 1_760_000_000_000;

export interface TestChain {
  readonly genesis: Genesis;
  readonly genesisJson: Record<string, unknown>;
  readonly genesisBytes: Uint8Array;
  readonly genesisHash: Hash32;
  readonly validator: KeyPair;
  readonly submitter: KeyPair;
  readonly outsider: KeyPair;
}

export function seedKey(label: string): KeyPair {
  return keyPairFromSeed(sha256(utf8(`tianping-test-key/${label}`)));
}

export function makeTestChain(chainId = 'tianping-test'): TestChain {
  const validator = seedKey('validator-0');
  const submitter = seedKey('submitter-0');
  const genesisJson = {
    chainId, genesisTimeMs: GENESIS_TIME_MS,
    validators: [{ name: 'node0', publicKey: toHex(validator.publicKey), power: 10 }],
    members: [{ name: 'dev-platform', organisation: 'Dev Platform', role: 'submitter', publicKey: toHex(submitter.publicKey) }],
    categories: [...DEFAULT_CATEGORIES],
  };
  const genesisBytes = utf8(JSON.stringify(genesisJson, null, 2));
  return { genesis: parseGenesis(genesisJson), genesisJson, genesisBytes, genesisHash: genesisHash(genesisBytes),
    validator, submitter, outsider: seedKey('outsider') };
}

export interface AnchorOptions {
  readonly chainId?: string;
  readonly key?: KeyPair;
  readonly category?: string;
  readonly nonce?: number;
  readonly expiresAtMs?: number;
  readonly algorithm?: number;
  readonly externalRef?: string;
}

export function anchorTxBytes(chain: TestChain, digest: Uint8Array, o: AnchorOptions = {}): Uint8Array {
  const chainId = o.chainId ?? chain.genesis.chainId;
  const key = o.key ?? chain.submitter;
  const body = encodeTxBody({
    chainId, signer: key.publicKey, nonce: o.nonce ?? 1, expiresAtMs: o.expiresAtMs ?? GENESIS_TIME_MS + 3_600_000,
    anchorEvidence: { algorithm: o.algorithm ?? 1, digest, category: o.category ?? 'copyright', externalRef: o.externalRef ?? '' },
  });
  return encodeSignedTx(body, sign(key.seed, txSignBytes(chainId, body)));
}

export function anchorTx(chain: TestChain, digest: Uint8Array, o: AnchorOptions = {}): DecodedTx {
  return decodeTx(anchorTxBytes(chain, digest, o), chain.genesis.params.txBytesMax);
}

export function digestOf(label: string): Hash32 {
  return sha256(utf8(label));
}
