// JSON requests to a node for the cross-chain commands and the relayer: the routes of
// docs/crosschain.md §4–§5, which the SDK client does not wrap. The request is the SDK's nodeJson
// (shared with the payout dispatcher), so errors are reported as the SDK reports them.
import { ApiError } from '../../client/index.js';

export { nodeJson } from '../../client/node-json.js';

export const isApiCode = (error: unknown, code: string): boolean => error instanceof ApiError && error.code === code;
