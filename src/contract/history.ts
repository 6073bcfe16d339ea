// The history tree's reads (docs/checkpoints.md): GET /v1/history/consistency's query and answer.
// GET /v1/checkpoint answers a C2SP signed note as text, not JSON, so it has no schema here.
// Hashes go out in lowercase hex, as in receipts (docs/receipt-format.md).
import { Type } from '@sinclair/typebox';
import { LowerHex, SafeUint } from './http.js';

/** Decimal strings, parsed by the route: a bad size is HISTORY_SIZE_INVALID rather than a schema error. */
export const ConsistencyQuerySchema = Type.Object({
  from: Type.String({ maxLength: 20, description: 'The older tree size: decimal, 0 <= from <= to' }),
  to: Type.String({ maxLength: 20, description: 'The newer tree size: decimal, at most the latest checkpoint\'s size (latest height − 1)' }),
}, { additionalProperties: false });

export const ConsistencyProofSchema = Type.Object({
  from: SafeUint('The older tree size: the leaves are the block hashes of heights 1..from'),
  fromRoot: LowerHex('Root of the tree of size `from`, as header from+1 carries it in history_root'),
  to: SafeUint('The newer tree size'),
  toRoot: LowerHex('Root of the tree of size `to`, as header to+1 carries it'),
  proof: Type.Array(LowerHex('A subtree root'), {
    description: 'RFC 9162 §2.1.4 consistency proof from `from` to `to`, in proof order; empty when from is 0 or equals to',
  }),
});
