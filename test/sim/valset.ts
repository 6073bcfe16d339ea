// Validator-set changes decided on chain, as the real node does them (src/state/validators.ts,
// src/node/tendermint-driver.ts): a block carries set-change operations; those of block h apply on
// top of the set already scheduled for h + 1 and give the set of h + 2 (the header of h + 1 already
// names the set of h + 1). Proposer priorities go on with nextHeightValidatorSet while the members
// and powers stay the same, and start afresh with createValidatorSet at a height whose set differs.
//
// The operations come from a plan drawn per seed (options.ts): operation `seq` may be proposed from
// height `fromHeight` on, and blocks carry them strictly in plan order, so every set ever in force is
// the result of a prefix of the plan. That lets the scenario generator check, before the run, that
// every such set keeps at least one validator and the Byzantine power under a third of its total.
import {
  createValidatorSet,
  nextHeightValidatorSet,
  type ValidatorSet,
} from '../../src/consensus/tendermint/index.js';
import { compareBytes } from '../../src/types/index.js';

/** One member of a set, by simulated node (its key is the node's key). Members are kept sorted by node. */
export interface Member {
  readonly node: number;
  readonly power: number;
}

export type SetChangeOp =
  | { readonly kind: 'add'; readonly node: number; readonly power: number }
  | { readonly kind: 'remove'; readonly node: number }
  | { readonly kind: 'power'; readonly node: number; readonly power: number };

export interface PlannedChange {
  /** Proposers include the operation in blocks of this height or later. */
  readonly fromHeight: number;
  readonly op: SetChangeOp;
}

/** An operation as a block carries it: its place in the plan and its content. */
export interface BlockOp {
  readonly seq: number;
  readonly op: SetChangeOp;
}

export const POWER_MAX = 10;

/** The set after one operation, or undefined if the operation is not allowed on it. */
export function applyOp(members: readonly Member[], op: SetChangeOp): Member[] | undefined {
  const index = members.findIndex((member) => member.node === op.node);
  if (op.kind !== 'remove' && (!Number.isSafeInteger(op.power) || op.power < 1 || op.power > POWER_MAX)) return undefined;
  switch (op.kind) {
    case 'add':
      if (index !== -1) return undefined;
      return [...members, { node: op.node, power: op.power }].sort((a, b) => a.node - b.node);
    case 'remove':
      // Never approve away the last validator (as the real state machine refuses to).
      if (index === -1 || members.length === 1) return undefined;
      return members.filter((member) => member.node !== op.node);
    case 'power':
      if (index === -1) return undefined;
      return members.map((member) => (member.node === op.node ? { node: op.node, power: op.power } : member));
  }
}

export function applyOps(members: readonly Member[], ops: readonly SetChangeOp[]): Member[] | undefined {
  let current: Member[] | undefined = [...members];
  for (const op of ops) {
    current = applyOp(current, op);
    if (current === undefined) return undefined;
  }
  return current;
}

export function sameMembers(a: readonly Member[], b: readonly Member[]): boolean {
  return a.length === b.length && a.every((member, i) => member.node === b[i]!.node && member.power === b[i]!.power);
}

export function sameOp(a: SetChangeOp, b: SetChangeOp): boolean {
  return a.kind === b.kind && a.node === b.node
    && (a.kind === 'remove' || a.power === (b as Extract<SetChangeOp, { power: number }>).power);
}

export function totalPower(members: readonly Member[]): number {
  return members.reduce((sum, member) => sum + member.power, 0);
}

/** The core's view of members: ordered by public key, indexes in that order. */
export function toValidators(members: readonly Member[], publicKeyOf: (node: number) => Uint8Array) {
  return members.map((member) => ({ publicKey: publicKeyOf(member.node), power: member.power }))
    .sort((a, b) => compareBytes(a.publicKey, b.publicKey));
}

/**
 * The operations of block `height` are valid on a chain whose blocks so far committed `nextSeq`
 * operations, with `scheduled` the set already scheduled for height + 1: they must be the next ones of
 * the plan, in order, unchanged, and each allowed on the set it applies to.
 */
export function opsAreValid(ops: readonly BlockOp[], plan: readonly PlannedChange[], nextSeq: number,
  scheduled: readonly Member[]): boolean {
  for (let i = 0; i < ops.length; i++) {
    const planned = plan[nextSeq + i];
    if (planned === undefined || ops[i]!.seq !== nextSeq + i || !sameOp(ops[i]!.op, planned.op)) return false;
  }
  return applyOps(scheduled, ops.map((op) => op.op)) !== undefined;
}

/** What a node persists of the chain's validators, in the same synced batch as the block. */
export interface ChainValidators {
  /** Plan operations committed so far. */
  readonly nextSeq: number;
  /** Heights at which the set changed, ascending, the first at height 1 (genesis). */
  readonly changes: readonly { readonly height: number; readonly members: readonly Member[] }[];
}

export function genesisChain(members: readonly Member[]): ChainValidators {
  return { nextSeq: 0, changes: [{ height: 1, members }] };
}

export function membersAt(chain: ChainValidators, height: number): readonly Member[] {
  let members = chain.changes[0]!.members;
  for (const change of chain.changes) if (change.height <= height) members = change.members;
  return members;
}

/** After block `height` with these operations: the set of height + 2 scheduled (when it differs). */
export function afterBlock(chain: ChainValidators, height: number, ops: readonly BlockOp[]): ChainValidators {
  if (ops.length === 0) return chain;
  const scheduled = membersAt(chain, height + 1);
  const next = applyOps(scheduled, ops.map((op) => op.op));
  if (next === undefined) throw new Error(`committed block ${height} carries operations that do not apply`);
  const nextSeq = chain.nextSeq + ops.length;
  if (sameMembers(next, scheduled)) return { ...chain, nextSeq };
  return { nextSeq, changes: [...chain.changes, { height: height + 2, members: next }] };
}

/**
 * Proposer priorities by height from genesis, as the real driver's loadValidators replays them:
 * afresh at a height whose set changed, nextHeightValidatorSet otherwise. Keeps the last set
 * computed, so walking heights upwards costs one step each.
 */
export class ValidatorSetWalker {
  private height = 0;
  private set: ValidatorSet | undefined;

  constructor(private readonly publicKeyOf: (node: number) => Uint8Array) {}

  /** The set of `height`; `membersOf(h)` gives the members in force at h, and whether h changed them. */
  at(height: number, membersOf: (h: number) => { readonly members: readonly Member[]; readonly changed: boolean }): ValidatorSet {
    if (this.set === undefined || height < this.height) {
      this.height = 1;
      this.set = createValidatorSet(toValidators(membersOf(1).members, this.publicKeyOf));
    }
    while (this.height < height) {
      this.height += 1;
      const { members, changed } = membersOf(this.height);
      this.set = changed ? createValidatorSet(toValidators(members, this.publicKeyOf)) : nextHeightValidatorSet(this.set);
    }
    return this.set;
  }
}

export function chainMembersOf(chain: ChainValidators): (h: number) => { members: readonly Member[]; changed: boolean } {
  return (h) => ({ members: membersAt(chain, h), changed: chain.changes.some((change) => change.height === h && h > 1) });
}
