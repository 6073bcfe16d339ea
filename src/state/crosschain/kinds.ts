// The kinds of foreign chain behind one interface (docs/crosschain.md §1): each checks its part of
// a registration, makes the client's first state from its trust anchor, and takes the txs that
// update its client. A third kind (FISCO BCOS, ChainMaker) is one more entry in FOREIGN_KINDS.
import { ForeignChainKind, type ForeignChainRecordMsg, type ForeignChainRegistrationMsg, type ForeignTrustedHeaderMsg } from '../../codec/proto.js';
import type { DecodedTx } from '../../codec/tx.js';
import type { OrderedState } from '../view.js';
import { checkC2spAnchor, checkTianpingAnchor, tianpingAnchorState } from './anchors.js';
import { checkCheckpointUpdate } from './c2sp-client.js';
import type { CrossChainContext, CrossChainPlan } from './context.js';
import { checkHeaderUpdate, checkMisbehaviour } from './tianping-client.js';

/** The client's state right after registration (or a reset): its first trusted header, if any. */
export interface AnchorState {
  readonly trusted?: ForeignTrustedHeaderMsg;
  readonly latestHeight: number;
  readonly latestTimeMs: number;
  readonly latestHash: Uint8Array;
}

/** The block that enacts a registration, and the tx that passed it. */
export interface AnchorContext {
  readonly height: number;
  readonly timeMs: number;
  readonly txHash: Uint8Array;
}

export type UpdateCheck = (tx: DecodedTx, record: ForeignChainRecordMsg, view: OrderedState, ctx: CrossChainContext) => Promise<CrossChainPlan>;

export interface ForeignKind {
  readonly label: string;
  /** Checks the kind's fields of a registration; throws FOREIGN_CHAIN_INVALID naming the field. */
  checkRegistration(registration: ForeignChainRegistrationMsg, ownChainId: string): void;
  /** The client's first state from a checked registration's trust anchor. */
  anchor(registration: ForeignChainRegistrationMsg, ctx: AnchorContext): AnchorState;
  /** The TxBody actions that update this kind's client, each with its check. */
  readonly updates: Readonly<Partial<Record<string, UpdateCheck>>>;
}

export const FOREIGN_KINDS: ReadonlyMap<number, ForeignKind> = new Map<number, ForeignKind>([
  [ForeignChainKind.FOREIGN_CHAIN_KIND_TIANPING, {
    label: 'tianping',
    checkRegistration: checkTianpingAnchor,
    anchor: tianpingAnchorState,
    updates: { foreignHeaderUpdate: checkHeaderUpdate, foreignMisbehaviour: checkMisbehaviour },
  }],
  [ForeignChainKind.FOREIGN_CHAIN_KIND_C2SP_CHECKPOINT, {
    label: 'c2sp-checkpoint',
    checkRegistration: checkC2spAnchor,
    // Nothing is recorded yet: the first checkpoint needs no consistency proof; the trusting period
    // runs from the block that registered the log.
    anchor: (_registration, ctx) => ({ latestHeight: 0, latestTimeMs: ctx.timeMs, latestHash: new Uint8Array() }),
    updates: { foreignCheckpointUpdate: checkCheckpointUpdate },
  }],
]);

/** The actions that update some kind's client (the proposal is governance's, the verification record its own). */
export const UPDATE_ACTIONS: ReadonlySet<string> = new Set([...FOREIGN_KINDS.values()].flatMap((kind) => Object.keys(kind.updates)));
