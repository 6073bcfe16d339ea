// The JSON of the cross-chain routes (docs/crosschain.md §4–§5): foreign chains with their standing,
// a chain's trusted headers and freeze, the verdict on a foreign receipt, the verification records
// of a case and their counts, and the light block a relayer fetches. Shared by the routes, the
// node's views (api/components.ts) and the CLI, like contract/http.ts.
import { Type } from '@sinclair/typebox';
import { AlgorithmSchema, IsoTime, LowerHex, SafeUint } from './http.js';

export const ForeignChainKindSchema = Type.Union([Type.Literal('tianping'), Type.Literal('c2sp-checkpoint')],
  { description: 'tianping: another network of this software, followed as a light client; c2sp-checkpoint: a transparency log' });

export const ForeignStandingSchema = Type.Union([Type.Literal('active'), Type.Literal('frozen'), Type.Literal('expired')], {
  description: 'frozen: conflicting commits were proved; expired: the newest trusted header\'s time plus the trusting period is '
    + 'at or before the newest block time. Either takes governance\'s reset',
});

export const ForeignChainSchema = Type.Object({
  name: Type.String({ description: 'The name the chain is registered under here' }),
  kind: ForeignChainKindSchema,
  chainId: Type.String({ description: 'The foreign chain\'s own id (tianping), or the log\'s origin (c2sp-checkpoint)' }),
  description: Type.String(),
  standing: ForeignStandingSchema,
  epoch: SafeUint('0 at registration, one more at each governance reset'),
  trustingPeriodMs: SafeUint('Without a newer trusted header for this long after the newest one\'s time, the chain expires'),
  registeredHeight: SafeUint('The block that passed the registration (or the latest reset)'),
  latestHeight: SafeUint('Newest trusted header\'s height (c2sp-checkpoint: the newest recorded tree size)'),
  latestTimeMs: SafeUint('Its time (c2sp-checkpoint: the block time it was recorded at)'),
  latestHash: LowerHex('Its block hash (c2sp-checkpoint: the tree root); empty for a genesis anchor'),
  expiresAtMs: SafeUint('latestTimeMs + trustingPeriodMs: at a block of this time or later, the chain is expired'),
  expiresAt: IsoTime('expiresAtMs, ISO 8601 UTC'),
  updates: SafeUint('Updates accepted since registration'),
  frozenHeight: SafeUint('The block that froze it; 0 when not frozen'),
});

export const ForeignChainsSchema = Type.Object({
  atMs: SafeUint('The newest block time: the time the standings are computed at'),
  chains: Type.Array(ForeignChainSchema, { description: 'By name' }),
});

const ValidatorJsonSchema = Type.Object({ publicKey: LowerHex('Ed25519 public key'), power: SafeUint('Voting power') });

export const TrustedHeaderSchema = Type.Object({
  height: SafeUint('The foreign height (c2sp-checkpoint: the tree size); 0 for a genesis anchor'),
  hash: LowerHex('Its block hash (c2sp-checkpoint: the tree root)'),
  timeMs: SafeUint('Its time (c2sp-checkpoint: the block time it was recorded at)'),
  historyRoot: LowerHex('Its history root (tianping)'),
  nextValidators: Type.Array(ValidatorJsonSchema, { description: 'The set that signs the next height (tianping)' }),
  mainHeight: SafeUint('The block of this chain that recorded it'),
  txHash: LowerHex('The tx that recorded it'),
  checkpoint: Type.Optional(Type.String({ description: 'c2sp-checkpoint: the signed note as recorded' })),
});

export const FreezeSchema = Type.Object({
  height: SafeUint('The foreign height both headers claim (c2sp-checkpoint: the tree size)'),
  firstHash: LowerHex('One block hash (root)'),
  secondHash: LowerHex('The other'),
  mainHeight: SafeUint('The block that froze the chain'),
  txHash: LowerHex('The tx that proved the conflict'),
});

export const ForeignChainDetailSchema = Type.Object({
  ...ForeignChainSchema.properties,
  anchor: Type.Object({
    tianping: Type.Optional(Type.Object({
      header: LowerHex('The trusted header\'s exact bytes; empty for a genesis anchor'),
      genesisTimeMs: SafeUint('Genesis anchor: the foreign genesis time'),
      nextValidators: Type.Array(ValidatorJsonSchema),
    })),
    c2sp: Type.Optional(Type.Object({
      origin: Type.String(),
      logKey: Type.String({ description: 'The log\'s signed-note verifier key' }),
      witnessKeys: Type.Array(Type.String()),
      witnessQuorum: SafeUint('Cosignatures each checkpoint needs'),
    })),
  }, { description: 'The trust anchor of the current epoch' }),
  trustedHeaders: Type.Array(TrustedHeaderSchema, { description: 'The newest 100 of the current epoch, newest first' }),
  freeze: Type.Optional(FreezeSchema),
});

export const CrossChainCheckSchema = Type.Object({
  id: Type.String({ description: 'chain, then the receipt\'s own checks (docs/receipt-format.md) or the log proof\'s' }),
  ok: Type.Boolean(),
  detail: Type.String(),
});

