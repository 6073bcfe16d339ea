// A small chain for state tests: a genesis with two validators, two submitters (one limited to
// "copyright") and a verifier, and helpers that build real signed txs the way a client does
// (encodeTxBody → sign over txSignBytes → encodeSignedTx → decodeTx). Keys come from fixed seeds.
import { HashAlgorithm } from '../../src/codec/proto.js';
import { txSignBytes } from '../../src/codec/sign-bytes.js';
import { decodeTx, encodeSignedTx, encodeTxBody, type DecodedTx } from '../../src/codec/tx.js';
import { keyPairFromSeed, sign, type KeyPair } from '../../src/crypto/ed25519.js';
import { sha256 } from '../../src/crypto/hash.js';
import { NodeVerifier } from '../../src/crypto/verify-node.js';
import { executeBlock, type BlockContext, type ExecuteMode, type ExecuteResult } from '../../src/state/execute.js';
import { parseGenesis, type Genesis } from '../../src/state/genesis.js';
import { genesisWrites } from '../../src/state/members.js';
import { MapStateView } from '../../src/state/view.js';
import { toHex, utf8 } from '../../src/types/index.js';

export const CHAIN_ID = 'tianping-test';
export const GENESIS_TIME_MS = 1_700_000_000_000;
export const BLOCK_TIME_MS = GENESIS_TIME_MS + 5_000;

export const keyOf = (label: string): KeyPair => keyPairFromSeed(sha256(utf8(`tianping state test ${label}`)));
export const validatorA = keyOf('validator a');
export const validatorB = keyOf('validator b');
/** Submitter allowed every category. */
export const platform = keyOf('platform');
/** Submitter allowed only "copyright". */
export const copyrightPlatform = keyOf('copyright platform');
export const court = keyOf('court');
export const outsider = keyOf('outsider');

export function genesisDocument(): Record<string, unknown> {
  return {
    chainId: CHAIN_ID,
    genesisTimeMs: GENESIS_TIME_MS,
    validators: [
      { name: 'val-a', publicKey: toHex(validatorA.publicKey), power: 10 },
      { name: 'val-b', publicKey: toHex(validatorB.publicKey), power: 10 },
    ],
    categories: ['copyright', 'notarial', 'e-commerce'],
    members: [
      { name: 'platform', organisation: 'Platform Ltd', role: 'submitter', publicKey: toHex(platform.publicKey) },
      { name: 'cr-platform', organisation: 'Copyright Co', role: 'submitter', publicKey: toHex(copyrightPlatform.publicKey), categories: ['copyright'] },
      { name: 'court', organisation: 'Internet Court', role: 'verifier', publicKey: toHex(court.publicKey) },
    ],
  };
}

export const genesis: Genesis = parseGenesis(genesisDocument());

export function freshState(): MapStateView {
  return new MapStateView(new Map(genesisWrites(genesis)));
}

export function blockContext(overrides: Partial<BlockContext> = {}): BlockContext {
  return {
    chainId: CHAIN_ID, timeMs: BLOCK_TIME_MS, params: genesis.params, verifier: new NodeVerifier(), height: 1,
    ...overrides,
  };
}

export interface AnchorOptions {
  signer?: KeyPair;
  /** Key that signs; defaults to the signer (a different one makes a bad signature). */
  signingKey?: KeyPair;
  chainId?: string;
  /** Chain id the signature covers; defaults to chainId. */
  signChainId?: string;
  nonce?: number;
  expiresAtMs?: number;
  algorithm?: number;
  digest?: Uint8Array;
  category?: string;
  externalRef?: string;
  metadataDigest?: Uint8Array;
  salted?: boolean;
  noAction?: boolean;
}

export const digestOf = (label: string): Uint8Array => sha256(utf8(label));

export function anchorTx(o: AnchorOptions = {}): DecodedTx {
  const signer = o.signer ?? platform;
  const chainId = o.chainId ?? CHAIN_ID;
  const bodyBytes = encodeTxBody({
    chainId, signer: signer.publicKey, nonce: o.nonce ?? 1, expiresAtMs: o.expiresAtMs ?? BLOCK_TIME_MS + 60_000,
    ...(o.noAction === true ? {} : {
      anchorEvidence: {
        algorithm: o.algorithm ?? HashAlgorithm.HASH_ALGORITHM_SHA256, digest: o.digest ?? digestOf('evidence'),
        category: o.category ?? 'copyright', externalRef: o.externalRef ?? '',
        metadataDigest: o.metadataDigest ?? new Uint8Array(0), salted: o.salted ?? false,
      },
    }),
  });
  const signature = sign((o.signingKey ?? signer).seed, txSignBytes(o.signChainId ?? chainId, bodyBytes));
  return decodeTx(encodeSignedTx(bodyBytes, signature), genesis.params.txBytesMax);
}

export function execute(view: MapStateView, txs: readonly DecodedTx[], mode: ExecuteMode = 'propose',
  ctx: Partial<BlockContext> = {}): Promise<ExecuteResult> {
  return executeBlock(view, blockContext(ctx), txs, mode);
}

/** Writes as comparable text: key=hex(value), in the order given. */
export function writesText(result: ExecuteResult): string[] {
  return result.writes.map(([k, v]) => `${k}=${toHex(v)}`);
}
