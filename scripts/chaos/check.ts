// npx tsx scripts/chaos/check.ts --dir RUN_DIR --phase live|offline [--testnet DIR] [--byzantine a,b]
// Checks a chaos run (scripts/chaos/checker.ts): prints each failure, then one JSON line
// {ok, failures, counts}; exits 0 when the run passed, 1 when it failed, 2 on a usage error.
// The testnet is RUN_DIR/testnet unless --testnet names another; the Byzantine nodes are those
// given with --byzantine (names or node ids) and every node of a 'byzantine' fault in faults.jsonl.
import '../../src/polyfills.js';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadTestnetLayout } from '../testnet-files.js';
import { checkRun } from './checker.js';
import { FAULTS_FILE } from './check/run-files.js';

const USAGE = 'Usage: npx tsx scripts/chaos/check.ts --dir RUN_DIR --phase live|offline [--testnet DIR] [--byzantine NAME,...]';

function byzantineOfFaults(dir: string): string[] {
  const file = join(dir, FAULTS_FILE);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').flatMap((line) => {
    try {
      const entry = JSON.parse(line) as { kind?: unknown; nodes?: unknown };
      return entry.kind === 'byzantine' && Array.isArray(entry.nodes) ? entry.nodes.map(String) : [];
    } catch {
      return []; // the checker reports lines that do not parse
    }
  });
}

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ options: { dir: { type: 'string' }, phase: { type: 'string' }, testnet: { type: 'string' },
      byzantine: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help === true) {
    console.log(USAGE);
    return 0;
  }
  const { dir, phase } = values;
  if (dir === undefined || (phase !== 'live' && phase !== 'offline')) {
    console.error(USAGE);
    return 2;
  }
  const testnetDir = values.testnet ?? join(dir, 'testnet');
  const layout = loadTestnetLayout(testnetDir);
  if (layout === undefined) {
    console.error(`no testnet at ${testnetDir} (nodes.json missing); give it with --testnet DIR`);
    return 2;
  }
  const given = (values.byzantine ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  const byzantineNodeIds = [...new Set([...given, ...byzantineOfFaults(dir)])];
  const report = await checkRun({ dir, layout, byzantineNodeIds, phase });
  for (const failure of report.failures) console.log(`FAIL ${failure}`);
  console.log(JSON.stringify(report));
  return report.ok ? 0 : 1;
}

process.exitCode = await main();
