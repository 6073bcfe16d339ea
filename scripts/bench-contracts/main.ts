// npm run bench:contracts -- [--quick] [--contracts N] ...: judgment contracts falling due on a
// local testnet of real node processes on 127.0.0.1, against the figures of the issue:
//   1. per-block contract work stays under the genesis limit caseEventsPerBlockMax (max and p99 of
//      the clock's events per block, read from the headers), the rest carried over;
//   2. validator CPU per anchor at a fixed anchor rate rises by at most 10 % while thousands of
//      contracts fall due per block, against control windows without, alternating on the same
//      testnet so that the machine's noise hits both.
// Targets are reported as pass/fail; a missed target is a result, not an error (exit 0).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { machineInfo, type PresignedTx } from '../bench-lib.js';
import { startTestnet, stopAll, type TestnetNodeHandle } from '../testnet-lib.js';
import { parse, fixed, log, SPREAD_FRACTION, USAGE, UsageError, VALIDATORS, type Args } from './args.js';
import { jsonLine, summaryLines, type Results } from './report.js';
import {
  anchoredDigest, benchTestnetFiles, makeSchedule, presignAnchors, presignCases, sendAll, sendText, warmUp,
} from './setup.js';
import { awaitEvents, blockFacts, latestHeight, runWindows, windowFigures } from './windows.js';

const EXIT_OK = 0;
const EXIT_ERROR = 2;
/** Time planned for the chain to take the last contracts in: at least this, or a quarter of the creation. */
const CREATION_LEAD_MIN_MS = 15_000;
const CREATION_LEAD_SHARE = 0.25;
/** Signing a contract with node:crypto takes ~0.1 ms; planned at this, so the windows do not start early. */
const SIGN_MS_PER_CONTRACT = 0.4;
const DOCUMENT_NONCE = 1_000;
const WINDOW_NONCE = 100_000_000;
const WINDOW_NONCE_STEP = 10_000_000;

async function phases(args: Args, dir: string, running: { handles: TestnetNodeHandle[] }): Promise<Results> {
  const machine = machineInfo();
  const { layout, submitter, court } = benchTestnetFiles(join(dir, 'testnet'), args);
  const startSigning = performance.now();
  const warm = presignAnchors(layout, submitter, VALIDATORS, 1);
  const documents = presignAnchors(layout, submitter, args.contracts, DOCUMENT_NONCE);
  const perWindow = Math.ceil((args.windowMs / 1000) * args.anchorRate) + 1;
  const windowTxs: PresignedTx[][] = Array.from({ length: 2 * args.rounds },
    (_, w) => presignAnchors(layout, submitter, perWindow, WINDOW_NONCE + w * WINDOW_NONCE_STEP));
  log(`pre-signed ${documents.length} document anchors and ${2 * args.rounds} × ${perWindow} window anchors `
    + `in ${fixed((performance.now() - startSigning) / 1000, 1)} s`);

  log(`starting ${VALIDATORS} validators in ${layout.dir} (API ports ${args.basePort}..; caseEventsPerBlockMax ${args.eventsPerBlockMax})`);
  running.handles = await startTestnet(layout, { env: args.nodeEnv });
  const handles = running.handles;
  const url = handles[0]!.node.apiUrl;
  await warmUp(handles, warm);

  log(`phase 1: anchoring ${args.contracts} documents`);
  const anchors = await sendAll(handles, documents, 'documents', undefined, Number.POSITIVE_INFINITY);
  log(`  documents: ${sendText(anchors)}`);

  // The windows' times are fixed now: the contracts' due times are signed into them.
  const creationMs = (args.contracts * 1000) / args.createRate;
  const firstWindowMs = Date.now() + args.contracts * SIGN_MS_PER_CONTRACT + creationMs
    + Math.max(CREATION_LEAD_MIN_MS, CREATION_LEAD_SHARE * creationMs);
  const schedule = makeSchedule(args, firstWindowMs, SPREAD_FRACTION);
  const cases = presignCases(layout.chainId, court, documents.map(anchoredDigest), schedule);
  const creationFrom = (await latestHeight(url)) + 1;
  log(`phase 1: creating ${args.contracts} contracts at ${args.createRate}/s; the first window starts in `
    + `${fixed((firstWindowMs - Date.now()) / 1000, 1)} s`);
  const creation = await sendAll(handles, cases, 'contracts', args.createRate, firstWindowMs - 1_000);
  log(`  contracts: ${sendText(creation)}`);
  const creationTo = await latestHeight(url);
  if (Date.now() > firstWindowMs) log(`  WARNING: creation ran ${fixed((Date.now() - firstWindowMs) / 1000, 1)} s into the first window`);

  log(`phase 2: ${args.rounds} round(s) of a control and a contracts window`);
  const runs = await runWindows(args, handles, schedule, (w) => windowTxs[w]!);
  const expectedEvents = creation.accepted * args.rounds;
  log(`  waiting for the clock to process ${expectedEvents} entries`);
  const phase2Blocks = await awaitEvents(url, creationTo + 1, expectedEvents);
  const creationBlocks = await blockFacts(url, creationFrom, creationTo);
  return {
    args, machine, anchors, creation, created: creationBlocks.reduce((a, b) => a + b.eventCount, 0),
    windows: windowFigures(schedule, runs, phase2Blocks), expectedEvents,
    seenEvents: phase2Blocks.reduce((a, b) => a + b.eventCount, 0), phase2Blocks,
  };
}

async function run(args: Args): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'tianping-bench-contracts-'));
  const running: { handles: TestnetNodeHandle[] } = { handles: [] };
  let stopping: Promise<void> | undefined;
  const stopNodes = (): Promise<void> => (stopping ??= stopAll(running.handles));
  const onSignal = (signal: NodeJS.Signals): void => {
    log(`${signal}: stopping the nodes`);
    void stopNodes().then(() => {
      if (!args.keep) rmSync(dir, { recursive: true, force: true });
      process.exit(EXIT_ERROR);
    });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const results = await phases(args, dir, running);
    await stopNodes();
    const exits = await Promise.all(running.handles.map((h) => h.exited));
    const unclean = exits.filter((e) => e.code !== 0);
    if (unclean.length > 0) log(`${unclean.length} node(s) did not stop cleanly: ${unclean.map((e) => e.signal ?? `code ${e.code}`).join(', ')}`);
    process.stdout.write(summaryLines(results).join('\n') + '\n');
    process.stdout.write(jsonLine(results) + '\n');
    return EXIT_OK;
  } finally {
    await stopNodes();
    if (args.keep) log(`testnet kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parse(argv);
  if (args === 'help') {
    process.stdout.write(USAGE);
    return EXIT_OK;
  }
  return run(args);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    const hint = error instanceof UsageError ? ' (see "npm run bench:contracts -- --help")' : '';
    process.stderr.write(`bench:contracts: ${message}${hint}\n`);
    process.exit(EXIT_ERROR);
  },
);
