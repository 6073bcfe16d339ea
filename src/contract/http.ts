// The JSON the node's HTTP API answers with, written once. The API's routes serialize through these
// schemas (fields not in a schema never leak out, and @fastify/swagger turns them into the OpenAPI
// document); the node's views (api/components.ts) and the SDK's types (client/views.ts) are derived
// from them with Json<>, so a change of a shape here changes every side at once and breaks the
// compile wherever a side no longer fits (test/api/contract.test.ts pins the derivations).
//
// This folder sits between api/ and client/: it imports only TypeBox and types/, so the SDK can
// depend on it without pulling in fastify or the node (eslint.config.js enforces both).
// Request schemas (params, queries, bodies) stay with the routes in api/schemas.ts.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { ERROR_CODES, type ErrorCode } from '../types/index.js';

/**
 * Deeply readonly: what a reader of the JSON holds. Static<> alone gives mutable objects and
 * arrays; the node's views and the SDK's results are not to be changed in place.
 */
export type DeepReadonly<T> =
  T extends readonly (infer E)[] ? readonly DeepReadonly<E>[]
    : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
      : T;

/** The JSON a schema describes, as both sides of the API see it. */
export type Json<T extends TSchema> = DeepReadonly<Static<T>>;

/** Response-side hex: documents the form (serializers do not check patterns). Empty when absent. */
export const LowerHex = (description: string): ReturnType<typeof Type.String> => Type.String({ pattern: '^[0-9a-f]*$', description });
export const SafeUint = (description: string): ReturnType<typeof Type.Integer> =>
  Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description });
export const IsoTime = (description: string): ReturnType<typeof Type.String> =>
  Type.String({ format: 'date-time', description });

const ERROR_CODE_NAMES = Object.keys(ERROR_CODES) as ErrorCode[];
const ErrorCodeSchema = (): ReturnType<typeof Type.Unsafe<ErrorCode>> =>
  Type.Unsafe<ErrorCode>({ type: 'string', enum: ERROR_CODE_NAMES, description: 'Stable error code' });

// ---- problems ----

/** RFC 9457 problem details; `code` is the stable machine-readable code clients match on. */
export const ProblemSchema = Type.Object({
  type: Type.String({ description: 'Relative URI naming the problem type, /problems/<code in kebab case>' }),
  title: Type.String({ description: 'Short summary of the problem type; the same for every occurrence' }),
  status: Type.Integer({ description: 'HTTP status code' }),
  detail: Type.String({ description: 'What went wrong with this request' }),
  code: ErrorCodeSchema(),
  instance: Type.String({ description: 'Path of the request that failed; empty when the request line did not parse' }),
  errors: Type.Optional(Type.Array(Type.Object({
    in: Type.String({ description: 'body, params, querystring or headers' }),
    path: Type.String({ description: 'JSON pointer into that part of the request' }),
    message: Type.String(),
  }), { description: 'Schema violations, for REQUEST_INVALID and the *_INVALID parameter codes' })),
}, { $id: 'Problem', description: 'RFC 9457 problem details' });

// ---- transactions ----

export const TxPendingSchema = Type.Object({
  hash: LowerHex('Transaction hash: SHA-256 of the signed bytes, lowercase hex'),
  status: Type.Literal('pending'),
});

export const TxCommittedSchema = Type.Object({
  hash: LowerHex('Transaction hash: SHA-256 of the signed bytes, lowercase hex'),
  status: Type.Literal('committed'),
  height: SafeUint('Height of the block holding the transaction'),
  index: SafeUint('Position of the transaction in its block'),
  blockHash: LowerHex('Hash of that block, lowercase hex'),
  blockTimeMs: SafeUint('Block time, milliseconds since the Unix epoch'),
  blockTime: IsoTime('Block time, ISO 8601 UTC'),
});

export const TxStatusSchema = Type.Union([TxPendingSchema, TxCommittedSchema]);

