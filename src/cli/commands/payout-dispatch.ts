// tianping payout dispatch: the payout dispatcher as a process of its own (docs/payouts.md §6), the
// same component a node runs with payouts.enabled. It follows a node's approved orders with reads
// signed by the executor key, verifies each order's event receipt against the genesis file given
// here, pays through the bank gateway and reports on chain. With --listen it takes the gateway's
// webhooks. Logs are JSON lines on stdout; SIGINT or SIGTERM stops it with every payout at a step
// on disk. TIANPING_PAYOUTS_FAILPOINT=<step> kills it at that step (the crash tests).
import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { parseTrustAnchorJson } from '../../client/trust-file.js';
import type { TrustAnchor } from '../../client/receipt-trust.js';
import { LOG_LEVELS } from '../../config/settings.js';
import { buildWebhookApp, createPayoutService, failpointFromEnv, type PayoutService } from '../../payouts/index.js';
import {
  CliError, EXIT_OK, UsageError, booleanOption, httpUrlOption, runCommand, stringOption, type CliIo, type CommandSpec,
} from '../common.js';
import { requiredOption } from '../subcommands.js';

const spec: CommandSpec = {
  name: 'payout dispatch',
  usage: `Usage: tianping payout dispatch --node URL --genesis FILE --key EXECUTOR_KEY --gateway URL --accounts FILE
                               --accounts-key FILE --outbox DIR --from-account ID [--listen HOST:PORT]
                               [--webhook-secret S] [--previous-webhook-secret S] [--bank-timeout-ms MS]
                               [--once] [--log-level L]

Pays the approved payout orders: each order is taken only from its case event's receipt, verified
against the genesis file (never against the node); the payee's account comes from the encrypted
account store and must give the order's commitment; the order is claimed on chain, the bank is called
under the payout id as idempotency key, and the result is reported on chain. The outbox keeps each
step, so a restart resumes where it stopped and never pays twice.

Options:
  --node URL                   the node's API
  --genesis FILE               the chain's genesis (or a trust anchor file with a trusted header)
  --key FILE                   the executor's key file (an active member of role executor)
  --gateway URL                the bank gateway's base URL
  --accounts FILE              the account store ("tianping payout account add")
  --accounts-key FILE          its key ("tianping payout account-key")
  --outbox DIR                 the outbox (created when missing)
  --from-account ID            the court's case account the transfers leave from
  --listen HOST:PORT           take the gateway's webhooks at POST /v1/payouts/webhook here
  --webhook-secret S           the secret the gateway signs webhooks with (needed with --listen)
  --previous-webhook-secret S  the secret before a rotation, accepted as well
  --bank-timeout-ms MS         a bank call unanswered by then is an unknown outcome, asked about by key (default 10000)
  --once                       resume the outbox and handle every approved order once, then exit
  --log-level L                pino level (default info)
  -h, --help                   show this help

Logs are JSON lines on stdout, each payout's with its payoutId. SIGINT or SIGTERM stops it (exit 0).
Exit status: 0 stopped or the round done, 2 usage, file or connection error.
`,
  options: {
    node: { type: 'string' }, genesis: { type: 'string' }, key: { type: 'string' }, gateway: { type: 'string' },
    accounts: { type: 'string' }, 'accounts-key': { type: 'string' }, outbox: { type: 'string' }, 'from-account': { type: 'string' },
    listen: { type: 'string' }, 'webhook-secret': { type: 'string' }, 'previous-webhook-secret': { type: 'string' },
    once: { type: 'boolean' }, 'log-level': { type: 'string' }, 'bank-timeout-ms': { type: 'string' },
  },
  positionals: { min: 0, max: 0 },
};

function readTrust(file: string): TrustAnchor {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read --genesis ${file}: ${(error as Error).message}`);
  }
  const trust = parseTrustAnchorJson(text);
  if (!('validators' in trust)) throw new UsageError('--genesis must be a genesis or a trusted header with its validators, not a header hash');
  return trust;
}

function listenAddress(text: string): { host: string; port: number } {
  const match = /^(.+):([0-9]{1,5})$/.exec(text);
  const port = match === null ? NaN : Number(match[2]);
  if (match === null || port > 65535) throw new UsageError(`--listen must be HOST:PORT, got "${text}"`);
  return { host: match[1]!.replace(/^\[(.*)\]$/, '$1'), port };
}

export function runDispatch(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(spec, argv, io, async (args) => {
    const level = stringOption(args, 'log-level') ?? 'info';
    if (!LOG_LEVELS.includes(level as (typeof LOG_LEVELS)[number])) throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(', ')}, got "${level}"`);
    const nodeUrl = httpUrlOption('node', requiredOption(args, 'node'));
    const gatewayUrl = httpUrlOption('gateway', requiredOption(args, 'gateway'));
    const timeoutText = stringOption(args, 'bank-timeout-ms') ?? '10000';
    const bankTimeoutMs = Number(timeoutText);
    if (!/^[0-9]{3,6}$/.test(timeoutText) || bankTimeoutMs > 600_000) throw new UsageError(`--bank-timeout-ms must be 100..600000, got "${timeoutText}"`);
    const settings = {
      keyFile: requiredOption(args, 'key'), gatewayUrl, bankTimeoutMs, accountsFile: requiredOption(args, 'accounts'),
      accountsKeyFile: requiredOption(args, 'accounts-key'), outboxDir: requiredOption(args, 'outbox'),
      fromAccount: requiredOption(args, 'from-account'),
      webhookSecrets: [stringOption(args, 'webhook-secret'), stringOption(args, 'previous-webhook-secret')].filter((s): s is string => s !== undefined && s !== ''),
    };
    const listenText = stringOption(args, 'listen');
    const listen = listenText === undefined ? undefined : listenAddress(listenText);
    if (listen !== undefined && stringOption(args, 'webhook-secret') === undefined) throw new UsageError('--listen needs --webhook-secret');
    let failpoint;
    try {
      failpoint = failpointFromEnv(io.env);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const trust = readTrust(requiredOption(args, 'genesis'));
    const logger = pino({ level, base: { module: 'payouts' } }, { write: (line: string) => io.stdout(line) });
    let service: PayoutService;
    try {
      service = await createPayoutService({ settings, trust, logger, ...(failpoint === undefined ? {} : { failpoint }) });
    } catch (error) {
      throw new CliError((error as Error).message);
    }
    try {
      if (booleanOption(args, 'once')) {
        await service.runOnce(nodeUrl);
        return EXIT_OK;
      }
      return await runUntilSignal(service, nodeUrl, listen, logger);
    } finally {
      await service.stop();
    }
  });
}

async function runUntilSignal(service: PayoutService, nodeUrl: string, listen: { host: string; port: number } | undefined,
  logger: pino.Logger): Promise<number> {
  const webhooks = listen === undefined ? undefined : await buildWebhookApp(service.webhook);
  const address = webhooks === undefined || listen === undefined ? undefined : await webhooks.listen(listen);
  let onSignal: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => { onSignal = resolve; });
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    service.start(nodeUrl);
    logger.info({ node: nodeUrl, webhooks: address ?? null }, 'payout dispatcher started');
    await stopped;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await webhooks?.close();
  }
  logger.info('payout dispatcher stopped');
  return EXIT_OK;
}
