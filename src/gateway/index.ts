// The reference bank gateway (docs/payouts.md §7): a separate program that stands for a court's
// bank in tests and demonstrations. It imports nothing from the node: types/ and crypto/ only.
// store.ts is its durable record, bank.ts its rules, webhooks.ts the final-status callbacks,
// webhook-signature.ts their signature (imported by the dispatcher too), app.ts the HTTP face,
// server.ts wires them, main.ts is the process.
export { GATEWAY_ERRORS, GatewayError, isGatewayError, type GatewayErrorCode } from './errors.js';
export {
  ACCOUNT_ID_PATTERN, BANK_REF_PATTERN, DATE_PATTERN, IDEMPOTENCY_KEY_PATTERN,
  type Account, type AccountOpen, type Credit, type CreditAnswer, type Faults, type FaultsPatch, type StatementEntry, type TransferAnswer,
  type TransferRequest, type WebhookMode,
} from './schemas.js';
export { GatewayStore, type StoreWrite, type TransferRecord } from './store.js';
export {
  Bank, DEFAULT_CURRENCY, DEFAULT_FAULTS, canonicalJson, isCalendarDate, payloadDigest, valueDateOf,
  type BankDeps, type FinalStatusSink, type TransferOutcome,
} from './bank.js';
export { WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TOLERANCE_S, signWebhook, verifyWebhook, type WebhookVerdict } from './webhook-signature.js';
export { WebhookDispatcher, type WebhookLogger, type WebhookOptions } from './webhooks.js';
export { HOLD_MS_DEFAULT, IDEMPOTENCY_KEY_HEADER, PROBLEM_MEDIA_TYPE, buildGatewayApp, type GatewayAppDeps } from './app.js';
export { startGateway, type GatewayOptions, type RunningGateway } from './server.js';
