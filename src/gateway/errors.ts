// The gateway's refusals. Clients (the dispatcher's HttpBankAdapter, the tests) match on `code`,
// never on the message, so a code once published keeps its meaning. Each carries its HTTP status.

export const GATEWAY_ERRORS = {
  /** The body (or a header it depends on) does not match the route's schema, or is not JSON. */
  BODY_INVALID: { status: 400, title: 'The request body does not match the schema' },
  ACCOUNT_UNKNOWN: { status: 404, title: 'No account with this id' },
  ACCOUNT_EXISTS: { status: 409, title: 'An account with this id exists already' },
  IDEMPOTENCY_KEY_MISSING: { status: 400, title: 'The transfer has no usable Idempotency-Key header' },
  /** The key was used for another payload: nothing was executed. */
  IDEMPOTENCY_KEY_REUSED: { status: 409, title: 'The Idempotency-Key was used for a different transfer' },
  TRANSFER_UNKNOWN: { status: 404, title: 'No transfer with this idempotency key' },
  DATE_INVALID: { status: 400, title: 'The date is not a calendar date YYYY-MM-DD' },
  /** The failNext fault: nothing was executed, the same request may be sent again. */
  UNAVAILABLE: { status: 503, title: 'The bank is unavailable; nothing was executed' },
  ROUTE_NOT_FOUND: { status: 404, title: 'No such route' },
  INTERNAL: { status: 500, title: 'Internal error' },
} as const satisfies Record<string, { status: number; title: string }>;

export type GatewayErrorCode = keyof typeof GATEWAY_ERRORS;

export class GatewayError extends Error {
  override name = 'GatewayError';

  constructor(readonly code: GatewayErrorCode, message?: string) {
    super(message ?? GATEWAY_ERRORS[code].title);
  }

  get status(): number {
    return GATEWAY_ERRORS[this.code].status;
  }
}

export function isGatewayError(error: unknown): error is GatewayError {
  return error instanceof GatewayError;
}