// Plain string enums (not unions of literals) keep the serializer of up to 1,024 results fast.
export const TxBulkResultSchema = Type.Object({
  index: SafeUint('Position of the tx in the request (results are in request order)'),
  hash: LowerHex('Transaction hash: SHA-256 of the signed bytes, lowercase hex'),
  status: Type.Unsafe<'pending' | 'refused'>({ type: 'string', enum: ['pending', 'refused'],
    description: 'pending: admitted to the mempool; refused: see error' }),
  error: Type.Optional(Type.Object({
    code: ErrorCodeSchema(),
    status: Type.Integer({ description: 'HTTP status POST /v1/txs would answer this tx with' }),
    title: Type.String({ description: 'Short summary of the problem type' }),
    detail: Type.String({ description: 'What is wrong with this tx' }),
  }, { description: 'Only when refused: why, as POST /v1/txs would say it' })),
});

export const TxBulkResponseSchema = Type.Object({
  accepted: SafeUint('Transactions admitted (status pending)'),
  refused: SafeUint('Transactions refused'),
  results: Type.Array(TxBulkResultSchema, { description: 'One per transaction sent, in request order' }),
});

// ---- evidence ----

export const AlgorithmSchema = Type.Union([Type.Literal('sha256'), Type.Literal('sm3')]);

export const AnchorSchema = Type.Object({
  algorithm: AlgorithmSchema,
  digest: LowerHex('Anchored digest, lowercase hex'),
  category: Type.String(),
  submitter: LowerHex('Public key of the submitter, lowercase hex'),
  submitterName: Type.String({ description: 'Name of the submitting member, when known' }),
  externalRef: Type.String({ description: 'Reference chosen by the submitter (public)' }),
  metadataDigest: Type.String({ description: 'Digest of the metadata, lowercase hex, or empty' }),
  salted: Type.Boolean({ description: 'Digest is H(salt || file hash); the submitter holds the salt' }),
  height: SafeUint('Block height'),
  blockTimeMs: SafeUint('Block time, milliseconds since the Unix epoch: the anchored time'),
  blockTime: IsoTime('Block time, ISO 8601 UTC'),
  blockHash: LowerHex('Block hash, lowercase hex'),
  txHash: LowerHex('Transaction hash, lowercase hex'),
  txIndex: SafeUint('Position of the transaction in its block'),
});

export const EvidenceResponseSchema = Type.Object({
  digest: LowerHex('The digest looked up, lowercase hex'),
  algorithm: AlgorithmSchema,
  total: SafeUint('Anchors of this digest in all'),
  offset: SafeUint('Anchors skipped'),
  limit: SafeUint('Page size applied'),
  anchors: Type.Array(AnchorSchema, { description: 'Oldest first' }),
});

export const SubmitterAnchorsSchema = Type.Object({
  submitter: LowerHex('The submitter key, lowercase hex'),
  total: SafeUint('Anchors by this key in all'),
  offset: SafeUint('Anchors skipped'),
  limit: SafeUint('Page size applied'),
  anchors: Type.Array(AnchorSchema, { description: 'Oldest first' }),
});

// ---- blocks ----

export const BlockSchema = Type.Object({
  height: SafeUint('Block height; the first block has height 1'),
  hash: LowerHex('Block hash'),
  timeMs: SafeUint('Block time, milliseconds since the Unix epoch'),
  time: IsoTime('Block time, ISO 8601 UTC'),
  chainId: Type.String(),
  prevBlockHash: LowerHex('Hash of the previous block'),
  historyRoot: LowerHex('Merkle root over all previous block hashes: RFC 6962 interior nodes, the block hashes as its leaf nodes without a 0x00 prefix (docs/receipt-format.md)'),
  txRoot: LowerHex('RFC 6962 root of the transaction hashes'),
  appHash: LowerHex('Application state hash'),
  resultsHash: LowerHex('Hash of the transaction results'),
  validatorsHash: LowerHex('Hash of the validator set of this height'),
  nextValidatorsHash: LowerHex('Hash of the validator set of the next height'),
  proposer: LowerHex('Public key of the proposer'),
  txCount: SafeUint('Transactions in the block'),
  eventsRoot: Type.Optional(LowerHex('RFC 6962 root over the block\'s case events; absent when it has none')),
  eventCount: Type.Optional(SafeUint('Case events in the block; absent when it has none')),
  txHashes: Type.Array(LowerHex('Transaction hash')),
  commit: Type.Object({
    round: SafeUint('Round in which the block committed'),
    signatures: Type.Array(Type.Object({
      validatorIndex: SafeUint('Index in the validator set, ordered by public key bytes'),
      signature: Type.String({ description: 'Precommit signature' }),
    })),
  }),
});

