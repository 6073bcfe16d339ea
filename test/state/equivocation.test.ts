// Equivocation reports through the state machine: a validator's two conflicting signed statements,
// wrapped in a ReportEquivocation tx by another node, are recorded once under equivocationKey; every
// report that does not prove an offence by a current validator, or comes from a key that may not
// report, is refused with its stable code and writes nothing.
import { describe, expect, it } from 'vitest';
import { pb } from '../../src/codec/proto.js';
import { proposalSignBytes, txSignBytes, voteSignBytes, VOTE_PRECOMMIT, VOTE_PREVOTE } from '../../src/codec/sign-bytes.js';
import { decodeTx, encodeSignedTx, encodeTxBody, type DecodedTx } from '../../src/codec/tx.js';
import type { Evidence } from '../../src/consensus/tendermint/index.js';
import { keyPairFromSeed, sign, type KeyPair } from '../../src/crypto/ed25519.js';
import { sha256 } from '../../src/crypto/hash.js';
import { NodeVerifier } from '../../src/crypto/verify-node.js';
import { reportEquivocationTx } from '../../src/wire/index.js';
import { equivocationKey, type Offence } from '../../src/state/equivocation.js';
import { executeBlock, type BlockContext, type ExecuteMode, type ExecuteResult } from '../../src/state/execute.js';
import { parseGenesis } from '../../src/state/genesis.js';
import { txKey } from '../../src/state/keys.js';
import { genesisWrites } from '../../src/state/members.js';
import { genesisValidators } from '../../src/state/validators.js';
import { MapStateView } from '../../src/state/view.js';
import { asHash32, asHeight, asRound, asTimeMs, equalBytes, toHex, utf8, type ErrorCode } from '../../src/types/index.js';

const CHAIN_ID = 'tianping-equivocation-test';
const GENESIS_TIME_MS = 1_700_000_000_000;
const BLOCK_TIME_MS = GENESIS_TIME_MS + 60_000;
const OFFENCE_HEIGHT = 5;
const OFFENCE_ROUND = 2;

const keyOf = (label: string): KeyPair => keyPairFromSeed(sha256(utf8(`tianping equivocation test ${label}`)));
const validatorKeys = ['a', 'b', 'c', 'd'].map((label) => keyOf(`validator ${label}`));
const observer = keyOf('observer');
const submitter = keyOf('submitter');
const court = keyOf('court');
const outsider = keyOf('outsider');

const genesis = parseGenesis({
  chainId: CHAIN_ID,
  genesisTimeMs: GENESIS_TIME_MS,
  validators: validatorKeys.map((k, i) => ({ name: `val-${i}`, publicKey: toHex(k.publicKey), power: 10 })),
  categories: ['copyright'],
  members: [
    { name: 'observer', organisation: 'Notary', role: 'observer', publicKey: toHex(observer.publicKey) },
    { name: 'platform', organisation: 'Platform Ltd', role: 'submitter', publicKey: toHex(submitter.publicKey) },
    { name: 'court', organisation: 'Internet Court', role: 'verifier', publicKey: toHex(court.publicKey) },
  ],
});

// Indexes in votes and proposals are positions in the set ordered by public key bytes, which is not
// the genesis order: the test takes its keys in that order so that index i is signed by key i.
const ordered = genesisValidators(genesis).map((v) => validatorKeys.find((k) => equalBytes(k.publicKey, v.publicKey))!);
const offender = ordered[1]!;
const OFFENDER_INDEX = 1;
const reporter = ordered[3]!;
const otherReporter = ordered[0]!;

const freshState = (): MapStateView => new MapStateView(new Map(genesisWrites(genesis)));
const blockHashOf = (label: string): Uint8Array => sha256(utf8(`block ${label}`));

function execute(view: MapStateView, txs: readonly DecodedTx[], mode: ExecuteMode, height = 7): Promise<ExecuteResult> {
  const ctx: BlockContext = { chainId: CHAIN_ID, timeMs: BLOCK_TIME_MS, params: genesis.params, verifier: new NodeVerifier(), height };
  return executeBlock(view, ctx, txs, mode);
}

interface VoteFields {
  type: number;
  height: number;
  round: number;
  blockHash: Uint8Array;
  validatorIndex: number;
  signature: Uint8Array;
}

interface VoteOptions {
  type?: number;
  height?: number;
  round?: number;
  /** Empty: a vote for nil. */
  blockHash?: Uint8Array;
  validatorIndex?: number;
  chainId?: string;
}

