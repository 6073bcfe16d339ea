// Governance: joining, removal, suspension, reinstatement and key rotation, the registration or
// reset of a foreign chain (crosschain/registration.ts) and the payout approval policy
// (payouts/policy.ts), each a proposal that the validators vote on. A proposal passes when approvals
// hold more than 2/3 of the current set's voting power, and fails once rejections hold 1/3 or more
// (it could then never pass). Its effect is applied in the block that passes it; a change to the
// validator set takes effect two heights later (validators.ts).
import { pb, type ProposalRecordMsg } from '../codec/proto.js';
import { rotateProofBytes } from '../codec/sign-bytes.js';
import type { DecodedTx } from '../codec/tx.js';
import { checkRegistrableKey } from '../crypto/ed25519.js';
import { TianpingError, equalBytes, fromUtf8, toHex, utf8, HASH_BYTES, PUBLIC_KEY_BYTES } from '../types/index.js';
import type { ChainParams } from './genesis.js';
import { ROLES, type Role } from './genesis.js';
import { PROPOSAL_PREFIX, categoryKey, joinsInBlockKey, memberKey, memberNameKey, openProposalKey, proposalKey, retiredKeyKey } from './keys.js';
import { decodeMember, encodeMember, type MemberRecord } from './members.js';
import type { TxCheckContext } from './check-context.js';
import { checkForeignChainProposal, enactForeignChain, isForeignProposalKind, recheckForeignProposal, type ForeignProposalKind }
  from './crosschain/registration.js';
import { PAYOUT_POLICY_PROPOSAL_KIND, checkPolicyProposal, enactPayoutPolicy } from './payouts/policy.js';
import { readValidatorSet, scheduleSetChange, setAtHeightPlusTwo, totalPower } from './validators.js';
import type { Overlay, ScannableState, StateView } from './view.js';

// The proof layout lives in codec/ so that the SDK can build it; re-exported for state's callers.
export { ROTATE_DOMAIN, rotateProofBytes } from '../codec/sign-bytes.js';
const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const ORGANISATION_BYTES_MAX = 256;
const ADDRESSES_MAX = 8;
const ADDRESS_BYTES_MAX = 256;
const REASON_BYTES_MAX = 512;
const POWER_MAX = 2 ** 32;
/** The consensus core's cap on a set's total power (docs/consensus.md); the genesis has the same. */
const TOTAL_POWER_MAX = 2 ** 36;
const CHANGE_KINDS = { 1: 'remove', 2: 'suspend', 3: 'reinstate' } as const;

export type ProposalKind = 'join' | 'remove' | 'suspend' | 'reinstate' | 'rotate-key' | ForeignProposalKind | typeof PAYOUT_POLICY_PROPOSAL_KIND;

export type GovernanceCheck =
  | { readonly kind: 'open'; readonly proposalKind: ProposalKind; readonly subject: Uint8Array;
      readonly payload: Uint8Array; readonly openerApproves: boolean }
  | { readonly kind: 'vote'; readonly proposal: ProposalRecordMsg; readonly approve: boolean };

export interface GovernanceContext extends TxCheckContext {
  /** Height of the block being executed; undefined at mempool admission. */
  readonly height?: number;
}

function fail(code: ConstructorParameters<typeof TianpingError>[0], message?: string): never {
  throw new TianpingError(code, message);
}

async function memberOf(view: StateView, key: Uint8Array): Promise<MemberRecord | undefined> {
  const bytes = await view.get(memberKey(key));
  return bytes === undefined ? undefined : decodeMember(bytes);
}

async function openProposalAbout(view: StateView, subject: Uint8Array, timeMs: number): Promise<ProposalRecordMsg | undefined> {
  const id = await view.get(openProposalKey(subject));
  if (id === undefined || id.length === 0) return undefined;
  const record = await readProposal(view, id);
  return record !== undefined && record.status === 'open' && timeMs < record.expiresAtMs ? record : undefined;
}

export async function readProposal(view: StateView, id: Uint8Array): Promise<ProposalRecordMsg | undefined> {
  const bytes = await view.get(proposalKey(id));
  return bytes === undefined ? undefined : pb.ProposalRecord.decode(bytes);
}

/** Every governance proposal, in key order: by id. */
export async function* allProposals(state: ScannableState): AsyncIterable<ProposalRecordMsg> {
  for await (const [, value] of state.entries(PROPOSAL_PREFIX)) yield pb.ProposalRecord.decode(value);
}

