// Opens the store, builds the bank, its webhooks and its HTTP face, and listens: what main.ts runs,
// and what tests start in-process.
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { buildGatewayApp } from './app.js';
import { Bank } from './bank.js';
import { GatewayStore } from './store.js';
import { WebhookDispatcher } from './webhooks.js';

export interface GatewayOptions {
  readonly dataDir: string;
  readonly host: string;
  /** 0: any free port. */
  readonly port: number;
  readonly webhookUrl?: string;
  readonly webhookSecret?: string;
  readonly logger?: FastifyBaseLogger;
  readonly nowMs?: () => number;
  readonly holdMs?: number;
  readonly lateDelayMs?: number;
}

export interface RunningGateway {
  readonly url: string;
  readonly app: FastifyInstance;
  readonly bank: Bank;
  readonly webhooks: WebhookDispatcher | undefined;
  /** Stops listening, drops pending webhooks, waits for operations under way, closes the store. */
  close(): Promise<void>;
}

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const nowMs = options.nowMs ?? (() => Date.now());
  if (options.webhookUrl !== undefined && (options.webhookSecret ?? '') === '') {
    throw new Error('a webhook URL needs a webhook secret');
  }
  const store = await GatewayStore.open(options.dataDir);
  const webhooks = options.webhookUrl === undefined ? undefined : new WebhookDispatcher({
    url: options.webhookUrl, secret: options.webhookSecret ?? '', nowMs,
    ...(options.logger !== undefined ? { logger: options.logger } : {}),
    ...(options.lateDelayMs !== undefined ? { lateDelayMs: options.lateDelayMs } : {}),
  });
  const bank = new Bank({ store, nowMs, ...(webhooks !== undefined ? { webhooks } : {}) });
  let app: FastifyInstance;
  try {
    app = await buildGatewayApp({
      bank, ...(options.logger !== undefined ? { logger: options.logger } : {}),
      ...(options.holdMs !== undefined ? { holdMs: options.holdMs } : {}),
    });
    await app.listen({ host: options.host, port: options.port });
  } catch (error) {
    await store.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`, app, bank, webhooks,
    async close() {
      await app.close();
      await webhooks?.close();
      await bank.drain();
      await store.close();
    },
  };
}
