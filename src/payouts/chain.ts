// The dispatcher's two txs (docs/payouts.md §5): a PayoutClaim before the bank is called and a
// PayoutResult with the bank's answer, each signed by the executor key and submitted with
// wait=commit. A refusal by the chain is an answer (its stable code), not an error: the dispatcher
// decides from the code. A node that cannot say (unreachable, 5xx, a commit wait that ran out)
// throws, and the outbox step stays where it is for the next round.
import { ApiError, type TianpingClient } from '../client/client.js';
import { payoutClaimTx, payoutResultTx } from '../client/payout-tx.js';
import type { KeyPair } from '../crypto/ed25519.js';
import type { Clock } from '../types/index.js';
import type { BankTransferResult } from './bank-adapter.js';

export type ChainAnswer = { readonly committed: true; readonly height: number } | { readonly committed: false; readonly code: string; readonly message: string };

export interface PayoutChain {
  claim(payoutId: string): Promise<ChainAnswer>;
  report(payoutId: string, amountFen: number, outcome: BankTransferResult): Promise<ChainAnswer>;
}

export class NodePayoutChain implements PayoutChain {
  constructor(private readonly o: { readonly client: TianpingClient; readonly chainId: string; readonly key: KeyPair;
    readonly clock: Clock; readonly commitWaitMs?: number }) {}

  claim(payoutId: string): Promise<ChainAnswer> {
    return this.#submit(payoutClaimTx({ ...this.#common(), payoutId }).bytes);
  }

  report(payoutId: string, amountFen: number, outcome: BankTransferResult): Promise<ChainAnswer> {
    const settled = outcome.status === 'settled';
    const tx = payoutResultTx({ ...this.#common(), payoutId, settled, bankRef: outcome.bankRef, amountFen,
      ...(settled || outcome.failureReason === undefined ? {} : { failureReason: outcome.failureReason }) });
    return this.#submit(tx.bytes);
  }

  #common(): { chainId: string; keyPair: KeyPair; nowMs: number } {
    return { chainId: this.o.chainId, keyPair: this.o.key, nowMs: this.o.clock.nowMs() };
  }

  async #submit(bytes: Uint8Array): Promise<ChainAnswer> {
    try {
      const result = await this.o.client.submit(bytes, { wait: 'commit', ...(this.o.commitWaitMs === undefined ? {} : { timeoutMs: this.o.commitWaitMs }) });
      if (result.status !== 'committed') throw new Error(`tx ${result.hash} is pending, not committed`);
      return { committed: true, height: result.height };
    } catch (error) {
      if (error instanceof ApiError && error.status < 500) return { committed: false, code: error.code, message: error.message };
      throw error;
    }
  }
}