/** A block without its transaction hashes: public, since listing transactions is for members. */
export const HeaderSchema = Type.Omit(BlockSchema, ['txHashes']);

// ---- receipts ----

/** Exact bytes as hex, with the fields they decode to beside them (docs/receipt-format.md §3). */
const BytesWithViewSchema = (description: string): ReturnType<typeof Type.Object> => Type.Object({
  hex: LowerHex(description),
  decoded: Type.Optional(Type.Object({}, { additionalProperties: true, description: 'What the bytes decode to: informative, must match them' })),
});

/** An event receipt in its JSON form (docs/receipt-format.md, "Event receipts"), version 1. */
export const EventReceiptSchema = Type.Object({
  format: Type.Literal('tianping-receipt'),
  kind: Type.Literal('event'),
  version: Type.Literal(1),
  chainId: Type.String(),
  event: Type.Object({ hex: LowerHex('The exact event bytes (an encoded CaseEvent)') }),
  eventIndex: SafeUint('Position of the event among the block\'s events'),
  eventCount: SafeUint('Events in the block: the header\'s event count'),
  eventProof: Type.Array(LowerHex('Sibling hash'), { description: 'RFC 6962 audit path to the header\'s events root, bottom-up' }),
  header: BytesWithViewSchema('The exact Header bytes'),
  commit: BytesWithViewSchema('The exact Commit bytes of that header'),
  setChanges: Type.Array(Type.Object({
    header: BytesWithViewSchema('Header bytes of the block before a validator-set change'),
    commit: BytesWithViewSchema('Its Commit bytes'),
    nextValidators: Type.Array(Type.Object({ publicKey: LowerHex('Ed25519 public key'), power: SafeUint('Voting power') })),
  }), { description: 'Validator-set changes from the genesis set to the set that signed the header, oldest first' }),
}, { description: 'A self-contained receipt of one case event, verifiable offline from the genesis' });

// ---- consensus ----

const OffenceKindSchema = Type.Union([Type.Literal('prevote'), Type.Literal('precommit'), Type.Literal('proposal')]);

export const SignedStatementSchema = Type.Object({
  type: OffenceKindSchema,
  height: SafeUint('Height the statement is for'),
  round: SafeUint('Round the statement is for'),
  validRound: Type.Optional(Type.Integer({ minimum: -1, maximum: Number.MAX_SAFE_INTEGER,
    description: 'Proposals only: the round whose polka a re-proposal stands on, or -1' })),
  blockHash: LowerHex('Block hash the statement names; empty for a vote for nil'),
  validatorIndex: SafeUint('Index of the signer in the validator set ordered by public key bytes'),
  signature: LowerHex('ed25519 signature over the vote or proposal sign bytes'),
});

export const EquivocationSchema = Type.Object({
  offender: LowerHex('Public key of the validator that signed both statements'),
  offenderName: Type.String({ description: 'Name of that validator, when it is a member' }),
  offenceHeight: SafeUint('Height of the conflicting statements'),
  offenceRound: SafeUint('Round of the conflicting statements'),
  kind: OffenceKindSchema,
  reporter: LowerHex('Public key of the node that reported it'),
  reporterName: Type.String({ description: 'Name of the reporting member, when known' }),
  height: SafeUint('Height of the block that recorded it'),
  txHash: LowerHex('Hash of the report transaction'),
  statements: Type.Array(SignedStatementSchema, { minItems: 2, maxItems: 2,
    description: 'The two conflicting signed statements; each verifies under the offender key' }),
});

export const EquivocationsResponseSchema = Type.Object({
  equivocations: Type.Array(EquivocationSchema, { description: 'By offender, then offence height' }),
});

// ---- governance ----

