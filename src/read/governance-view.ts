// Members, validator sets and governance proposals in state, as the API shows them: keys in hex,
// names beside keys, and each proposal's votes weighed with the validator set that counts them.
import type {
  GovernanceProposalView, MemberEntry, ProposalStatus, ProposalVoter, ValidatorSetView,
} from '../api/components.js';
import { pb, type ProposalRecordMsg, type ValidatorEntry } from '../codec/index.js';
import { ROLES, type MemberRecord } from '../state/index.js';
import { assert, equalBytes, toHex } from '../types/index.js';

type NameOf = (publicKey: Uint8Array) => Promise<string>;

export function memberEntry(m: MemberRecord): MemberEntry {
  return {
    name: m.name, organisation: m.organisation, role: m.role, publicKey: m.publicKey, status: m.status,
    sinceHeight: m.sinceHeight, power: m.power, categories: [...m.categories], addresses: [...(m.addresses ?? [])],
    evaluationReportDigest: m.evaluationReportDigest ?? '',
  };
}

export async function validatorSetView(height: number, set: { sinceHeight: number; validators: readonly ValidatorEntry[] },
  nameOf: NameOf): Promise<ValidatorSetView> {
  const validators = [];
  // History sets are stored in commit order (by public key bytes): the index is the position.
  for (const [index, v] of set.validators.entries()) {
    validators.push({ index, publicKey: toHex(v.publicKey), power: v.power, name: await nameOf(v.publicKey) });
  }
  return { height, sinceHeight: set.sinceHeight, totalPower: set.validators.reduce((sum, v) => sum + v.power, 0), validators };
}

/**
 * The state keeps an undecided proposal 'open' forever; once a block at or after its expiry exists,
 * no vote can decide it any more (votes are refused at block time >= expiresAtMs), so it reads as
 * expired.
 */
export function proposalStatus(record: ProposalRecordMsg, latestBlockTimeMs: number): ProposalStatus {
  if (record.status === 'open') return latestBlockTimeMs >= record.expiresAtMs ? 'expired' : 'open';
  assert(record.status === 'approved' || record.status === 'rejected', `a proposal in state has a known status, not "${record.status}"`);
  return record.status;
}

const KINDS = ['join', 'remove', 'suspend', 'reinstate', 'rotate-key', 'foreign-chain', 'foreign-chain-reset'] as const;
const FOREIGN_KINDS = { 1: 'tianping', 2: 'c2sp-checkpoint' } as const;
const CHANGE_KINDS = { 1: 'remove', 2: 'suspend', 3: 'reinstate' } as const;

function payloadOf(record: ProposalRecordMsg): GovernanceProposalView['payload'] {
  if (record.kind === 'join') {
    const join = pb.JoinRequest.decode(record.payload);
    const role = ROLES[join.role - 1];
    assert(role !== undefined, 'an admitted join request names a known role');
    return { join: { name: join.name, organisation: join.organisation, role, addresses: [...join.addresses],
      evaluationReportDigest: toHex(join.evaluationReportDigest), power: join.power, categories: [...join.categories] } };
  }
  if (record.kind === 'rotate-key') {
    const rotate = pb.RotateKeyRequest.decode(record.payload);
    return { rotateKey: { newKey: toHex(rotate.newKey), newKeyProof: toHex(rotate.newKeyProof) } };
  }
  if (record.kind === 'foreign-chain' || record.kind === 'foreign-chain-reset') {
    const registration = pb.ForeignChainRegistration.decode(record.payload);
    const kind = FOREIGN_KINDS[registration.kind as 1 | 2];
    assert(kind !== undefined, 'an admitted foreign chain registration names a known kind');
    const header = registration.tianping?.header ?? undefined;
    return { foreignChain: { name: registration.name, kind, chainId: registration.chainId,
      trustingPeriodMs: Number(registration.trustingPeriodMs), description: registration.description,
      trustedHeight: header === undefined || header.length === 0 ? 0 : Number(pb.Header.decode(header).height) } };
  }
  const change = pb.MemberChangeRequest.decode(record.payload);
  const kind = CHANGE_KINDS[change.kind as 1 | 2 | 3];
  assert(kind !== undefined, 'a recorded member change has a known kind');
  return { memberChange: { kind, member: toHex(change.member), reason: change.reason } };
}

export interface ProposalContext {
  readonly latestBlockTimeMs: number;
  /** The next height: undecided proposals are weighed with its set, which the next vote counts against. */
  readonly nextHeight: number;
  /** The validator set that signs a height (committed, or the next). */
  readonly setOf: (height: number) => Promise<readonly ValidatorEntry[]>;
  readonly nameOf: NameOf;
}

export async function proposalView(record: ProposalRecordMsg, ctx: ProposalContext): Promise<GovernanceProposalView> {
  const kind = KINDS.find((k) => k === record.kind);
  assert(kind !== undefined, `a proposal in state has a known kind, not "${record.kind}"`);
  const status = proposalStatus(record, ctx.latestBlockTimeMs);
  const tallyHeight = record.status === 'open' ? ctx.nextHeight : record.decidedHeight;
  const set = await ctx.setOf(tallyHeight);
  const voters = async (keys: readonly Uint8Array[]): Promise<ProposalVoter[]> => {
    const out: ProposalVoter[] = [];
    for (const key of keys) {
      out.push({ publicKey: toHex(key), name: await ctx.nameOf(key), power: set.find((v) => equalBytes(v.publicKey, key))?.power ?? 0 });
    }
    return out;
  };
  const approvals = await voters(record.approvals);
  const rejections = await voters(record.rejections);
  const payload = payloadOf(record);
  const sum = (list: readonly ProposalVoter[]): number => list.reduce((total, v) => total + v.power, 0);
  return {
    id: toHex(record.id), kind, subject: toHex(record.subject),
    subjectName: payload.join?.name ?? payload.foreignChain?.name ?? (await ctx.nameOf(record.subject)),
    opener: toHex(record.opener), openedHeight: record.openedHeight, expiresAtMs: record.expiresAtMs, status,
    decidedHeight: record.decidedHeight, approvals, rejections,
    tally: { height: tallyHeight, approvalPower: sum(approvals), rejectionPower: sum(rejections),
      totalPower: set.reduce((total, v) => total + v.power, 0) },
    payload,
  };
}