export const CrossChainVerdictSchema = Type.Object({
  chain: Type.String(),
  kind: ForeignChainKindSchema,
  standing: ForeignStandingSchema,
  valid: Type.Boolean(),
  checks: Type.Array(CrossChainCheckSchema, { description: 'The checks that ran, in order; when not valid, the last failed' }),
  failedCheck: Type.Optional(Type.String({ description: 'Only when not valid' })),
  reason: Type.Optional(Type.String({ description: 'Only when not valid: the failed check\'s detail' })),
  skipped: Type.Optional(Type.Array(Type.String(), { description: 'Checks that did not run after the failed one' })),
  foreignHeight: SafeUint('The foreign block (tree size) the item is anchored at, when the receipt says; else 0'),
  algorithm: Type.Optional(AlgorithmSchema),
  digest: LowerHex('The item digest the receipt proves, when it names one; else empty'),
  receiptDigest: LowerHex('SHA-256 of the receipt bytes verified (protobuf for tianping, the JSON text for c2sp-checkpoint): '
    + 'what a CrossChainVerification records'),
  trustHeight: SafeUint('The trusted header the receipt was checked from (tianping); 0 otherwise'),
  platform: LowerHex('tianping, when valid: the key that signed the anchoring tx on the foreign chain; else empty'),
});

export const VerificationCountSchema = Type.Object({
  total: SafeUint('Records'),
  valid: SafeUint('Records with a valid verdict'),
  invalid: SafeUint('Records with an invalid verdict'),
});

export const VerificationRecordSchema = Type.Object({
  caseNo: Type.String(),
  seq: SafeUint('Position among the case\'s records, from 0'),
  chain: Type.String({ description: 'The foreign chain\'s registered name' }),
  algorithm: AlgorithmSchema,
  digest: LowerHex('The item verified'),
  valid: Type.Boolean({ description: 'The court\'s verdict' }),
  failedCheck: Type.String({ description: 'The first failed check when not valid; empty otherwise' }),
  foreignHeight: SafeUint('The foreign block (tree size) of the anchor; 0 unknown'),
  receiptDigest: LowerHex('SHA-256 of the foreign receipt bytes the court verified'),
  platform: LowerHex('The anchoring platform\'s key on the foreign chain, when known'),
  court: LowerHex('The signing court key'),
  height: SafeUint('The block that recorded it'),
  timeMs: SafeUint('That block\'s time'),
  time: IsoTime('timeMs, ISO 8601 UTC'),
  txHash: LowerHex('The recording tx'),
  chainStanding: ForeignStandingSchema,
  chainLatestHeight: SafeUint('The chain\'s newest trusted height at that block'),
  platformStanding: Type.String({ description: 'The platform key\'s member status on this chain at that block, or not-member' }),
});

export const CaseVerificationsSchema = Type.Object({
  caseNo: Type.String(),
  verifications: Type.Array(VerificationRecordSchema, { description: 'In seq order; at most 100' }),
  counts: Type.Array(Type.Object({ chain: Type.String(), ...VerificationCountSchema.properties }), { description: 'Per chain, by name' }),
});

export const VerificationCountsSchema = Type.Object({
  chains: Type.Array(Type.Object({ chain: Type.String(), ...VerificationCountSchema.properties }), { description: 'By chain name' }),
  cases: Type.Array(Type.Object({ caseNo: Type.String(), ...VerificationCountSchema.properties }), { description: 'By case number' }),
});

const BytesJsonSchema = (description: string): ReturnType<typeof Type.Object> => Type.Object({
  hex: LowerHex(description),
  decoded: Type.Optional(Type.Object({}, { additionalProperties: true, description: 'What the bytes decode to: informative' })),
});

const SetChangeJsonSchema = Type.Object({
  header: BytesJsonSchema('Header bytes of the block announcing a validator-set change'),
  commit: BytesJsonSchema('Its Commit bytes'),
  nextValidators: Type.Array(ValidatorJsonSchema),
});

/** GET /v1/light-blocks/:height: what a relayer needs for a ForeignHeaderUpdate (docs/crosschain.md §5). */
export const LightBlockSchema = Type.Object({
  header: BytesJsonSchema('The header bytes of the height'),
  commit: BytesJsonSchema('Its commit bytes'),
  nextValidators: Type.Array(ValidatorJsonSchema, { description: 'The set that signs the next height' }),
  setChanges: Type.Array(SetChangeJsonSchema, { description: 'Set changes taking effect at heights since + 2 .. height, oldest first' }),
});

/** The two-hop receipt's JSON form (docs/crosschain.md §5); the SDK's reader checks it in full. */
export const TwoHopReceiptSchema = Type.Object({
  kind: Type.Literal('two-hop'),
  version: Type.Literal(1),
  chainId: Type.String({ description: 'The main chain\'s id' }),
  name: Type.String({ description: 'The side chain\'s registered name on the main chain' }),
}, { additionalProperties: true, description: 'side: the side receipt (version 2); checkpoint: the relay tx proved to a main commit' });
