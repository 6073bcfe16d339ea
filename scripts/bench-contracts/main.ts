// npm run bench:contracts -- [--quick] [--contracts N] ...: judgment contracts falling due on a
// local testnet of real node processes on 127.0.0.1, against the figures of the issue:
//   1. per-block contract work stays under the genesis limit caseEventsPerBlockMax (max and p99 of
//      the clock's events per block, read from the headers), the rest carried over;
//   2. validator CPU per anchor at a fixed anchor rate rises by at most 10 % while thousands of
//      contracts fall due per block, against control windows without, alternating on the same
//      testnet so that the machine's noise hits both.
// Targets are reported as pass/fail; a missed target is a result, not an error (exit 0).
import { join } from 'node:path';
import { machineInfo, withCpuProfile, type PresignedTx } from '../bench-lib.js';
import { SUBMIT_TIMEOUT_MS } from '../bench-net-submit.js';
import { benchMain, EXIT_OK, warmUp, withTestnet, type TestnetRun } from '../bench-run.js';
import { startTestnet } from '../testnet-lib.js';
import { parse, fixed, log, SPREAD_FRACTION, USAGE, VALIDATORS, type Args } from './args.js';
import { jsonLine, summaryLines, type Results } from './report.js';
import {
  anchoredDigest, benchTestnetFiles, makeSchedule, presignAnchors, presignCases, sendAll, sendText,
} from './setup.js';
import { awaitEvents, blockFacts, latestHeight, runWindows, windowFigures } from './windows.js';

/** Time planned for the chain to take the last contracts in: at least this, or a quarter of the creation. */
const CREATION_LEAD_MIN_MS = 15_000;
const CREATION_LEAD_SHARE = 0.25;
/** Signing a contract with node:crypto takes ~0.1 ms; planned at this, so the windows do not start early. */
const SIGN_MS_PER_CONTRACT = 0.4;
const DOCUMENT_NONCE = 1_000;
const WINDOW_NONCE = 100_000_000;
const WINDOW_NONCE_STEP = 10_000_000;

async function phases(args: Args, running: TestnetRun): Promise<Results> {
  const machine = machineInfo();
  const { layout, submitter, court } = benchTestnetFiles(join(running.dir, 'testnet'), args);
  const startSigning = performance.now();
  const warm = presignAnchors(layout, submitter, VALIDATORS, 1);
  const documents = presignAnchors(layout, submitter, args.contracts, DOCUMENT_NONCE);
  const perWindow = Math.ceil((args.windowMs / 1000) * args.anchorRate) + 1;
  const windowTxs: PresignedTx[][] = Array.from({ length: 2 * args.rounds },
    (_, w) => presignAnchors(layout, submitter, perWindow, WINDOW_NONCE + w * WINDOW_NONCE_STEP));
  log(`pre-signed ${documents.length} document anchors and ${2 * args.rounds} × ${perWindow} window anchors `
    + `in ${fixed((performance.now() - startSigning) / 1000, 1)} s`);

  log(`starting ${VALIDATORS} validators in ${layout.dir} (API ports ${args.basePort}..; caseEventsPerBlockMax ${args.eventsPerBlockMax})`);
  running.handles = await startTestnet(withCpuProfile(layout, args.cpuProfDir), { env: args.nodeEnv });
  const handles = running.handles;
  const url = handles[0]!.node.apiUrl;
  await warmUp(handles, warm, { what: 'anchor', submitTimeoutMs: SUBMIT_TIMEOUT_MS });

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
  await withTestnet({ prefix: 'tianping-bench-contracts-', keep: args.keep, log }, (running) => phases(args, running), (results, unclean) => {
    if (unclean.length > 0) log(`${unclean.length} node(s) did not stop cleanly: ${unclean.join(', ')}`);
    process.stdout.write(summaryLines(results).join('\n') + '\n');
    process.stdout.write(jsonLine(results) + '\n');
  });
  return EXIT_OK;
}

benchMain('bench:contracts', USAGE, parse, run);