export const MemberRoleSchema = Type.Union([Type.Literal('validator'), Type.Literal('observer'), Type.Literal('submitter'),
  Type.Literal('verifier'), Type.Literal('executor'), Type.Literal('oracle'), Type.Literal('court'), Type.Literal('officer'),
  Type.Literal('bureau-chief'), Type.Literal('finance')], { description: 'Role of the member' });

export const MemberSchema = Type.Object({
  name: Type.String({ description: 'Member name, unique on the chain' }),
  organisation: Type.String(),
  role: MemberRoleSchema,
  publicKey: LowerHex('Public key of the member, lowercase hex'),
  status: Type.Union([Type.Literal('active'), Type.Literal('suspended'), Type.Literal('removed')],
    { description: 'removed: by a member change, or a key rotated away (never registered again)' }),
  sinceHeight: SafeUint('Height of the block that admitted this key; 0 for genesis members'),
  power: SafeUint('Voting power; validators only, 0 for other roles'),
  categories: Type.Array(Type.String(), { description: 'Submitters: the categories it may anchor in; empty means all' }),
  addresses: Type.Array(Type.String(), { description: 'libp2p multiaddrs given when joining' }),
  evaluationReportDigest: LowerHex('SHA-256 of the admission-evaluation report it joined with; empty for genesis members'),
});

export const MembersResponseSchema = Type.Object({
  members: Type.Array(MemberSchema, { description: 'Every key ever registered, in public key order' }),
});

export const ValidatorSetSchema = Type.Object({
  height: SafeUint('The height this set signs'),
  sinceHeight: SafeUint('The height from which this set has signed'),
  totalPower: SafeUint('Voting power of the set; a commit needs more than 2/3 of it'),
  validators: Type.Array(Type.Object({
    index: SafeUint('Position in the set ordered by public key bytes: the validator index of votes and commits'),
    publicKey: LowerHex('Public key of the validator, lowercase hex'),
    power: SafeUint('Voting power'),
    name: Type.String({ description: 'Member name, when known' }),
  }), { description: 'In commit order (by public key bytes)' }),
});

export const ProposalStatusSchema = Type.Union([Type.Literal('open'), Type.Literal('approved'), Type.Literal('rejected'),
  Type.Literal('expired')], { description: 'expired: undecided, and the latest block time has reached its expiry' });

export const VoterSchema = Type.Object({
  publicKey: LowerHex('Public key of the validator, lowercase hex'),
  name: Type.String({ description: 'Member name, when known' }),
  power: SafeUint('Its power in the tally set; 0 when it is not in that set'),
});

export const ProposalSchema = Type.Object({
  id: LowerHex('Hash of the tx that opened the proposal'),
  kind: Type.Union([Type.Literal('join'), Type.Literal('remove'), Type.Literal('suspend'), Type.Literal('reinstate'),
    Type.Literal('rotate-key'), Type.Literal('foreign-chain'), Type.Literal('foreign-chain-reset')]),
  subject: LowerHex('The key asking to join, the member concerned, or for a foreign chain SHA-256("tianping/foreign/v1" || name)'),
  subjectName: Type.String({ description: 'The name asked for, or the name of the member concerned' }),
  opener: LowerHex('Signer of the opening tx'),
  openedHeight: SafeUint('Height of the block that opened it'),
  expiresAtMs: SafeUint('Undecided at a block of this time or later, it can no longer be voted on'),
  expiresAt: IsoTime('expiresAtMs, ISO 8601 UTC'),
  status: ProposalStatusSchema,
  decidedHeight: SafeUint('Height of the block that decided it; 0 while undecided'),
  approvals: Type.Array(VoterSchema, { description: 'In vote order' }),
  rejections: Type.Array(VoterSchema, { description: 'In vote order' }),
  tally: Type.Object({
    height: SafeUint('The height whose validator set the powers are of: the deciding height, else the next height'),
    approvalPower: SafeUint('Power of the approvals; more than 2/3 of the total approves'),
    rejectionPower: SafeUint('Power of the rejections; 1/3 of the total or more rejects'),
    totalPower: SafeUint('Power of that set'),
  }),
  payload: Type.Object({
    join: Type.Optional(Type.Object({
      name: Type.String(),
      organisation: Type.String(),
      role: MemberRoleSchema,
      addresses: Type.Array(Type.String()),
      evaluationReportDigest: LowerHex('SHA-256 of the admission-evaluation report'),
      power: SafeUint('Voting power asked for; validators only'),
      categories: Type.Array(Type.String()),
    })),
    memberChange: Type.Optional(Type.Object({
      kind: Type.Union([Type.Literal('remove'), Type.Literal('suspend'), Type.Literal('reinstate')]),
      member: LowerHex('Public key of the member concerned'),
      reason: Type.String(),
    })),
    rotateKey: Type.Optional(Type.Object({
      newKey: LowerHex('The key that replaces the subject'),
      newKeyProof: LowerHex('Signature of the new key over the rotation proof bytes'),
    })),
    foreignChain: Type.Optional(Type.Object({
      name: Type.String({ description: 'The name this chain registers the foreign chain under' }),
      kind: Type.Union([Type.Literal('tianping'), Type.Literal('c2sp-checkpoint')]),
      chainId: Type.String({ description: 'The foreign chain\'s own chain id, or the log\'s origin' }),
      trustingPeriodMs: SafeUint('Without a newer header for this long after the newest one\'s time, the client expires'),
      description: Type.String(),
      trustedHeight: SafeUint('Height of the trusted header the client starts from; 0 for a genesis or a log'),
    }, { description: 'A foreign chain registration or reset (docs/crosschain.md §1)' })),
  }, { description: 'The opening action, decoded: exactly one of its fields is present' }),
});

