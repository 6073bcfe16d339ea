// `tianping payout dispatch` as its own OS process for the end-to-end payout tests: a round to its
// end (--once), perhaps killed at a failpoint, or a dispatcher left running until SIGTERM; its JSON
// log lines; and the chain's PAYOUT_SETTLED events counted per order from their verified receipts.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { TianpingClient, verifyEventReceipt } from '../../src/client/index.js';
import { pb } from '../../src/codec/proto.js';
import { FAILPOINT_ENV } from '../../src/payouts/index.js';
import { toHex } from '../../src/types/index.js';
import { PROJECT_ROOT } from '../e2e/node-process.js';
import { CASE_ACCOUNT, type World } from './helpers-e2e.js';

const CLI = join(PROJECT_ROOT, 'src', 'cli', 'main.ts');

export interface DispatchOptions {
  /** The executor key file: world.files.executor unless given. */
  readonly keyFile?: string;
  /** The outbox directory's name under world.dir. */
  readonly outbox: string;
  /** The node's URL (a proxy in front of it); default the world's first node. */
  readonly nodeUrl?: string;
  /** Take the gateway's webhooks here (HOST:PORT) with this secret. */
  readonly listen?: { readonly address: string; readonly secret: string };
  readonly failpoint?: string;
}

export type LogLine = Record<string, unknown>;

export interface DispatchRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly lines: readonly LogLine[];
  readonly stderr: string;
}

function argsOf(world: World, o: DispatchOptions, once: boolean): string[] {
  return ['--import', 'tsx', CLI, 'payout', 'dispatch', '--node', o.nodeUrl ?? world.nodeUrl, '--genesis', world.files.genesis,
    '--key', o.keyFile ?? world.files.executor, '--gateway', world.gateway.url, '--accounts', world.files.accounts,
    '--accounts-key', world.files.accountsKey, '--outbox', join(world.dir, o.outbox), '--from-account', CASE_ACCOUNT,
    ...(o.listen === undefined ? [] : ['--listen', o.listen.address, '--webhook-secret', o.listen.secret]),
    // A bank time-out (the gateway's timeoutAfterAccept fault) is waited out for this long, not the default 10 s.
    '--bank-timeout-ms', '3000',
    ...(once ? ['--once'] : [])];
}

function envOf(o: DispatchOptions): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined && name !== FAILPOINT_ENV) env[name] = value;
  if (o.failpoint !== undefined) env[FAILPOINT_ENV] = o.failpoint;
  return env;
}

export function parseLines(text: string): LogLine[] {
  return text.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as LogLine);
}

export interface DispatcherProcess {
  lines(): LogLine[];
  /** Resolves when the process has exited (by itself, by a failpoint, or after stop()). */
  readonly exited: Promise<DispatchRun>;
  /** SIGTERM: the dispatcher stops with every payout at a step on disk. */
  stop(): Promise<DispatchRun>;
}

/** Starts `tianping payout dispatch` (with --once when `once`). */
export function startDispatcher(world: World, o: DispatchOptions, once = false): DispatcherProcess {
  const child = spawn(process.execPath, argsOf(world, o, once), { cwd: PROJECT_ROOT, env: envOf(o), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<DispatchRun>((resolve) => child.once('close', (code, signal) => resolve({ code, signal, lines: parseLines(stdout), stderr })));
  return {
    lines: () => parseLines(stdout),
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** One round (--once) to its end. */
export function dispatchOnce(world: World, o: DispatchOptions): Promise<DispatchRun> {
  return startDispatcher(world, o, true).exited;
}

/** The log lines of one event, for one payout when given. */
export function eventsOf(lines: readonly LogLine[], event: string, payoutId?: string): LogLine[] {
  return lines.filter((line) => line['event'] === event && (payoutId === undefined || line['payoutId'] === payoutId));
}

/**
 * The case's PAYOUT_SETTLED events counted by the payout id their order carries, each read from its
 * event receipt verified against the genesis (the chain's record, not the node's list).
 */
export async function settledEvents(world: World, caseNo: string): Promise<Map<string, number>> {
  const client = new TianpingClient(world.nodeUrl, { signer: world.keys.court });
  const counts = new Map<string, number>();
  let after: number | undefined;
  for (;;) {
    const page = await client.caseEvents(caseNo, { limit: 100, ...(after === undefined ? {} : { after }) });
    for (const event of page.events.filter((e) => e.kind === 'PAYOUT_SETTLED')) {
      const receipt = await client.caseEventReceipt(caseNo, event.seq);
      if (!verifyEventReceipt(receipt, world.genesis).valid) throw new Error(`the receipt of ${caseNo} #${event.seq} does not verify`);
      const id = toHex(pb.CaseEvent.decode(receipt.event).payout!.id ?? new Uint8Array());
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    if (page.next === undefined) return counts;
    after = page.next;
  }
}