/** A vote as a validator signs it: over voteSignBytes, with the fields the report carries. */
function signedVote(signer: KeyPair, o: VoteOptions = {}): VoteFields {
  const fields = {
    type: o.type ?? VOTE_PREVOTE, height: o.height ?? OFFENCE_HEIGHT, round: o.round ?? OFFENCE_ROUND,
    blockHash: o.blockHash ?? blockHashOf('a'), validatorIndex: o.validatorIndex ?? ordered.indexOf(signer),
  };
  const bytes = voteSignBytes(o.chainId ?? CHAIN_ID, fields.height, fields.round, fields.type, fields.blockHash);
  return { ...fields, signature: sign(signer.seed, bytes) };
}

interface ProposalFields {
  height: number;
  round: number;
  validRound: number;
  blockHash: Uint8Array;
  proposerIndex: number;
  signature: Uint8Array;
}

function signedProposal(signer: KeyPair, o: Partial<Omit<ProposalFields, 'signature'>> = {}): ProposalFields {
  const fields = {
    height: o.height ?? OFFENCE_HEIGHT, round: o.round ?? OFFENCE_ROUND, validRound: o.validRound ?? -1,
    blockHash: o.blockHash ?? blockHashOf('a'), proposerIndex: o.proposerIndex ?? ordered.indexOf(signer),
  };
  const bytes = proposalSignBytes(CHAIN_ID, fields.height, fields.round, fields.validRound, fields.blockHash);
  return { ...fields, signature: sign(signer.seed, bytes) };
}

type ReportFields =
  | { duplicateVote: { voteA?: VoteFields; voteB?: VoteFields } }
  | { duplicateProposal: { proposalA?: ProposalFields; proposalB?: ProposalFields } }
  | Record<string, never>;

function reportTx(from: KeyPair, report: ReportFields, nonce = 1): DecodedTx {
  const body = encodeTxBody({ chainId: CHAIN_ID, signer: from.publicKey, nonce, expiresAtMs: BLOCK_TIME_MS + 60_000,
    reportEquivocation: report });
  return decodeTx(encodeSignedTx(body, sign(from.seed, txSignBytes(CHAIN_ID, body))), genesis.params.txBytesMax);
}

const duplicatePrevote = (): ReportFields => ({ duplicateVote: {
  voteA: signedVote(offender, { blockHash: blockHashOf('a') }), voteB: signedVote(offender, { blockHash: blockHashOf('b') }) } });
const duplicateProposal = (): ReportFields => ({ duplicateProposal: {
  proposalA: signedProposal(offender, { blockHash: blockHashOf('a') }), proposalB: signedProposal(offender, { blockHash: blockHashOf('b') }) } });

const offence = (kind: Offence['kind'], round = OFFENCE_ROUND): Offence =>
  ({ validator: offender.publicKey, height: OFFENCE_HEIGHT, round, kind });

/** The fields of a stored record, comparable with toEqual. */
function recordOf(writes: ReadonlyMap<string, Uint8Array>, key: string): Record<string, unknown> | undefined {
  const bytes = writes.get(key);
  if (bytes === undefined) return undefined;
  const r = pb.EquivocationRecord.decode(bytes);
  return { validator: toHex(r.validator), offenceHeight: r.offenceHeight, offenceRound: r.offenceRound, kind: r.kind,
    reporter: toHex(r.reporter), height: r.height, txHash: toHex(r.txHash), proofKind: r.proof?.kind };
}

/** Records a first report in a committed block, so that later reports meet it in state. */
async function stateWithRecorded(report: ReportFields): Promise<MapStateView> {
  const view = freshState();
  const result = await execute(view, [reportTx(reporter, report)], 'validate', 6);
  expect(result.included).toHaveLength(1);
  view.apply(result.writes);
  return view;
}

/** A refused tx: 'propose' leaves it out and writes what an empty block writes; 'validate' fails. */
async function expectRefused(view: MapStateView, tx: DecodedTx, code: ErrorCode): Promise<void> {
  const before = new Map(view.entries);
  const proposed = await execute(view, [tx], 'propose');
  expect(proposed.rejected.map((r) => r.error.code)).toEqual([code]);
  expect(proposed.included).toEqual([]);
  const empty = await execute(view, [], 'propose');
  expect(proposed.writes).toEqual(empty.writes);
  await expect(execute(view, [tx], 'validate')).rejects.toMatchObject({ code });
  expect(view.entries).toEqual(before);
}

