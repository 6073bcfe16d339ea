// tianping witness: run a witness that cosigns a chain's checkpoints only when they extend the last
// one it cosigned (c2sp.org/tlog-witness), or submit a node's latest checkpoint to one. Members run
// witnesses for each other: a history rewritten with retired validator keys then lacks their
// cosignatures. The witness itself is src/witness; this file only wires its options.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { readKeyFile } from '../../crypto/index.js';
import { asTimeMs, toHex } from '../../types/index.js';
import {
  FileWitnessStore, Witness, buildWitnessApp, ed25519Cosigner, encodeCosignerKey, isWitnessError, parseLogSpec,
  type Cosigner, type LogConfig,
} from '../../witness/index.js';
import {
  EXIT_OK, UsageError, listOption, printJson, runCommand, stringOption, type CliIo, type CommandSpec,
} from '../common.js';
import { requiredOption, runSubcommand } from '../subcommands.js';
import { run as runSubmit } from './witness-submit.js';

const DEFAULT_LISTEN = '127.0.0.1:7380';

const USAGE = `Usage: tianping witness <subcommand> [options]

A witness cosigns a chain's checkpoint only after checking, with a consistency proof, that it
extends the last checkpoint it cosigned (c2sp.org/tlog-witness, cosignature/v1). Create its key
with "tianping keygen". See docs/checkpoints.md, "Witnesses".

Subcommands:
  start     serve POST /add-checkpoint and GET / (the witness's verifier key)
  submit    fetch a node's latest checkpoint and have a witness cosign it

Run "tianping witness <subcommand> --help" for its options.
`;

const startSpec: CommandSpec = {
  name: 'witness start',
  usage: `Usage: tianping witness start --key FILE --log ORIGIN=VERIFIERKEY[,VERIFIERKEY...] [--log ...]
                             [--log-quorum N] --state FILE [--listen HOST:PORT] [--name NAME] [--json]

Serves POST /add-checkpoint and GET / until SIGINT or SIGTERM. Prints the witness's verifier key
(<name>+<key id>+base64(0x04 || key)), which clients list to require its cosignature (a witness
policy, docs/receipt-format.md 13.5) and nodes list to push their checkpoints to it (config
witnesses.list: "<URL> <verifier key>").

Options:
  --key FILE        the witness's key file (from "tianping keygen"; not a node key)
  --log SPEC        a log: its origin (the chain id) and the verifier keys of the validators'
                    checkpoints, comma-separated; repeat for several chains
  --log-quorum N    how many of a log's keys must sign a checkpoint (default 1)
  --state FILE      the record of the latest cosigned checkpoint per log; created when absent.
                    Back it up: a witness that loses it must take a new key
  --listen H:P      address to serve on (default ${DEFAULT_LISTEN})
  --name NAME       the witness's key name (default tianping-witness/<first 16 hex of the key>)
  --json            print {"verifierKey","url"} as JSON
  -h, --help        show this help
`,
  options: {
    key: { type: 'string' }, log: { type: 'string', multiple: true }, 'log-quorum': { type: 'string' },
    state: { type: 'string' }, listen: { type: 'string' }, name: { type: 'string' },
  },
  positionals: { min: 0, max: 0 },
};

export function parseListen(text: string): { host: string; port: number } {
  const match = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+):([0-9]{1,5})$/.exec(text);
  const port = match === null ? NaN : Number(match[2]);
  if (match === null || port > 65535) throw new UsageError(`--listen "${text}" must be HOST:PORT, e.g. ${DEFAULT_LISTEN}`);
  return { host: match[1]!.replace(/^\[|\]$/g, ''), port };
}

function quorumOption(text: string | undefined): number {
  if (text === undefined) return 1;
  if (!/^[1-9][0-9]{0,3}$/.test(text)) throw new UsageError(`--log-quorum must be a positive integer, got "${text}"`);
  return Number(text);
}

function logsOption(specs: readonly string[], quorum: number): LogConfig[] {
  if (specs.length === 0) throw new UsageError('--log ORIGIN=VERIFIERKEY is required');
  const logs = specs.map((spec) => {
    try {
      return parseLogSpec(spec, quorum);
    } catch (error) {
      if (isWitnessError(error)) throw new UsageError(error.message);
      throw error;
    }
  });
  if (new Set(logs.map((log) => log.origin)).size !== logs.length) throw new UsageError('a log origin is given twice');
  return logs;
}

export interface RunningWitness {
  readonly app: FastifyInstance;
  readonly url: string;
  readonly verifierKey: string;
}

/** Opens the record (refusing one that does not parse), then serves; what `start` runs, and tests too. */
export async function startWitness(options: { cosigner: Cosigner; logs: readonly LogConfig[]; statePath: string;
  host: string; port: number; }): Promise<RunningWitness & { created: boolean }> {
  const store = new FileWitnessStore(options.statePath);
  const witness = new Witness({ cosigner: options.cosigner, logs: options.logs, store, clock: { nowMs: () => asTimeMs(Date.now()) } });
  await witness.open();
  const created = !existsSync(options.statePath);
  // Written at once, so that a folder it cannot write to stops the witness now, not at its first cosignature.
  if (created) await store.save(new Map());
  const app = await buildWitnessApp({ witness, cosigner: options.cosigner });
  const address = await app.listen({ host: options.host, port: options.port });
  return { app, url: address, verifierKey: encodeCosignerKey(options.cosigner.name, options.cosigner.publicKey), created };
}

function runStart(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(startSpec, argv, io, async (args) => {
    const keyFile = requiredOption(args, 'key');
    const statePath = resolve(requiredOption(args, 'state'));
    const logs = logsOption(listOption(args, 'log'), quorumOption(stringOption(args, 'log-quorum')));
    const { host, port } = parseListen(stringOption(args, 'listen') ?? DEFAULT_LISTEN);
    const key = readKeyFile(resolve(keyFile));
    const name = stringOption(args, 'name') ?? `tianping-witness/${toHex(key.publicKey).slice(0, 16)}`;
    let cosigner: Cosigner;
    try {
      cosigner = ed25519Cosigner(name, key);
    } catch (error) {
      if (isWitnessError(error)) throw new UsageError(`--name: ${error.message}`);
      throw error;
    }
    const running = await startWitness({ cosigner, logs, statePath, host, port });
    if (running.created) io.stderr(`new witness state ${statePath}\n`);
    io.stderr(`witness ${name} serving ${running.url} for ${logs.map((log) => log.origin).join(', ')}\n`);
    if (args.json) printJson(io, { ok: true, verifierKey: running.verifierKey, url: running.url });
    else io.stdout(`${running.verifierKey}\n`);
    await new Promise<void>((done) => {
      process.once('SIGINT', done);
      process.once('SIGTERM', done);
    });
    await running.app.close();
    return EXIT_OK;
  });
}

export function run(argv: readonly string[], io: CliIo): Promise<number> {
  return runSubcommand('witness', USAGE, { start: runStart, submit: runSubmit }, argv, io);
}
