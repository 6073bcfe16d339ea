// Stable error codes. Clients match on `code`, never on message text, so a code once published is
// never renamed or reused. Each code carries the HTTP status the API answers with.

export const ERROR_CODES = {
  // Request shape
  BODY_MALFORMED: { status: 400, title: 'Request body is not valid JSON' },
  BODY_TOO_LARGE: { status: 413, title: 'Request body exceeds the configured limit' },
  URI_TOO_LONG: { status: 414, title: 'A path segment of the request exceeds the length limit' },
  MEDIA_TYPE_UNSUPPORTED: { status: 415, title: 'Unsupported content type' },
  REQUEST_INVALID: { status: 400, title: 'Request does not match the schema' },
  BASE64_INVALID: { status: 400, title: 'Field is not canonical base64' },
  DIGEST_INVALID: { status: 400, title: 'Digest is not 32 bytes of hex' },
  HASH_INVALID: { status: 400, title: 'Hash is not 32 bytes of hex' },
  HEIGHT_INVALID: { status: 400, title: 'Height is not a positive integer' },
  // History tree (docs/checkpoints.md)
  HISTORY_SIZE_INVALID: { status: 400, title: 'Tree sizes are not integers with 0 <= from <= to' },
  HISTORY_SIZE_BEYOND_TIP: { status: 400, title: 'The tree size is beyond that of the latest header' },
  TX_BATCH_MALFORMED: { status: 400, title: 'Transaction batch (TxBatch) does not decode' },
  TXS_TOO_MANY: { status: 400, title: 'Too many transactions in one request' },
  // Refused by the HTTP parser, before there is a request to route
  REQUEST_MALFORMED: { status: 400, title: 'Request is not well-formed HTTP' },
  HEADERS_TOO_LARGE: { status: 431, title: 'Request line and headers exceed the size limit' },
  REQUEST_TIMEOUT: { status: 408, title: 'Request was not received in time' },
  // Transactions
  TX_MALFORMED: { status: 400, title: 'Transaction bytes do not decode' },
  TX_NOT_CANONICAL: { status: 400, title: 'Transaction encoding is not canonical' },
  TX_TOO_LARGE: { status: 413, title: 'Transaction exceeds the size limit' },
  TX_WRONG_CHAIN: { status: 422, title: 'Transaction is for another chain' },
  TX_BAD_SIGNATURE: { status: 422, title: 'Transaction signature does not verify' },
  TX_KEY_INVALID: { status: 422, title: 'Signer key is low-order or not canonical' },
  TX_EXPIRED: { status: 422, title: 'Transaction has expired' },
  TX_EXPIRY_TOO_FAR: { status: 422, title: 'Transaction expiry is too far in the future' },
  TX_NONCE_INVALID: { status: 422, title: 'Nonce is beyond 2^53' },
  TX_ACTION_MISSING: { status: 422, title: 'Transaction carries no action' },
  TX_DUPLICATE: { status: 409, title: 'Transaction is already pending' },
  TX_ALREADY_COMMITTED: { status: 409, title: 'Transaction is already committed' },
  SIGNER_NOT_MEMBER: { status: 403, title: 'Signer is not a member allowed to do this' },
  CATEGORY_UNKNOWN: { status: 422, title: 'Evidence category is not in the genesis list' },
  CATEGORY_NOT_ALLOWED: { status: 403, title: 'Submitter may not anchor in this category' },
  ALGORITHM_UNSUPPORTED: { status: 422, title: 'Hash algorithm is not supported' },
  EVIDENCE_FIELD_INVALID: { status: 422, title: 'An evidence field is out of bounds' },
  EQUIVOCATION_INVALID: { status: 422, title: 'Equivocation report does not prove an offence' },
  EQUIVOCATION_DUPLICATE: { status: 409, title: 'This equivocation is already recorded' },
  GOV_PROPOSAL_NOT_FOUND: { status: 422, title: 'No governance proposal with this id' },
  GOV_PROPOSAL_CLOSED: { status: 409, title: 'The proposal is already decided' },
  GOV_PROPOSAL_EXPIRED: { status: 422, title: 'The proposal has expired' },
  GOV_PROPOSAL_OPEN: { status: 409, title: 'An open proposal about this key exists already' },
  GOV_DUPLICATE_VOTE: { status: 409, title: 'This validator has voted on the proposal already' },
  GOV_NOT_VALIDATOR: { status: 403, title: 'Only validators of the current set vote on governance' },
  GOV_JOIN_RATE_LIMITED: { status: 429, title: 'Too many join requests in this block, retry later' },
  MEMBER_EXISTS: { status: 409, title: 'The key or name is already registered' },
  MEMBER_NOT_FOUND: { status: 422, title: 'No member with this key' },
  MEMBER_STATE_INVALID: { status: 409, title: 'The member is not in a state this change applies to' },
  VALSET_POWER_TOO_LARGE: { status: 409, title: 'The validator set would exceed 2^36 total voting power' },
  JOIN_FIELD_INVALID: { status: 422, title: 'A join request field is out of bounds' },
  ROTATE_PROOF_INVALID: { status: 422, title: 'The new key did not sign the rotation proof' },
  BATCH_INVALID: { status: 422, title: 'The anchor batch is malformed or too large' },
  // Judgment contracts (docs/contracts.md): the lifecycle's refusals, and the arithmetic's
  // ContractError codes mapped onto them (state/cases/errors.ts)
  CASE_SIGNER_NOT_ALLOWED: { status: 403, title: 'The signer\'s role or party may not do this to a case' },
  CASE_UNKNOWN: { status: 404, title: 'No case with this case number' },
  CASE_EVENT_UNKNOWN: { status: 404, title: 'The case has no event with this number' },
  CASE_NO_INVALID: { status: 400, title: 'The case number is not 1 to 96 bytes of the case-number characters' },
  CASE_TIME_INVALID: { status: 400, title: 'The time is not milliseconds or ISO 8601, or lies before the latest block\'s day' },
  CASE_EXISTS: { status: 409, title: 'A case with this case number exists already' },
  CASE_TRANSITION_INVALID: { status: 409, title: 'The case is not in a state this action applies to' },
  CASE_TEMPLATE_UNKNOWN: { status: 422, title: 'The contract template version is not one this chain knows' },
  CASE_DOCUMENT_NOT_ANCHORED: { status: 422, title: 'The judgment or mediation document digest is not anchored on this chain' },
  CASE_TERMS_INVALID: { status: 422, title: 'A term of the contract is missing or out of bounds' },
  CASE_REASON_UNKNOWN: { status: 422, title: 'The reason code is not in the published list for this action' },
  CASE_SCHEDULE_EMPTY: { status: 422, title: 'The contract has no instalments' },
  CASE_SCHEDULE_OUT_OF_ORDER: { status: 422, title: 'Instalments fall due out of order' },
  CASE_SCHEDULE_IN_PAST: { status: 422, title: 'An instalment would default at or before the block time' },
  CASE_AMOUNT_OVERFLOW: { status: 422, title: 'An amount exceeds the largest the chain holds' },
  CASE_AMOUNT_NOT_POSITIVE: { status: 422, title: 'An instalment or payment amount is zero' },
  CASE_CURRENCY_INVALID: { status: 422, title: 'A currency code is not three capital letters' },
  CASE_CURRENCY_MISMATCH: { status: 422, title: 'The amount is not in the case\'s currency' },
  CASE_LIMIT_EXCEEDED: { status: 422, title: 'More instalments, parties or suspensions than a case may hold' },
  PAYMENT_INVALID: { status: 422, title: 'A payment report field is missing or out of bounds' },
  PAYMENT_DUPLICATE: { status: 409, title: 'This bank reference is already reported' },
  CASE_BLOCK_FULL: { status: 503, title: 'The block holds as many case events as it may; retry in the next block' },
  // Cross-chain (docs/crosschain.md)
  FOREIGN_CHAIN_INVALID: { status: 422, title: 'A foreign chain registration field is missing or out of bounds' },
  FOREIGN_CHAIN_EXISTS: { status: 409, title: 'A foreign chain with this name is registered already' },
  FOREIGN_CHAIN_UNKNOWN: { status: 404, title: 'No foreign chain is registered under this name' },
  FOREIGN_CHAIN_KIND_MISMATCH: { status: 422, title: 'The action does not apply to this kind of foreign chain' },
  FOREIGN_CHAIN_FROZEN: { status: 409, title: 'The foreign chain\'s client is frozen after conflicting commits; governance must reset it' },
  FOREIGN_CHAIN_EXPIRED: { status: 409, title: 'The foreign chain\'s newest trusted header is older than its trusting period' },
  FOREIGN_HEADER_INVALID: { status: 422, title: 'The foreign header, its commit or its set changes do not verify against the trusted headers' },
  FOREIGN_HEADER_STALE: { status: 409, title: 'The foreign header is not above the newest trusted one' },
  FOREIGN_MISBEHAVIOUR_INVALID: { status: 422, title: 'The two headers are not a proved conflict' },
  FOREIGN_CHECKPOINT_INVALID: { status: 422, title: 'The checkpoint is not signed by the log\'s key and enough of its witnesses, or its consistency proof fails' },
  FOREIGN_CHECKPOINT_STALE: { status: 409, title: 'The checkpoint is not larger than the newest recorded one' },
  FOREIGN_RECEIPT_MALFORMED: { status: 400, title: 'The foreign receipt does not decode' },
  FOREIGN_NOT_CHECKPOINTED: { status: 404, title: 'No recorded header of the foreign chain covers this anchor yet' },
  FOREIGN_SOURCE_UNAVAILABLE: { status: 502, title: 'The foreign chain\'s node did not answer with a usable receipt' },
  CROSSCHAIN_VERIFICATION_INVALID: { status: 422, title: 'A field of the verification record is missing or out of bounds' },
  // Payouts (docs/payouts.md)
  PAYOUT_UNKNOWN: { status: 404, title: 'No payout order with this id' },
  PAYOUT_ROLE_NOT_REQUIRED: { status: 403, title: 'The signer holds no role the policy requires for this order, or has approved it already in that role' },
  PAYOUT_STATE_INVALID: { status: 409, title: 'The payout order is not in a state this action applies to' },
  PAYOUT_AMOUNT_MISMATCH: { status: 422, title: 'The amount does not match the payout order' },
  PAYOUT_HELD: { status: 409, title: 'A hold stops this payout order' },
  PAYOUT_CLAIMED: { status: 409, title: 'Another executor holds a live claim on this payout order' },
  PAYOUT_NOT_CLAIMANT: { status: 403, title: 'Only the executor holding the claim reports its result' },
  PAYOUT_ALREADY_SETTLED: { status: 409, title: 'The payout order already has its result' },
  PAYOUT_HOLD_INVALID: { status: 409, title: 'The hold does not apply: the case is closed, or no such hold is in force' },
  PAYOUT_POLICY_INVALID: { status: 422, title: 'The payout policy is malformed' },
  PAYOUT_FIELD_INVALID: { status: 422, title: 'A payout field is missing or out of bounds' },
  RECONCILIATION_INVALID: { status: 422, title: 'The reconciliation report is malformed or its date is already reported' },
  WEBHOOK_SIGNATURE_INVALID: { status: 401, title: 'The webhook\'s X-Signature is missing, malformed or made with no accepted secret' },
  WEBHOOK_STALE: { status: 401, title: 'The webhook\'s signed timestamp is outside the accepted window' },
  MEMPOOL_FULL: { status: 503, title: 'Mempool is full, retry later' },
  // Blocks from peers: a validator refuses to vote for one, block sync skips its sender. No request
  // carries a block, so the status is only for completeness.
  BLOCK_INVALID: { status: 422, title: 'Block breaks a rule of the chain' },
  // Lookups
  EVIDENCE_NOT_FOUND: { status: 404, title: 'No anchor of this digest' },
  TRUSTED_HEIGHT_UNKNOWN: { status: 404, title: 'No block is committed at the trusted height' },
  TRUSTED_HEIGHT_NOT_ABOVE: { status: 422, title: 'The trusted height is not above the anchor\'s block' },
  WITNESSED_CHECKPOINT_NOT_FOUND: { status: 404, title: 'No checkpoint cosigned by enough witnesses covers the anchor yet' },
  TX_NOT_FOUND: { status: 404, title: 'Unknown transaction' },
  BLOCK_NOT_FOUND: { status: 404, title: 'No block at this height' },
  CHECKPOINT_NOT_FOUND: { status: 404, title: 'No block has committed yet, so there is no checkpoint' },
  EVENT_NOT_FOUND: { status: 404, title: 'No case event at this height and index' },
  VALIDATORS_NOT_FOUND: { status: 404, title: 'No validator set is known for this height yet' },
  PROPOSAL_NOT_FOUND: { status: 404, title: 'Unknown governance proposal' },
  ROUTE_NOT_FOUND: { status: 404, title: 'No such route' },
  // Signed reads (RFC 9421 HTTP Message Signatures)
  AUTH_REQUIRED: { status: 401, title: 'This read needs a request signed by a member key' },
  AUTH_INVALID: { status: 401, title: 'Request signature is malformed or does not verify' },
  AUTH_STALE: { status: 401, title: 'Request signature is outside the accepted time window' },
  AUTH_REPLAYED: { status: 401, title: 'This signed request was already used' },
  AUTH_FORBIDDEN: { status: 403, title: 'The signing key is not an active member whose role allows this read' },
  // Node
  COMMIT_TIMEOUT: { status: 504, title: 'Transaction not committed within the wait limit' },
  NODE_HALTED: { status: 503, title: 'Node halted after a storage failure' },
  NODE_CLOSING: { status: 503, title: 'Node is shutting down; retry later or on another node' },
  LEDGER_REPAIRING: { status: 503, title: 'The ledger is re-fetching committed blocks it lost; retry later or on another node' },
  GENESIS_PENDING: { status: 503, title: 'The chain has not started: its genesis time is still ahead' },
  NODE_SYNCING: { status: 503, title: 'The node is behind the chain and fetching the blocks it misses' },
  QUORUM_UNREACHABLE: { status: 503, title: 'The node hears validators of no more than 2/3 of the voting power' },
  HISTORY_PROOF_BUSY: { status: 503, title: 'The proof needs more block hashes read than one request may; retry, the work done is kept' },
  INTERNAL: { status: 500, title: 'Internal error' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** An operating error: bad input or an expected failure, reported to the caller with its code. */
export class TianpingError extends Error {
  override name = 'TianpingError';
  readonly code: ErrorCode;
  readonly detail: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message?: string, detail: Record<string, unknown> = {}) {
    super(message ?? ERROR_CODES[code].title);
    this.code = code;
    this.detail = detail;
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }
}

export function isTianpingError(error: unknown): error is TianpingError {
  return error instanceof TianpingError;
}