describe('equivocation: a proven offence is recorded once', () => {
  it('records two conflicting prevotes under equivocationKey, with reporter, height, tx hash and proof', async () => {
    const view = freshState();
    const report = duplicatePrevote();
    const tx = reportTx(reporter, report);
    const result = await execute(view, [tx], 'validate');
    expect(result.included).toEqual([tx]);
    const writes = new Map(result.writes);
    const key = equivocationKey(offence('prevote'));
    expect(key).toBe(`equiv/${toHex(offender.publicKey)}/${OFFENCE_HEIGHT.toString(16).padStart(16, '0')}/${OFFENCE_ROUND}/prevote`);
    expect(recordOf(writes, key)).toEqual({
      validator: toHex(offender.publicKey), offenceHeight: OFFENCE_HEIGHT, offenceRound: OFFENCE_ROUND, kind: 'prevote',
      reporter: toHex(reporter.publicKey), height: 7, txHash: toHex(tx.hash), proofKind: 'duplicateVote',
    });
    // The proof is stored as reported: anyone can check both signatures again from the record.
    const proof = pb.EquivocationRecord.decode(writes.get(key)!).proof!.duplicateVote!;
    const sent = (report as { duplicateVote: { voteA: VoteFields; voteB: VoteFields } }).duplicateVote;
    expect([toHex(proof.voteA!.signature!), toHex(proof.voteB!.signature!)]).toEqual([toHex(sent.voteA.signature), toHex(sent.voteB.signature)]);
    expect(writes.has(txKey(tx.hash))).toBe(true);
    expect([...writes.keys()].filter((k) => k.startsWith('equiv/'))).toEqual([key]);
  });

  it('records conflicting precommits, a nil vote against a block vote, and an observer as reporter', async () => {
    const precommits = reportTx(reporter, { duplicateVote: {
      voteA: signedVote(offender, { type: VOTE_PRECOMMIT, blockHash: blockHashOf('a') }),
      voteB: signedVote(offender, { type: VOTE_PRECOMMIT, blockHash: new Uint8Array() }) } }, 1);
    const fromObserver = reportTx(observer, duplicatePrevote(), 2);
    const result = await execute(freshState(), [precommits, fromObserver], 'validate');
    const writes = new Map(result.writes);
    expect(recordOf(writes, equivocationKey(offence('precommit')))).toMatchObject({ kind: 'precommit', reporter: toHex(reporter.publicKey) });
    expect(recordOf(writes, equivocationKey(offence('prevote')))).toMatchObject({ kind: 'prevote', reporter: toHex(observer.publicKey) });
  });

  it('records two proposals of one round for different blocks', async () => {
    const tx = reportTx(reporter, duplicateProposal());
    const writes = new Map((await execute(freshState(), [tx], 'validate')).writes);
    expect(recordOf(writes, equivocationKey(offence('proposal')))).toEqual({
      validator: toHex(offender.publicKey), offenceHeight: OFFENCE_HEIGHT, offenceRound: OFFENCE_ROUND, kind: 'proposal',
      reporter: toHex(reporter.publicKey), height: 7, txHash: toHex(tx.hash), proofKind: 'duplicateProposal',
    });
  });

  it('accepts the reports the node builds from consensus evidence (equivocation-tx.ts)', async () => {
    const voteA = signedVote(offender, { blockHash: blockHashOf('a') });
    const voteB = signedVote(offender, { blockHash: new Uint8Array() });
    const asVote = (v: VoteFields) => ({ type: VOTE_PREVOTE as 1, height: asHeight(v.height), round: asRound(v.round),
      blockHash: v.blockHash.length === 0 ? null : asHash32(v.blockHash), validatorIndex: v.validatorIndex, signature: v.signature });
    const votes: Evidence = { kind: 'duplicateVote', validatorIndex: OFFENDER_INDEX, publicKey: offender.publicKey,
      voteA: asVote(voteA), voteB: asVote(voteB) };
    const [pA, pB] = [signedProposal(offender, { blockHash: blockHashOf('a') }), signedProposal(offender, { blockHash: blockHashOf('b') })];
    const asProposal = (p: ProposalFields) => ({ height: asHeight(p.height), round: asRound(p.round), validRound: -1 as const,
      block: { hash: asHash32(p.blockHash), timeMs: asTimeMs(BLOCK_TIME_MS - 1), bytes: new Uint8Array([1]) },
      proposerIndex: p.proposerIndex, signature: p.signature });
    const proposals: Evidence = { kind: 'duplicateProposal', validatorIndex: OFFENDER_INDEX, publicKey: offender.publicKey,
      proposalA: asProposal(pA), proposalB: asProposal(pB) };
    const txs = [votes, proposals].map((evidence, i) => decodeTx(
      reportEquivocationTx(genesis, { publicKey: reporter.publicKey, sign: (m) => sign(reporter.seed, m) }, evidence, BLOCK_TIME_MS - 1_000 + i), genesis.params.txBytesMax));
    const result = await execute(freshState(), txs, 'validate');
    expect(result.included).toHaveLength(2);
    const keys = result.writes.map(([k]) => k).filter((k) => k.startsWith('equiv/'));
    expect(keys.sort()).toEqual([equivocationKey(offence('prevote')), equivocationKey(offence('proposal'))].sort());
  });

  it('refuses a second report of the same offence from another reporter, in a later block and in the same block', async () => {
    const view = await stateWithRecorded(duplicatePrevote());
    const recorded = new Map(view.entries);
    await expectRefused(view, reportTx(otherReporter, duplicatePrevote()), 'EQUIVOCATION_DUPLICATE');
    // The same two votes in the other order, or another conflicting vote, prove the same offence.
    const [a, b] = [signedVote(offender, { blockHash: blockHashOf('a') }), signedVote(offender, { blockHash: blockHashOf('b') })];
    await expectRefused(view, reportTx(observer, { duplicateVote: { voteA: b, voteB: a } }), 'EQUIVOCATION_DUPLICATE');
    const third = signedVote(offender, { blockHash: blockHashOf('c') });
    await expectRefused(view, reportTx(otherReporter, { duplicateVote: { voteA: a, voteB: third } }, 2), 'EQUIVOCATION_DUPLICATE');
    expect(view.entries).toEqual(recorded);

    const first = reportTx(reporter, duplicatePrevote());
    const second = reportTx(otherReporter, duplicatePrevote());
    const both = await execute(freshState(), [first, second], 'propose');
    expect(both.included).toEqual([first]);
    expect(both.rejected.map((r) => r.error.code)).toEqual(['EQUIVOCATION_DUPLICATE']);
    expect(both.writes).toEqual((await execute(freshState(), [first], 'propose')).writes);
  });

  it('records another round or kind of the same validator as another offence', async () => {
    const view = await stateWithRecorded(duplicatePrevote());
    const otherRound = reportTx(otherReporter, { duplicateVote: {
      voteA: signedVote(offender, { round: 3, blockHash: blockHashOf('a') }),
      voteB: signedVote(offender, { round: 3, blockHash: blockHashOf('b') }) } });
    const proposal = reportTx(otherReporter, duplicateProposal(), 2);
    const result = await execute(view, [otherRound, proposal], 'validate');
    const keys = result.writes.map(([k]) => k).filter((k) => k.startsWith('equiv/'));
    expect(keys.sort()).toEqual([equivocationKey(offence('prevote', 3)), equivocationKey(offence('proposal'))].sort());
  });

  it('refuses a duplicate proposal report of an offence already recorded', async () => {
    const view = await stateWithRecorded(duplicateProposal());
    await expectRefused(view, reportTx(otherReporter, duplicateProposal()), 'EQUIVOCATION_DUPLICATE');
  });
});

