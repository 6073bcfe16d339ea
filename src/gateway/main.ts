// npm run gateway: the reference bank gateway as a process of its own (docs/payouts.md §7).
// Prints one JSON line {"url"} on stdout once listening; logs (pino) go to stderr; SIGTERM or
// SIGINT closes it cleanly.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { startGateway } from './server.js';

const USAGE = `Usage: npm run gateway -- --data DIR [--listen HOST:PORT] [--webhook-url URL --webhook-secret S] [--log-level L]

  --data DIR           the gateway's own data directory (LevelDB); created when absent
  --listen HOST:PORT   where to listen (default 127.0.0.1:7390; port 0: any free port)
  --webhook-url URL    where to POST each transfer's final status, signed
  --webhook-secret S   the HMAC-SHA256 secret of the X-Signature header
  --log-level L        pino level (default info)
`;

const LEVELS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function parseListen(text: string): { host: string; port: number } {
  const match = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+):([0-9]{1,5})$/.exec(text);
  const port = match === null ? NaN : Number(match[2]);
  if (match === null || port > 65535) fail(`--listen "${text}" must be HOST:PORT`);
  return { host: match[1]!.replace(/^\[|\]$/g, ''), port };
}

async function main(): Promise<void> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        data: { type: 'string' }, listen: { type: 'string' }, 'webhook-url': { type: 'string' }, 'webhook-secret': { type: 'string' },
        'log-level': { type: 'string' }, help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: false,
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  if (values['help'] === true) {
    process.stdout.write(USAGE);
    return;
  }
  const text = (name: string): string | undefined => (typeof values[name] === 'string' ? values[name] : undefined);
  const dataDir = text('data') ?? fail('--data DIR is required');
  const { host, port } = parseListen(text('listen') ?? '127.0.0.1:7390');
  const level = text('log-level') ?? 'info';
  if (!LEVELS.has(level)) fail(`--log-level must be one of ${[...LEVELS].join(', ')}`);
  const webhookUrl = text('webhook-url');
  const webhookSecret = text('webhook-secret');
  if (webhookUrl !== undefined && !URL.canParse(webhookUrl)) fail(`--webhook-url "${webhookUrl}" is not a URL`);
  if (webhookUrl !== undefined && (webhookSecret ?? '') === '') fail('--webhook-url needs --webhook-secret');
  const logger = pino({ level, name: 'gateway' }, pino.destination({ fd: 2, sync: false }));
  const gateway = await startGateway({
    dataDir: resolve(dataDir), host, port, logger,
    ...(webhookUrl !== undefined ? { webhookUrl, webhookSecret: webhookSecret ?? '' } : {}),
  });
  logger.info({ url: gateway.url, dataDir: resolve(dataDir), webhooks: webhookUrl !== undefined }, 'gateway listening');
  process.stdout.write(`${JSON.stringify({ url: gateway.url })}\n`);
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await gateway.close();
  logger.info('gateway closed');
  logger.flush();
}

main().catch((error: unknown) => {
  process.stderr.write(`gateway: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