async function isCurrentValidator(view: StateView, key: Uint8Array): Promise<boolean> {
  const member = await memberOf(view, key);
  if (member?.status !== 'active' || member.role !== 'validator') return false;
  return (await readValidatorSet(view)).some((v) => equalBytes(v.publicKey, key));
}

async function assertKeyFree(view: StateView, key: Uint8Array): Promise<void> {
  const rejection = checkRegistrableKey(key);
  if (rejection !== undefined) fail('TX_KEY_INVALID', `key is not registrable: ${rejection}`);
  if ((await view.get(memberKey(key))) !== undefined || (await view.get(retiredKeyKey(key))) !== undefined) {
    fail('MEMBER_EXISTS', 'this key is or was registered');
  }
}

async function checkJoin(tx: DecodedTx, view: StateView, ctx: GovernanceContext): Promise<GovernanceCheck> {
  const join = tx.body.joinRequest as InstanceType<typeof pb.JoinRequest>;
  const signer = tx.body.signer;
  await assertKeyFree(view, signer);
  if (!NAME_RE.test(join.name)) fail('JOIN_FIELD_INVALID', `name must match ${NAME_RE}`);
  if ((await view.get(memberNameKey(join.name))) !== undefined) fail('MEMBER_EXISTS', `name "${join.name}" is taken`);
  const orgBytes = utf8(join.organisation).length;
  if (orgBytes === 0 || orgBytes > ORGANISATION_BYTES_MAX) fail('JOIN_FIELD_INVALID', 'organisation must be 1..256 bytes');
  const role = ROLES[join.role - 1];
  if (role === undefined) fail('JOIN_FIELD_INVALID', `role must be one of the member roles (1..${ROLES.length})`);
  if (role === 'validator' ? join.power < 1 || join.power > POWER_MAX : join.power !== 0) {
    fail('JOIN_FIELD_INVALID', 'power is 1..2^32 for validators and 0 otherwise');
  }
  if (role === 'validator') await assertPowerFits(view, ctx.height ?? 0, join.power);
  if (join.evaluationReportDigest.length !== HASH_BYTES) fail('JOIN_FIELD_INVALID', 'the evaluation report digest is 32 bytes');
  if (join.addresses.length > ADDRESSES_MAX || join.addresses.some((a) => !a.startsWith('/') || utf8(a).length > ADDRESS_BYTES_MAX)) {
    fail('JOIN_FIELD_INVALID', `at most ${ADDRESSES_MAX} multiaddrs, each starting with "/"`);
  }
  if (role !== 'submitter' && join.categories.length > 0) fail('JOIN_FIELD_INVALID', 'only submitters name categories');
  for (const c of join.categories) {
    if ((await view.get(categoryKey(c))) === undefined) fail('CATEGORY_UNKNOWN', `category "${c}" is not in the chain's list`);
  }
  if ((await openProposalAbout(view, signer, ctx.timeMs)) !== undefined) fail('GOV_PROPOSAL_OPEN');
  if (ctx.height !== undefined) {
    const counter = await view.get(joinsInBlockKey);
    const [height, count] = counter === undefined ? [0, 0] : fromUtf8(counter).split(':').map(Number) as [number, number];
    if (height === ctx.height && count >= ctx.params.joinRequestsPerBlockMax) fail('GOV_JOIN_RATE_LIMITED');
  }
  return { kind: 'open', proposalKind: 'join', subject: signer, payload: pb.JoinRequest.encode(join).finish(), openerApproves: false };
}

async function checkMemberChange(tx: DecodedTx, view: StateView, ctx: GovernanceContext): Promise<GovernanceCheck> {
  const change = tx.body.memberChange as InstanceType<typeof pb.MemberChangeRequest>;
  if (!(await isCurrentValidator(view, tx.body.signer))) fail('GOV_NOT_VALIDATOR');
  const kind = CHANGE_KINDS[change.kind as 1 | 2 | 3];
  if (kind === undefined) fail('JOIN_FIELD_INVALID', 'change kind must be remove, suspend or reinstate');
  if (utf8(change.reason).length > REASON_BYTES_MAX) fail('JOIN_FIELD_INVALID', 'reason exceeds 512 bytes');
  if (change.member.length !== PUBLIC_KEY_BYTES) fail('MEMBER_NOT_FOUND');
  const member = await memberOf(view, change.member);
  if (member === undefined) fail('MEMBER_NOT_FOUND');
  const allowed = kind === 'remove' ? member.status !== 'removed' : kind === 'suspend' ? member.status === 'active'
    : member.status === 'suspended';
  if (!allowed) fail('MEMBER_STATE_INVALID', `cannot ${kind} a member that is ${member.status}`);
  if (kind === 'reinstate' && member.role === 'validator') await assertPowerFits(view, ctx.height ?? 0, member.power);
  if (kind !== 'reinstate' && member.role === 'validator') {
    const left = (await setAtHeightPlusTwo(view, ctx.height ?? 0)).filter((v) => !equalBytes(v.publicKey, change.member));
    if (left.length === 0) fail('MEMBER_STATE_INVALID', 'the last validator cannot leave the set');
  }
  if ((await openProposalAbout(view, change.member, ctx.timeMs)) !== undefined) fail('GOV_PROPOSAL_OPEN');
  return { kind: 'open', proposalKind: kind, subject: change.member, payload: pb.MemberChangeRequest.encode(change).finish(),
    openerApproves: true };
}

