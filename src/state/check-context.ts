// What every tx check reads besides state: the rules of tx-rules.ts and of governance.ts take it,
// and tx-rules.ts calls governance.ts, so it lives apart from both (no import cycle between them).
import type { DecodedTx } from '../codec/tx.js';
import type { SignatureVerifier } from '../crypto/ed25519.js';
import type { ChainParams } from './genesis.js';

export interface TxCheckContext {
  readonly chainId: string;
  /** Block time when executing; the node's clock at mempool admission. */
  readonly timeMs: number;
  readonly params: ChainParams;
  readonly verifier: SignatureVerifier;
  /** Txs whose signature this node already verified (the tx hash covers body and signature). */
  readonly isVerified?: (tx: DecodedTx) => boolean;
}
