// What LevelDB says it dropped. LevelDB recovers a damaged write-ahead log by skipping the records
// it cannot read and carries on without an error; the only trace is a line in the text file `LOG`
// of the database directory ("<dir>/000123.log: dropping 4849 bytes; Corruption: ..."), written
// while the database opens. Read right after open, it names the damaged file; by the next open
// LevelDB has moved it to LOG.old and deleted the damaged log, so the caller must record it.
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

export interface LevelDamage {
  /** The damaged file as LevelDB names it (e.g. 000003.log). */
  readonly file: string;
  /** LevelDB's own line, without its timestamp and thread id. */
  readonly detail: string;
}

/** LOG lines kept at most: one damaged log can report many dropped ranges. */
const DAMAGE_LINES_MAX = 32;
/** LOG is small (a few lines per open), but it is read whole: refuse to read a runaway one. */
const LOG_BYTES_MAX = 4 * 1024 * 1024;

/** Lines of `LOG` in a LevelDB directory that report corruption or dropped bytes; [] when none or no LOG. */
export function levelDamageReports(dbDir: string): LevelDamage[] {
  let text: string;
  try {
    const bytes = readFileSync(join(dbDir, 'LOG'));
    text = bytes.subarray(Math.max(0, bytes.length - LOG_BYTES_MAX)).toString('utf8');
  } catch {
    return [];
  }
  return parseLevelLog(text).slice(0, DAMAGE_LINES_MAX);
}

export function parseLevelLog(text: string): LevelDamage[] {
  const found: LevelDamage[] = [];
  for (const raw of text.split('\n')) {
    if (!/corruption|dropping \d+ bytes|checksum mismatch/i.test(raw)) continue;
    // "2026/12/06-11:56:53.633052 7f3c7afbe6c0 (ignoring error) /x/000003.log: dropping ..."
    const detail = raw.replace(/^\d{4}\/\d{2}\/\d{2}-[\d:.]+ [0-9a-f]+ /, '').trim();
    const file = /([^\s:]*\/)?(\d{6}\.(?:log|ldb|sst)|MANIFEST-\d+)/.exec(detail);
    found.push({ file: file === null ? 'LOG' : basename(file[0]), detail });
  }
  return found;
}