async function checkRotate(tx: DecodedTx, view: StateView, ctx: GovernanceContext): Promise<GovernanceCheck> {
  const rotate = tx.body.rotateKey as InstanceType<typeof pb.RotateKeyRequest>;
  const member = await memberOf(view, tx.body.signer);
  if (member?.status !== 'active') fail('SIGNER_NOT_MEMBER', 'only an active member rotates its key');
  if (rotate.newKey.length !== PUBLIC_KEY_BYTES) fail('TX_KEY_INVALID', 'the new key is 32 bytes');
  await assertKeyFree(view, rotate.newKey);
  if (!ctx.verifier.verify(rotate.newKey, rotateProofBytes(ctx.chainId, tx.body.signer), rotate.newKeyProof)) {
    fail('ROTATE_PROOF_INVALID');
  }
  if ((await openProposalAbout(view, tx.body.signer, ctx.timeMs)) !== undefined) fail('GOV_PROPOSAL_OPEN');
  return { kind: 'open', proposalKind: 'rotate-key', subject: tx.body.signer, payload: pb.RotateKeyRequest.encode(rotate).finish(),
    openerApproves: false };
}

/**
 * A foreign chain's registration or reset (docs/crosschain.md §1): opened by a validator of the
 * current set, whose tx counts as its approval, like a member change.
 */
async function checkForeignChain(tx: DecodedTx, view: StateView, ctx: GovernanceContext): Promise<GovernanceCheck> {
  if (!(await isCurrentValidator(view, tx.body.signer))) fail('GOV_NOT_VALIDATOR');
  const proposal = tx.body.foreignChainProposal as Parameters<typeof checkForeignChainProposal>[0];
  const { proposalKind, subject, payload } = await checkForeignChainProposal(proposal, view, ctx.chainId);
  if ((await openProposalAbout(view, subject, ctx.timeMs)) !== undefined) fail('GOV_PROPOSAL_OPEN', 'a proposal about this foreign chain is open');
  return { kind: 'open', proposalKind, subject, payload, openerApproves: true };
}

/**
 * The payout approval policy (docs/payouts.md §3): opened by a validator of the current set, whose
 * tx counts as its approval; one open policy proposal at a time (a fixed subject).
 */
async function checkPayoutPolicyProposal(tx: DecodedTx, view: StateView, ctx: GovernanceContext): Promise<GovernanceCheck> {
  if (!(await isCurrentValidator(view, tx.body.signer))) fail('GOV_NOT_VALIDATOR');
  const { proposalKind, subject, payload } = checkPolicyProposal(tx.body.payoutPolicyProposal as Parameters<typeof checkPolicyProposal>[0]);
  if ((await openProposalAbout(view, subject, ctx.timeMs)) !== undefined) fail('GOV_PROPOSAL_OPEN', 'a payout policy proposal is open');
  return { kind: 'open', proposalKind, subject, payload, openerApproves: true };
}

async function checkVote(tx: DecodedTx, view: StateView, ctx: GovernanceContext): Promise<GovernanceCheck> {
  const vote = tx.body.governanceVote as InstanceType<typeof pb.GovernanceVote>;
  if (!(await isCurrentValidator(view, tx.body.signer))) fail('GOV_NOT_VALIDATOR');
  const proposal = vote.proposalId.length === HASH_BYTES ? await readProposal(view, vote.proposalId) : undefined;
  if (proposal === undefined) fail('GOV_PROPOSAL_NOT_FOUND');
  if (proposal.status !== 'open') fail('GOV_PROPOSAL_CLOSED', `the proposal is ${proposal.status}`);
  if (ctx.timeMs >= proposal.expiresAtMs) fail('GOV_PROPOSAL_EXPIRED');
  if ([...proposal.approvals, ...proposal.rejections].some((k) => equalBytes(k, tx.body.signer))) fail('GOV_DUPLICATE_VOTE');
  if (vote.approve) await assertStillFree(view, proposal, ctx.height ?? 0);
  return { kind: 'vote', proposal, approve: vote.approve };
}

