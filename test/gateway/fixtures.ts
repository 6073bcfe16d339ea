// Shared pieces of the gateway tests: a gateway over a fresh data directory, and a transfer body.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Bank, GatewayStore, buildGatewayApp, type FinalStatusSink, type TransferRequest } from '../../src/gateway/index.js';

export const CASE_ACCOUNT = 'case-2024-001';

export function transferBody(overrides: Partial<TransferRequest> = {}): TransferRequest {
  return {
    fromAccount: CASE_ACCOUNT,
    to: { bank: 'Bank of Hangzhou', name: 'Payee One', number: '6222 0000 1111' },
    amountFen: 12_345,
    currency: 'CNY',
    endToEndId: 'aa'.repeat(32),
    remittance: 'case 2024-001 payout',
    ...overrides,
  };
}

export interface AppGateway {
  readonly app: FastifyInstance;
  readonly bank: Bank;
  readonly store: GatewayStore;
  readonly dir: string;
  close(): Promise<void>;
}

/** A gateway app over its own data directory, with a clock the test sets. */
export async function appGateway(options: { nowMs?: () => number; webhooks?: FinalStatusSink; dir?: string } = {}): Promise<AppGateway> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'tianping-gateway-'));
  const store = await GatewayStore.open(join(dir, 'data'));
  const bank = new Bank({ store, nowMs: options.nowMs ?? (() => Date.now()), ...(options.webhooks ? { webhooks: options.webhooks } : {}) });
  const app = await buildGatewayApp({ bank });
  return {
    app, bank, store, dir,
    async close() {
      await app.close();
      await store.close();
    },
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
