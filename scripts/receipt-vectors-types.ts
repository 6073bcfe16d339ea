// The shapes the receipt vector generators share (gen-receipt-vectors.ts and its version 2 part,
// receipt-vectors-trusted.ts): both import them from here, neither from the other.
import type { Receipt } from '../src/client/receipt.js';
import type { KeyPair } from '../src/crypto/ed25519.js';
import type { EvidenceAlgorithm } from '../src/crypto/hash.js';

export interface Validator {
  readonly name: string;
  readonly key: KeyPair;
  readonly power: number;
}

export interface Block {
  readonly height: number;
  readonly timeMs: number;
  readonly headerBytes: Uint8Array;
  readonly hash: Uint8Array;
  readonly txs: readonly Uint8Array[];
  readonly commitBytes: Uint8Array;
  readonly set: readonly Validator[];
  readonly nextSet: readonly Validator[];
}

export interface BlockSpec {
  readonly txs?: readonly Uint8Array[];
  readonly set: readonly Validator[];
  readonly nextSet?: readonly Validator[];
  readonly round?: number;
  /** The block time; by default the generator's time of the height. */
  readonly timeMs?: number;
  /** Header fields 13 and 14, for a block with case events. */
  readonly eventsRoot?: Uint8Array;
  readonly eventCount?: number;
  /** Validators that do not sign the commit (still more than 2/3 must). */
  readonly absent?: readonly string[];
}

export interface Item {
  readonly algorithm: number;
  readonly digest: Uint8Array;
  readonly salted?: boolean;
  readonly batch?: Receipt['batch'];
}

export type Evidence = { fileText: string; salt?: string } | { fileDigest: string; salt?: string };
export type Expect =
  | {
      valid: true; height: number; blockTimeMs: number; blockHash: string; txHash: string; txIndex: number; submitter: string;
      category: string; externalRef: string; algorithm: EvidenceAlgorithm; digest: string; salted: boolean;
      batch?: { kind: 'indexed' | 'root-only'; itemIndex: number; itemCount: number };
      signers: string[]; signedPower: number; totalPower: number; setChanges: number;
      trustHeight?: number;
    }
  | { valid: false; failedCheck: string }
  /** The verifier cannot judge: its input (here the trust anchor) is unusable, an error and no verdict. */
  | { valid: false; error: 'trust-anchor' };
