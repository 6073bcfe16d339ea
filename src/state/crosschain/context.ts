// What the cross-chain checks read besides state, and what they hand back: like a case tx, a check
// computes its whole outcome (the writes) against the state it is given (the mempool's committed
// state at admission, the block's overlay in execution), and applying the tx writes that plan.
import type { SignatureVerifier } from '../../crypto/ed25519.js';

export interface CrossChainContext {
  /** This chain's id: a foreign chain may not claim it. */
  readonly chainId: string;
  /** The block time (the node's clock at mempool admission): expiry and the future bound. */
  readonly timeMs: number;
  /** Height of the block being executed; undefined at mempool admission (the plan is then dropped). */
  readonly height?: number | undefined;
  readonly verifier: SignatureVerifier;
}

export interface CrossChainPlan {
  readonly writes: readonly [string, Uint8Array][];
}

/** The block that writes a plan: 0 at admission, where the plan is never written. */
export const mainHeightOf = (ctx: CrossChainContext): number => ctx.height ?? 0;
