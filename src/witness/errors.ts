// Refusals of a witness (c2sp.org/tlog-witness) and of its configuration. Tools match on `code`,
// never on the message, so a code once published keeps its meaning. Each refusal of add-checkpoint
// carries the HTTP status the protocol prescribes for it: a submitter written for any C2SP witness
// reads the status alone, ours may read the code too.

export const WITNESS_REFUSALS = {
  /** The body is not "old <size>", at most 63 base64 hashes, a blank line and a signed checkpoint note. */
  WITNESS_REQUEST_MALFORMED: 400,
  /** The old size is larger than the checkpoint's size. */
  WITNESS_OLD_SIZE_BEYOND_CHECKPOINT: 400,
  /** No log with this origin is configured. */
  WITNESS_ORIGIN_UNKNOWN: 404,
  /** Fewer of the log's keys than its quorum signed the checkpoint, or one of its keys signed it badly. */
  WITNESS_LOG_SIGNATURE_MISSING: 403,
  /** The old size is not the size this witness last cosigned for the origin (its size is in the answer). */
  WITNESS_OLD_SIZE_MISMATCH: 409,
  /** Same size as the checkpoint last cosigned, another root hash: the log forked. */
  WITNESS_FORK: 409,
  /** The consistency proof from the recorded checkpoint to the new one does not verify. */
  WITNESS_PROOF_INVALID: 422,
} as const;

export type WitnessRefusalCode = keyof typeof WITNESS_REFUSALS;

export type WitnessErrorCode =
  | WitnessRefusalCode
  /** A --log, quorum or key name the witness cannot run with. */
  | 'WITNESS_CONFIG_INVALID'
  /** The state file does not parse: the witness must not start and forget what it cosigned. */
  | 'WITNESS_STATE_INVALID'
  /** A cosigner verifier key that is not `<name>+<8 hex>+<base64(0x04 || key)>` with a matching key ID. */
  | 'COSIGNER_KEY_INVALID';

export class WitnessError extends Error {
  override name = 'WitnessError';

  constructor(readonly code: WitnessErrorCode, message: string) {
    super(message);
  }
}

export function isWitnessError(error: unknown): error is WitnessError {
  return error instanceof WitnessError;
}