/**
 * Two open proposals may ask for one name or key (two joins, or a join and a rotation to the same
 * key): the checks made when they opened no longer hold once the first passes. Enacting the other
 * would overwrite a member, so approving it is refused; it can still be rejected, or expire.
 */
async function assertStillFree(view: StateView, proposal: ProposalRecordMsg, height: number): Promise<void> {
  if (isForeignProposalKind(proposal.kind)) {
    await recheckForeignProposal(view, proposal);
    return;
  }
  if (proposal.kind === 'remove' || proposal.kind === 'suspend') {
    // Several removals opened together each left a validator when opened; passing them all must
    // still never empty the set.
    const left = (await setAtHeightPlusTwo(view, height)).filter((v) => !equalBytes(v.publicKey, proposal.subject));
    if (left.length === 0) fail('MEMBER_STATE_INVALID', 'the last validator cannot leave the set');
  }
  if (proposal.kind === 'join') {
    await assertKeyFree(view, proposal.subject);
    const { name, role, power } = pb.JoinRequest.decode(proposal.payload);
    if ((await view.get(memberNameKey(name))) !== undefined) fail('MEMBER_EXISTS', `name "${name}" is taken`);
    if (ROLES[role - 1] === 'validator') await assertPowerFits(view, height, power);
  } else if (proposal.kind === 'reinstate') {
    const member = await memberOf(view, proposal.subject);
    if (member?.role === 'validator') await assertPowerFits(view, height, member.power);
  } else if (proposal.kind === 'rotate-key') {
    await assertKeyFree(view, pb.RotateKeyRequest.decode(proposal.payload).newKey);
  }
}

/**
 * Several joins (or reinstatements) opened while the set was small each fit when opened; passing
 * them all must not take the set past the total the consensus core accepts (it asserts the cap,
 * so an over-large set would stop every node). Checked against the set with every change
 * scheduled so far, when a join opens and at each approval.
 */
async function assertPowerFits(view: StateView, height: number, power: number): Promise<void> {
  const total = totalPower(await setAtHeightPlusTwo(view, height));
  if (total + power > TOTAL_POWER_MAX) {
    fail('VALSET_POWER_TOO_LARGE', `the set's total power ${total} plus ${power} would exceed 2^36`);
  }
}

export function isGovernanceTx(tx: DecodedTx): boolean {
  const a = tx.body.action;
  return a === 'joinRequest' || a === 'memberChange' || a === 'rotateKey' || a === 'governanceVote' || a === 'foreignChainProposal'
    || a === 'payoutPolicyProposal';
}

export async function checkGovernance(tx: DecodedTx, view: StateView, ctx: GovernanceContext): Promise<GovernanceCheck> {
  switch (tx.body.action) {
    case 'joinRequest': return checkJoin(tx, view, ctx);
    case 'memberChange': return checkMemberChange(tx, view, ctx);
    case 'rotateKey': return checkRotate(tx, view, ctx);
    case 'governanceVote': return checkVote(tx, view, ctx);
    case 'foreignChainProposal': return checkForeignChain(tx, view, ctx);
    case 'payoutPolicyProposal': return checkPayoutPolicyProposal(tx, view, ctx);
    default: return fail('TX_ACTION_MISSING');
  }
}

export interface GovernanceApplyContext {
  readonly height: number;
  readonly timeMs: number;
  readonly params: ChainParams;
}

export async function applyGovernance(overlay: Overlay, ctx: GovernanceApplyContext, tx: DecodedTx, check: GovernanceCheck):
  Promise<void> {
  let proposal: ProposalRecordMsg;
  if (check.kind === 'open') {
    proposal = pb.ProposalRecord.create({
      id: tx.hash, kind: check.proposalKind, subject: check.subject, opener: tx.body.signer, openedHeight: ctx.height,
      expiresAtMs: ctx.timeMs + ctx.params.governanceProposalTtlMs, status: 'open', decidedHeight: 0,
      approvals: check.openerApproves ? [tx.body.signer] : [], rejections: [], payload: check.payload,
    });
    overlay.set(openProposalKey(check.subject), tx.hash);
    if (check.proposalKind === 'join') await countJoin(overlay, ctx.height);
  } else {
    proposal = pb.ProposalRecord.create({ ...check.proposal,
      approvals: check.approve ? [...check.proposal.approvals, tx.body.signer] : check.proposal.approvals,
      rejections: check.approve ? check.proposal.rejections : [...check.proposal.rejections, tx.body.signer] });
  }
  const outcome = await tally(overlay, proposal);
  if (outcome !== 'open') {
    proposal.status = outcome;
    proposal.decidedHeight = ctx.height;
    overlay.set(openProposalKey(proposal.subject), new Uint8Array());
    if (outcome === 'approved') await enact(overlay, ctx, proposal, tx.hash);
  }
  overlay.set(proposalKey(proposal.id), pb.ProposalRecord.encode(proposal).finish());
}