describe('equivocation: a report that proves nothing is EQUIVOCATION_INVALID and writes nothing', () => {
  const vote = (o: VoteOptions = {}, signer: KeyPair = offender): VoteFields => signedVote(signer, o);
  const votes = (voteA: VoteFields | undefined, voteB: VoteFields | undefined): ReportFields =>
    ({ duplicateVote: { ...(voteA ? { voteA } : {}), ...(voteB ? { voteB } : {}) } });
  const proposal = (o: Partial<Omit<ProposalFields, 'signature'>> = {}, signer: KeyPair = offender): ProposalFields =>
    signedProposal(signer, o);
  const a = blockHashOf('a');
  const b = blockHashOf('b');

  const cases: [string, () => ReportFields][] = [
    ['a forged vote signature', () => votes(vote({ blockHash: a }),
      { ...vote({ blockHash: b }, reporter), validatorIndex: OFFENDER_INDEX })],
    ['a vote signature with one bit flipped', () => {
      const forged = vote({ blockHash: b });
      forged.signature = forged.signature.slice();
      forged.signature[0] = forged.signature[0]! ^ 1;
      return votes(vote({ blockHash: a }), forged);
    }],
    ['votes signed for another chain', () => votes(vote({ blockHash: a, chainId: 'tianping-other' }),
      vote({ blockHash: b, chainId: 'tianping-other' }))],
    ['the same block hash twice', () => votes(vote({ blockHash: a }), vote({ blockHash: a }))],
    ['nil twice', () => votes(vote({ blockHash: new Uint8Array() }), vote({ blockHash: new Uint8Array() }))],
    // Both sign the same bytes (nil is signed as 32 zero bytes): one honest nil vote, re-encoded.
    ['a nil vote and the same vote re-encoded with a zero hash', () => {
      const nil = vote({ blockHash: new Uint8Array() });
      return votes(nil, { ...nil, blockHash: new Uint8Array(32) });
    }],
    ['different rounds', () => votes(vote({ blockHash: a }), vote({ blockHash: b, round: OFFENCE_ROUND + 1 }))],
    ['different heights', () => votes(vote({ blockHash: a }), vote({ blockHash: b, height: OFFENCE_HEIGHT + 1 }))],
    ['a prevote and a precommit', () => votes(vote({ blockHash: a }), vote({ blockHash: b, type: VOTE_PRECOMMIT }))],
    ['votes of two different validators', () => votes(vote({ blockHash: a }), vote({ blockHash: b }, reporter))],
    ['a validator index beyond the set', () => votes(vote({ blockHash: a, validatorIndex: 4 }), vote({ blockHash: b, validatorIndex: 4 }))],
    ['a vote type that is neither prevote nor precommit', () => {
      const [x, y] = [vote({ blockHash: a }), vote({ blockHash: b })];
      return votes({ ...x, type: 3 }, { ...y, type: 3 });
    }],
    ['a block hash of 31 bytes', () => {
      const y = vote({ blockHash: b });
      return votes(vote({ blockHash: a }), { ...y, blockHash: b.slice(1) });
    }],
    ['one vote missing', () => votes(vote({ blockHash: a }), undefined)],
    ['no kind of equivocation', () => ({})],
    ['a forged proposal signature', () => ({ duplicateProposal: { proposalA: proposal({ blockHash: a }),
      proposalB: { ...proposal({ blockHash: b }, reporter), proposerIndex: OFFENDER_INDEX } } })],
    ['two proposals for the same block', () => ({ duplicateProposal: { proposalA: proposal({ blockHash: a }),
      proposalB: proposal({ blockHash: a, validRound: 1 }) } })],
    ['proposals of different rounds', () => ({ duplicateProposal: { proposalA: proposal({ blockHash: a }),
      proposalB: proposal({ blockHash: b, round: OFFENCE_ROUND + 1 }) } })],
    ['proposals of different heights', () => ({ duplicateProposal: { proposalA: proposal({ blockHash: a }),
      proposalB: proposal({ blockHash: b, height: OFFENCE_HEIGHT + 1 }) } })],
    ['proposals of two different proposers', () => ({ duplicateProposal: { proposalA: proposal({ blockHash: a }),
      proposalB: proposal({ blockHash: b }, reporter) } })],
    ['a proposer index beyond the set', () => ({ duplicateProposal: { proposalA: proposal({ blockHash: a, proposerIndex: 4 }),
      proposalB: proposal({ blockHash: b, proposerIndex: 4 }) } })],
    ['a proposal without a block hash', () => {
      const p = proposal({ blockHash: b });
      return { duplicateProposal: { proposalA: proposal({ blockHash: a }), proposalB: { ...p, blockHash: new Uint8Array() } } };
    }],
    ['one proposal missing', () => ({ duplicateProposal: { proposalA: proposal({ blockHash: a }) } })],
  ];

  it.each(cases)('%s', async (_name, make) => {
    await expectRefused(freshState(), reportTx(reporter, make()), 'EQUIVOCATION_INVALID');
  });

  it('refuses a report of an offence that is already recorded but proven badly as invalid, not as a duplicate', async () => {
    const view = await stateWithRecorded(duplicatePrevote());
    await expectRefused(view, reportTx(otherReporter, votes(vote({ blockHash: a }), vote({ blockHash: a }))), 'EQUIVOCATION_INVALID');
  });
});

describe('equivocation: only validator and observer nodes report', () => {
  it.each([
    ['a submitter', submitter],
    ['a verifier', court],
    ['an outsider', outsider],
  ] as const)('%s reporting a valid offence → SIGNER_NOT_MEMBER', async (_name, from) => {
    await expectRefused(freshState(), reportTx(from, duplicatePrevote()), 'SIGNER_NOT_MEMBER');
    await expectRefused(freshState(), reportTx(from, duplicateProposal()), 'SIGNER_NOT_MEMBER');
  });

  it('a report with a bad tx signature is TX_BAD_SIGNATURE, before any state is read', async () => {
    const body = encodeTxBody({ chainId: CHAIN_ID, signer: reporter.publicKey, nonce: 1, expiresAtMs: BLOCK_TIME_MS + 60_000,
      reportEquivocation: duplicatePrevote() });
    const tx = decodeTx(encodeSignedTx(body, sign(outsider.seed, txSignBytes(CHAIN_ID, body))), genesis.params.txBytesMax);
    await expectRefused(freshState(), tx, 'TX_BAD_SIGNATURE');
  });
});
