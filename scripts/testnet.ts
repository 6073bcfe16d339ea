// npm run testnet -- [--validators N] [--observers N] [--dir DIR] ...: a local multi-node chain on
// 127.0.0.1, one OS process per node, stopped together on Ctrl-C. The work is in testnet-lib.ts
// (which end-to-end tests import); this file only parses flags and reports.
import '../src/polyfills.js';
import { parseArgs } from 'node:util';
import {
  DEFAULT_BASE_PORT, DEFAULT_OBSERVERS, DEFAULT_TESTNET_CHAIN_ID, DEFAULT_VALIDATORS, LAYOUT_FILE, P2P_PORT_OFFSET,
  createTestnetFiles, startTestnet, stopAll, writeLayoutFile, type TestnetLayout, type TestnetNodeHandle,
  type TestnetOptions,
} from './testnet-lib.js';

const EXIT_OK = 0;
const EXIT_ERROR = 2;
const DEFAULT_DIR = '.testnet';
// After Ctrl-C the nodes got SIGINT from the terminal too: give them this long to stop by themselves.
const CTRL_C_WAIT_MS = 5_000;

const USAGE = `Usage: npm run testnet -- [--validators N] [--observers N] [--dir DIR] [--base-port P]
                          [--chain-id ID] [--no-start] [--reset] [--json]

Makes a local testnet in DIR (default ${DEFAULT_DIR}) and runs every node as its own process on
127.0.0.1 until Ctrl-C. DIR gets nodeK/ (validators) and observerK/ folders, each with node.key,
config.json and node.log, plus genesis.json, submitter.key (a member allowed to anchor in every
category) and ${LAYOUT_FILE} (every node's URLs, peer id, pid and the command that restarts it).
When DIR already holds a testnet, its keys and genesis are reused and its nodes restarted.

Options:
  --validators N   validators node0..node(N-1), power 10 each (default ${DEFAULT_VALIDATORS})
  --observers N    observer nodes observer0.. (default ${DEFAULT_OBSERVERS})
  --dir DIR        where the testnet lives (default ${DEFAULT_DIR})
  --base-port P    node K's API on P+K, its p2p port on P+${P2P_PORT_OFFSET}+K (default ${DEFAULT_BASE_PORT})
  --chain-id ID    chain id of a new testnet (default ${DEFAULT_TESTNET_CHAIN_ID})
  --no-start       only write the files
  --reset          delete DIR first (only if it is a testnet) and make a new one
  --json           print one JSON line instead of the table
  -h, --help       show this help
`;

class UsageError extends Error {}

interface Args {
  readonly options: TestnetOptions;
  readonly start: boolean;
  readonly json: boolean;
}

function parse(argv: readonly string[]): Args | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv], allowPositionals: false, strict: true,
      options: {
        validators: { type: 'string' }, observers: { type: 'string' }, dir: { type: 'string' },
        'base-port': { type: 'string' }, 'chain-id': { type: 'string' }, 'no-start': { type: 'boolean' },
        reset: { type: 'boolean' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
  const { values } = parsed;
  if (values.help === true) return 'help';
  const integer = (name: string, text: string | undefined): number | undefined => {
    if (text === undefined) return undefined;
    if (!/^[0-9]+$/.test(text)) throw new UsageError(`--${name} must be a whole number, got "${text}"`);
    return Number(text);
  };
  const validators = integer('validators', values.validators);
  const observers = integer('observers', values.observers);
  const basePort = integer('base-port', values['base-port']);
  const options: TestnetOptions = {
    dir: values.dir ?? DEFAULT_DIR, reset: values.reset === true,
    ...(validators === undefined ? {} : { validators }), ...(observers === undefined ? {} : { observers }),
    ...(basePort === undefined ? {} : { basePort }),
    ...(values['chain-id'] === undefined ? {} : { chainId: values['chain-id'] }),
  };
  return { options, start: values['no-start'] !== true, json: values.json === true };
}

function summaryJson(layout: TestnetLayout, pids: Readonly<Record<string, number | null>>): string {
  return JSON.stringify({
    ok: true, chainId: layout.chainId, dir: layout.dir, genesis: layout.genesisFile, submitterKey: layout.submitterKeyFile,
    nodesFile: `${layout.dir}/${LAYOUT_FILE}`,
    nodes: layout.nodes.map((n) => ({ name: n.name, role: n.role, apiUrl: n.apiUrl, p2pAddr: n.p2pAddr, peerId: n.peerId,
      nodeId: n.nodeId, pid: pids[n.name] ?? null })),
  });
}

function summaryTable(layout: TestnetLayout, pids: Readonly<Record<string, number | null>>): string {
  const rows = [['name', 'role', 'api', 'p2p', 'peer id', 'pid'], ...layout.nodes.map((n) =>
    [n.name, n.role, n.apiUrl, `127.0.0.1:${n.p2pPort}`, n.peerId, String(pids[n.name] ?? '-')])];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const table = rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd());
  return [
    `testnet "${layout.chainId}" in ${layout.dir}`,
    `  genesis    ${layout.genesisFile}`,
    `  submitter  ${layout.submitterKeyFile}`,
    '',
    ...table,
    '',
  ].join('\n');
}

/** Keeps the nodes running until a signal, then stops them; resolves with the exit status. */
function superviseUntilSignal(layout: TestnetLayout, handles: readonly TestnetNodeHandle[]): Promise<number> {
  return new Promise((resolve) => {
    let stopping = false;
    const finish = (code: number): void => {
      writeLayoutFile(layout);
      resolve(code);
    };
    const onSignal = (signal: NodeJS.Signals): void => {
      if (stopping) {
        process.stderr.write('testnet: second signal: killing every node\n');
        void Promise.all(handles.map((h) => h.kill9())).then(() => finish(EXIT_ERROR));
        return;
      }
      stopping = true;
      process.stderr.write(`testnet: ${signal}: stopping ${handles.length} nodes\n`);
      void stopAll(handles, signal === 'SIGINT' ? { waitFirstMs: CTRL_C_WAIT_MS } : {}).then(() => finish(EXIT_OK));
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    for (const handle of handles) {
      void handle.exited.then((exit) => {
        if (stopping) return;
        process.stderr.write(`testnet: ${handle.name} exited (${exit.signal ?? `code ${exit.code}`}); see ${handle.node.logFile}\n`);
        if (handles.every((h) => !h.running())) finish(EXIT_ERROR);
      });
    }
  });
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parse(argv);
  if (args === 'help') {
    process.stdout.write(USAGE);
    return EXIT_OK;
  }
  const layout = createTestnetFiles(args.options);
  if (!args.start) {
    process.stdout.write(args.json ? summaryJson(layout, {}) + '\n' : summaryTable(layout, {}));
    return EXIT_OK;
  }
  const handles = await startTestnet(layout);
  const pids = Object.fromEntries(handles.map((h) => [h.name, h.pid]));
  writeLayoutFile(layout, pids);
  process.stdout.write(args.json ? summaryJson(layout, pids) + '\n' : summaryTable(layout, pids));
  process.stderr.write(`testnet: ${handles.length} nodes running; logs in ${layout.dir}/<name>/node.log; Ctrl-C stops them\n`);
  return superviseUntilSignal(layout, handles);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    const hint = error instanceof UsageError ? ' (see "npm run testnet -- --help")' : '';
    process.stderr.write(`testnet: ${message}${hint}\n`);
    process.exit(EXIT_ERROR);
  },
);
