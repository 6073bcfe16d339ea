// The payout dispatcher's face (docs/payouts.md §6): one service, run inside a node whose operator
// holds an executor key (setting payouts.enabled) or as a process of its own (`tianping payout
// dispatch`). Both build it here from the same settings: the executor key, the genesis the
// receipts are verified against, the bank gateway, the account store and its key, the outbox.
import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from 'pino';
import { TianpingClient } from '../client/client.js';
import type { TrustAnchor } from '../client/receipt-trust.js';
import type { NodeConfig } from '../config/defaults.js';
import { readKeyFile } from '../crypto/keyfile.js';
import { asTimeMs, type Clock } from '../types/index.js';
import { AccountStore } from './account-store.js';
import { HttpBankAdapter } from './bank-adapter.js';
import { NodePayoutChain } from './chain.js';
import { Dispatcher, FAILPOINTS, type Failpoint } from './dispatcher.js';
import { HttpOrderSource } from './order-source.js';
import { Outbox } from './outbox.js';
import type { WebhookOptions } from './webhook.js';

export { AccountStore, AccountStoreError, readAccountKey, writeAccountKey, ACCOUNT_KEY_BYTES, type AccountLookup, type AccountSource,
  type PayeeAccount, type StoredAccount } from './account-store.js';
export { Outbox, OutboxError, OUTBOX_STEPS, type OutboxEntry, type OutboxPayload, type OutboxStep } from './outbox.js';
export { HttpOrderSource, type HttpOrderSourceOptions, type OrderSource, type VerifiedOrder } from './order-source.js';
export { NodePayoutChain, type ChainAnswer, type PayoutChain } from './chain.js';
export { Dispatcher, FAILPOINTS, type BankUpdateResult, type DispatcherOptions, type Failpoint } from './dispatcher.js';
export { payoutWebhookRoutes, buildWebhookApp, WEBHOOK_PATH, type WebhookOptions } from './webhook.js';

/** The environment variable of the crash tests; only the CLI and the node's composition read it. */
export const FAILPOINT_ENV = 'TIANPING_PAYOUTS_FAILPOINT';

/** A failpoint that kills this process (SIGKILL) at the step the environment names; none when unset. */
export function failpointFromEnv(env: Readonly<Record<string, string | undefined>>): ((step: Failpoint) => void) | undefined {
  const wanted = env[FAILPOINT_ENV];
  if (wanted === undefined || wanted === '') return undefined;
  if (!(FAILPOINTS as readonly string[]).includes(wanted)) throw new Error(`${FAILPOINT_ENV} must be one of ${FAILPOINTS.join(', ')}, got "${wanted}"`);
  return (step) => {
    if (step === wanted) process.kill(process.pid, 'SIGKILL');
  };
}

/**
 * The dispatcher's settings: the node's `payouts` settings (config/defaults.ts, where each is
 * described) without the switch that starts it. Paths as given: the caller resolves them (the node
 * against its data directory).
 */
export type PayoutSettings = Omit<NodeConfig['payouts'], 'enabled'>;

export interface PayoutServiceOptions {
  readonly settings: PayoutSettings;
  /** The genesis (or a trusted header with its set): never taken from the node. */
  readonly trust: TrustAnchor;
  readonly logger: Logger;
  readonly clock?: Clock;
  readonly failpoint?: (step: Failpoint) => void;
  readonly pollIntervalMs?: number;
  readonly fetch?: typeof fetch;
}

export interface PayoutService {
  /** Mount with payoutWebhookRoutes (a node's API) or buildWebhookApp (a listener of its own). */
  readonly webhook: WebhookOptions;
  /** Starts following the node at `nodeUrl` (resuming the outbox first). */
  start(nodeUrl: string): void;
  /** One round against the node at `nodeUrl`: the outbox resumed and every approved order handled. */
  runOnce(nodeUrl: string): Promise<void>;
  stop(): Promise<void>;
}

const systemClock: Clock = { nowMs: () => asTimeMs(Date.now()) };

/** Opens the key, the account store and the outbox (refusing a bad key file or store at once). */
export async function createPayoutService(o: PayoutServiceOptions): Promise<PayoutService> {
  const { settings, logger } = o;
  const key = readKeyFile(settings.keyFile);
  const accounts = AccountStore.open(settings.accountsFile, settings.accountsKeyFile);
  const outbox = await Outbox.open(settings.outboxDir);
  const clock = o.clock ?? systemClock;
  const bank = new HttpBankAdapter({ baseUrl: settings.gatewayUrl, timeoutMs: settings.bankTimeoutMs, ...(o.fetch === undefined ? {} : { fetch: o.fetch }) });
  // Stopping aborts every wait, so no timer outlives the service.
  const waits = new AbortController();
  let dispatcher: Dispatcher | undefined;
  const dispatcherFor = (nodeUrl: string): Dispatcher => dispatcher ??= new Dispatcher({
    source: new HttpOrderSource({ nodeUrl, key, trust: o.trust, logger, ...(o.fetch === undefined ? {} : { fetch: o.fetch }) }),
    chain: new NodePayoutChain({ client: new TianpingClient(nodeUrl, { signer: key, ...(o.fetch === undefined ? {} : { fetch: o.fetch }) }),
      chainId: o.trust.chainId, key, clock }),
    bank, accounts, outbox, fromAccount: settings.fromAccount, logger, clock,
    sleep: (ms) => delay(ms, undefined, { signal: waits.signal }).catch(() => undefined),
    ...(o.failpoint === undefined ? {} : { failpoint: o.failpoint }),
    ...(o.pollIntervalMs === undefined ? {} : { pollIntervalMs: o.pollIntervalMs }),
  });
  let closed: Promise<void> | undefined;
  return {
    webhook: {
      secrets: settings.webhookSecrets,
      nowMs: () => clock.nowMs(),
      // Before the dispatcher runs nothing waits for a status: a resumed entry asks the bank itself.
      bankUpdate: (outcome) => dispatcher?.bankUpdate(outcome) ?? Promise.resolve('ignored'),
    },
    start: (nodeUrl) => dispatcherFor(nodeUrl).start(),
    runOnce: (nodeUrl) => dispatcherFor(nodeUrl).runOnce(),
    stop: () => closed ??= (async () => {
      const stopping = dispatcher?.stop();
      waits.abort();
      await stopping;
      await outbox.close();
    })(),
  };
}
