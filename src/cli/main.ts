#!/usr/bin/env node
// The `tianping` command. Only dispatches: each command lives in commands/<name>.ts and is loaded
// when used, so `tianping verify` never loads the node (libp2p, LevelDB) that `start` needs.
import '../polyfills.js';
import { installNodeSha256 } from '../crypto/hash-node.js';
import { EXIT_ERROR, EXIT_OK, type CliIo } from './common.js';

// Every command (the node, bulk hashing of files) hashes with OpenSSL; the results are the same.
installNodeSha256();

type Run = (argv: readonly string[], io: CliIo) => Promise<number>;

const COMMANDS: Readonly<Record<string, { summary: string; load: () => Promise<{ run: Run }> }>> = {
  keygen: { summary: 'create an ed25519 key file', load: () => import('./commands/keygen.js') },
  init: { summary: 'create a single-node dev chain in a data directory', load: () => import('./commands/init.js') },
  genesis: { summary: 'build the genesis file of a multi-validator chain', load: () => import('./commands/genesis.js') },
  start: { summary: 'start a node', load: () => import('./commands/start.js') },
  anchor: { summary: 'anchor the hashes of files', load: () => import('./commands/anchor.js') },
  verify: { summary: 'check whether a file is anchored, when and by whom', load: () => import('./commands/verify.js') },
  member: { summary: 'join, vote on, remove, suspend, reinstate members; rotate keys', load: () => import('./commands/member.js') },
  validators: { summary: 'show the validator set of a height', load: () => import('./commands/validators.js') },
  ledger: { summary: 'check a stopped node\'s ledger offline ("ledger check")', load: () => import('./commands/ledger.js') },
  case: { summary: 'judgment contracts: create, show, list, report payments, suspend, resume, settle, close, file', load: () => import('./commands/case.js') },
  payout: { summary: 'payouts: list orders, approve, hold, release, reconcile a bank statement; dispatch (pay), account add', load: () => import('./commands/payout.js') },
  checkpoint: { summary: 'fetch a node\'s checkpoint and check its signatures, cosignatures and history', load: () => import('./commands/checkpoint.js') },
  crosschain: { summary: 'foreign chains: register, list, show, verify and record foreign receipts, two-hop receipts', load: () => import('./commands/crosschain.js') },
  relay: { summary: 'relay a side chain\'s headers to a main chain\'s light client of it', load: () => import('./commands/relay.js') },
  witness: { summary: 'run a witness that cosigns consistent checkpoints, or submit one to it', load: () => import('./commands/witness.js') },
};

const USAGE = `Usage: tianping <command> [options]

Commands:
${Object.entries(COMMANDS).map(([name, { summary }]) => `  ${name.padEnd(12)}${summary}`).join('\n')}

Every command takes --help and --json.
Exit status: 0 success, 1 a negative answer (not anchored, refused), 2 usage, file or connection error.
`;

async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout)(USAGE);
    return name === undefined ? EXIT_ERROR : EXIT_OK;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command === undefined) {
    io.stderr(`tianping: unknown command "${name}" (see "tianping --help")\n`);
    return EXIT_ERROR;
  }
  return (await command.load()).run(rest, io);
}

const io: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
};

main(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
    // `start` leaves nothing to wait for once the node has closed; a stray handle must not keep it up.
    if (process.argv[2] === 'start') process.exit(code);
  },
  (error: unknown) => {
    process.stderr.write(`tianping: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = EXIT_ERROR;
  },
);
