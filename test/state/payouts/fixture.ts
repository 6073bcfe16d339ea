// A chain for payout tests: the judgment-contract test chain (court, oracle, executor, creditor,
// platform, two validators) with the payout roles added (an officer, a bureau chief, finance) and a
// second executor, and a case of three equal payees. Blocks are executed with the production
// executeBlock; every tx is a real signed tx, with a nonce counter of the chain's own so that two
// runs of one scenario make the same txs.
import { expect } from 'vitest';
import type { tianping } from '../../../src/codec/gen/tianping.js';
import { pb, type PayoutOrderMsg } from '../../../src/codec/proto.js';
import { txSignBytes } from '../../../src/codec/sign-bytes.js';
import { decodeTx, encodeSignedTx, encodeTxBody, type DecodedTx } from '../../../src/codec/tx.js';
import { keyPairFromSeed, sign, type KeyPair } from '../../../src/crypto/ed25519.js';
import { sha256 } from '../../../src/crypto/hash.js';
import { decodeEvent, type CaseEventMsg } from '../../../src/state/cases/index.js';
import type { ExecuteResult } from '../../../src/state/execute.js';
import { parseGenesis, type Genesis } from '../../../src/state/genesis.js';
import { readPayoutOrder } from '../../../src/state/payouts/index.js';
import type { ScannableState } from '../../../src/state/view.js';
import { toHex, utf8 } from '../../../src/types/index.js';
import {
  CHAIN_ID, CaseChain, GENESIS_TIME_MS, court, creditor, executor, oracle, platform, terms, validatorA, validatorB,
} from '../cases/fixture.js';

export { CASE_NO, CHAIN_ID, GENESIS_TIME_MS, court, creditor, executor, expectRefused, oracle, outsider, validatorA, validatorB }
  from '../cases/fixture.js';

const keyOf = (label: string): KeyPair => keyPairFromSeed(sha256(utf8(`tianping payout test ${label}`)));
export const officer = keyOf('officer');
export const bureauChief = keyOf('bureau chief');
export const finance = keyOf('finance');
export const executor2 = keyOf('executor 2');

export function payoutGenesis(): Genesis {
  const member = (name: string, role: string, key: KeyPair) => ({ name, organisation: 'Court', role, publicKey: toHex(key.publicKey) });
  return parseGenesis({
    chainId: CHAIN_ID, genesisTimeMs: GENESIS_TIME_MS,
    validators: [validatorA, validatorB].map((k, i) => ({ name: `val-${i}`, publicKey: toHex(k.publicKey), power: 10 })),
    categories: ['notarial'],
    members: [
      member('platform', 'submitter', platform), member('court', 'court', court), member('bank-oracle', 'oracle', oracle),
      member('bureau', 'executor', executor), member('bureau-2', 'executor', executor2), member('creditor', 'verifier', creditor),
      member('officer', 'officer', officer), member('chief', 'bureau-chief', bureauChief), member('finance', 'finance', finance),
    ],
  });
}

export const PAYEE_ACCOUNTS = [0, 1, 2].map((i) => sha256(utf8(`account of payee ${i}`)));
export const payeeParty = (i: number): tianping.v1.ICaseParty => ({ identityCommitment: sha256(utf8(`payee ${i}`)) });

/** Three equal payees, each with an account commitment unless `withoutAccount` names it. */
export function payoutTerms(withoutAccount: readonly number[] = []): tianping.v1.CaseTerms.$Properties {
  return terms([{ amountFen: 100_000_000, dueAtMs: GENESIS_TIME_MS + 90 * 86_400_000 }], {
    payees: [0, 1, 2].map((i) => ({
      party: payeeParty(i), weight: 1, ...(withoutAccount.includes(i) ? {} : { accountCommitment: PAYEE_ACCOUNTS[i] }),
    })),
  });
}

type Action = Omit<NonNullable<Parameters<typeof encodeTxBody>[0]>, 'chainId' | 'signer' | 'nonce' | 'expiresAtMs'>;

export class PayoutChain extends CaseChain {
  private nonce = 1;
  private bankRefs = 0;
  at = GENESIS_TIME_MS + 100_000;

  constructor() {
    super(payoutGenesis());
  }

  override tx(signer: KeyPair, action: Action, atMs: number): DecodedTx {
    const body = encodeTxBody({ chainId: CHAIN_ID, signer: signer.publicKey, nonce: this.nonce++, expiresAtMs: atMs + 3_600_000, ...action });
    return decodeTx(encodeSignedTx(body, sign(signer.seed, txSignBytes(CHAIN_ID, body))), this.genesis.params.txBytesMax);
  }

  /** The time of the next block: a second after the last. */
  next(ms = 1_000): number {
    this.at += ms;
    return this.at;
  }

  /** Signs `action` and commits it alone in the next block. */
  async run(signer: KeyPair, action: Action): Promise<ExecuteResult> {
    const at = this.next();
    return this.commit([this.tx(signer, action, at)], at);
  }

  async openPayoutCase(withoutAccount: readonly number[] = []): Promise<void> {
    await this.open(payoutTerms(withoutAccount), this.next(), this.next());
  }

  /** Money received into the case, reported by the oracle: its block's result. */
  receive(amountFen: number): Promise<ExecuteResult> {
    const at = this.next();
    return this.commit([this.paymentTx(amountFen, `BANK-${++this.bankRefs}`, at - 500, at)], at);
  }

  /** A validator opens the policy proposal and the other approves it. */
  async setPolicy(policy: tianping.v1.PayoutPolicy.$Properties): Promise<void> {
    const open = await this.run(validatorA, { payoutPolicyProposal: { policy } });
    await this.run(validatorB, { governanceVote: { proposalId: open.included[0]!.hash, approve: true } });
  }

  async order(id: Uint8Array): Promise<PayoutOrderMsg> {
    const order = await readPayoutOrder(this.view, id);
    expect(order, `order ${toHex(id)}`).toBeDefined();
    return order!;
  }

  /** The committed state with a prefix scan, as the read side sees it. */
  scannable(): ScannableState {
    const entries = this.view.entries;
    return {
      get: (key) => Promise.resolve(entries.get(key)),
      async *entries(prefix) {
        for (const key of [...entries.keys()].filter((k) => k.startsWith(prefix)).sort()) yield [key, entries.get(key)!];
      },
    };
  }
}

/** A case event whose order is decoded in full (every PAYOUT_* event carries one). */
export type PayoutEvent = Omit<CaseEventMsg, 'payout'> & { payout?: PayoutOrderMsg | null };

/** The PAYOUT_* events of a block, decoded. */
export function payoutEvents(result: ExecuteResult): PayoutEvent[] {
  return result.events.map(decodeEvent).filter((e) => e.kind >= pb.CaseEventKind.CASE_EVENT_KIND_PAYOUT_ORDERED) as PayoutEvent[];
}

export const kindOf = (event: PayoutEvent): string => pb.CaseEventKind[event.kind].replace('CASE_EVENT_KIND_', '');

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
