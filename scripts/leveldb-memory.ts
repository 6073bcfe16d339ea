// tsx scripts/leveldb-memory.ts LEDGER_DIR [maxOpenFiles]: how LevelDB's open tables show in RSS
// (docs/reliability.md, "What grew, and what was fixed"). Run it on a copy of a stopped node's
// ledger directory (it opens the database): a scan of every key, then 3 rounds of 200,000 random
// synchronous gets, half of them of absent keys, as admission and block execution read; after
// each, the rate and RSS split as the kernel counts it (anonymous, file-backed: the mapped tables).
import { readFileSync } from 'node:fs';
import { ClassicLevel } from 'classic-level';

const ROUNDS = 3;
const GETS_PER_ROUND = 200_000;
const DEFAULT_MAX_OPEN_FILES = 1_000;

function rss(): string {
  const status = readFileSync('/proc/self/status', 'utf8');
  const mb = (field: string): string => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match === null ? '?' : (Number(match[1]) / 1024).toFixed(0);
  };
  return `RSS ${mb('VmRSS')} MB (anonymous ${mb('RssAnon')}, file-backed ${mb('RssFile')})`;
}

async function main(argv: readonly string[]): Promise<void> {
  const [dir, maxOpenText] = argv;
  const maxOpenFiles = maxOpenText === undefined ? DEFAULT_MAX_OPEN_FILES : Number(maxOpenText);
  if (dir === undefined || !Number.isInteger(maxOpenFiles) || maxOpenFiles < 1) {
    process.stderr.write('usage: tsx scripts/leveldb-memory.ts LEDGER_DIR [maxOpenFiles]\n');
    process.exitCode = 2;
    return;
  }
  const db = new ClassicLevel<string, Uint8Array>(dir, { keyEncoding: 'utf8', valueEncoding: 'view', maxOpenFiles });
  await db.open();
  const keys: string[] = [];
  for await (const key of db.keys()) keys.push(key);
  process.stdout.write(`maxOpenFiles ${maxOpenFiles}: ${keys.length} keys scanned; ${rss()}\n`);
  let seed = 1;
  const random = (): number => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
  for (let round = 1; round <= ROUNDS; round++) {
    const startMs = performance.now();
    let found = 0;
    for (let i = 0; i < GETS_PER_ROUND; i++) {
      const key = keys[Math.floor(random() * keys.length)]!;
      if (db.getSync(i % 2 === 0 ? key : `${key}x`) !== undefined) found++;
    }
    const perS = (GETS_PER_ROUND / (performance.now() - startMs)) * 1000;
    process.stdout.write(`round ${round}: ${perS.toFixed(0)} gets/s (${found} found); ${rss()}; `
      + `LevelDB's own ${db.getProperty('leveldb.approximate-memory-usage')} bytes\n`);
  }
  await db.close();
}

await main(process.argv.slice(2));