async function countJoin(overlay: Overlay, height: number): Promise<void> {
  const counter = await overlay.get(joinsInBlockKey);
  const [h, count] = counter === undefined ? [0, 0] : fromUtf8(counter).split(':').map(Number) as [number, number];
  overlay.set(joinsInBlockKey, utf8(`${height}:${h === height ? count + 1 : 1}`));
}

async function tally(view: StateView, proposal: ProposalRecordMsg): Promise<'open' | 'approved' | 'rejected'> {
  const set = await readValidatorSet(view);
  const total = totalPower(set);
  const powerOf = (keys: readonly Uint8Array[]): number =>
    set.filter((v) => keys.some((k) => equalBytes(k, v.publicKey))).reduce((sum, v) => sum + v.power, 0);
  if (3 * powerOf(proposal.approvals) > 2 * total) return 'approved';
  if (3 * powerOf(proposal.rejections) >= total) return 'rejected';
  return 'open';
}

async function enact(overlay: Overlay, ctx: GovernanceApplyContext, proposal: ProposalRecordMsg, txHash: Uint8Array): Promise<void> {
  const subject = proposal.subject;
  if (isForeignProposalKind(proposal.kind)) {
    await enactForeignChain(overlay, proposal, { height: ctx.height, timeMs: ctx.timeMs, txHash });
    return;
  }
  if (proposal.kind === PAYOUT_POLICY_PROPOSAL_KIND) {
    enactPayoutPolicy(overlay, proposal);
    return;
  }
  if (proposal.kind === 'join') {
    const join = pb.JoinRequest.decode(proposal.payload);
    const role = ROLES[join.role - 1] as Role;
    overlay.set(memberKey(subject), encodeMember({ name: join.name, organisation: join.organisation, role,
      publicKey: toHex(subject), categories: join.categories, status: 'active', sinceHeight: ctx.height, power: join.power,
      addresses: join.addresses, evaluationReportDigest: toHex(join.evaluationReportDigest) }));
    overlay.set(memberNameKey(join.name), utf8(toHex(subject)));
    if (role === 'validator') await scheduleSetChange(overlay, ctx.height, (set) => [...set, { publicKey: subject, power: join.power }]);
    return;
  }
  const member = decodeMember((await overlay.get(memberKey(subject)))!);
  const withoutSubject = (set: { publicKey: Uint8Array; power: number }[]) => set.filter((v) => !equalBytes(v.publicKey, subject));
  const isValidator = member.role === 'validator';
  if (proposal.kind === 'rotate-key') {
    const rotate = pb.RotateKeyRequest.decode(proposal.payload);
    overlay.set(memberKey(rotate.newKey), encodeMember({ ...member, publicKey: toHex(rotate.newKey), sinceHeight: ctx.height }));
    overlay.set(memberKey(subject), encodeMember({ ...member, status: 'removed' }));
    overlay.set(retiredKeyKey(subject), rotate.newKey);
    overlay.set(memberNameKey(member.name), utf8(toHex(rotate.newKey)));
    if (isValidator) {
      await scheduleSetChange(overlay, ctx.height, (set) => [...withoutSubject(set), { publicKey: rotate.newKey, power: member.power }]);
    }
    return;
  }
  const status = proposal.kind === 'reinstate' ? 'active' : proposal.kind === 'suspend' ? 'suspended' : 'removed';
  overlay.set(memberKey(subject), encodeMember({ ...member, status }));
  if (status === 'removed') overlay.set(retiredKeyKey(subject), new Uint8Array([1]));
  if (!isValidator) return;
  await scheduleSetChange(overlay, ctx.height, (set) =>
    status === 'active' ? [...withoutSubject(set), { publicKey: subject, power: member.power }] : withoutSubject(set));
}