export const ProposalsResponseSchema = Type.Object({
  proposals: Type.Array(ProposalSchema, { description: 'Oldest first (by opening height)' }),
});

// ---- node ----

export const StatusSchema = Type.Object({
  chainId: Type.String(),
  nodeId: LowerHex('Node public key'),
  moniker: Type.String(),
  role: Type.Union([Type.Literal('validator'), Type.Literal('observer')]),
  latestHeight: SafeUint('Height of the latest committed block; 0 before the first'),
  latestBlockHash: Type.String(),
  latestBlockTimeMs: SafeUint('Time of the latest block, milliseconds since the Unix epoch'),
  mempoolSize: SafeUint('Transactions waiting'),
  mempoolSizeMax: SafeUint('Mempool capacity in transactions'),
  halted: Type.Boolean({ description: 'The node stopped after a storage failure' }),
  version: Type.String(),
  startedAtMs: SafeUint('Process start, milliseconds since the Unix epoch'),
  process: Type.Optional(Type.Object({
    rssBytes: SafeUint('Resident set size of the node process, bytes'),
    heapUsedBytes: SafeUint('JavaScript heap in use, bytes'),
    heapTotalBytes: Type.Optional(SafeUint('JavaScript heap reserved from the system, bytes')),
    externalBytes: Type.Optional(SafeUint('Memory of C++ objects bound to JavaScript ones (buffers included), bytes')),
    arrayBuffersBytes: Type.Optional(SafeUint('ArrayBuffer and Buffer memory, bytes (part of externalBytes)')),
  }, { description: 'Memory of the node process, for watching a long run for leaks' })),
  repairingTo: Type.Optional(SafeUint('Only while the ledger re-fetches committed blocks it lost: the height of its '
    + 'high-water mark; reads answer 503 LEDGER_REPAIRING until the tip is back there')),
});

export const HealthSchema = Type.Object({ ok: Type.Literal(true) });

/** GET /readyz when the node is ready: caught up and hearing validators of more than 2/3 of the power. */
export const ReadySchema = Type.Object({
  ready: Type.Literal(true),
  height: SafeUint('Height of the newest committed block this node holds'),
  highestHeightSeen: SafeUint('Highest height named by a signed vote, proposal or commit that reached this node (0: none yet)'),
  peers: SafeUint('Peers connected'),
  votingPowerReachable: SafeUint('Voting power of the set in force this node hears: its own, when it is a validator, '
    + 'and that of the validators it is connected to'),
  votingPowerTotal: SafeUint('Voting power of the whole set in force'),
});
