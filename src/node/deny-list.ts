// The operator's deny list: node ids refused on the wire even though they are members. The file is
// polled (cheap: one stat per interval) so that an edit takes effect within a second, on every
// platform, without relying on fs.watch semantics.
import { readFileSync, statSync } from 'node:fs';
import type { Logger } from 'pino';

const NODE_ID_RE = /^[0-9a-f]{64}$/;
export const DENY_LIST_POLL_MS = 500;

export function parseDenyList(text: string): { ids: Set<string>; errors: string[] } {
  const ids = new Set<string>();
  const errors: string[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/#.*/, '').trim().toLowerCase();
    if (line === '') return;
    if (NODE_ID_RE.test(line)) ids.add(line);
    else errors.push(`line ${i + 1}: "${line}" is not a 64-hex node id`);
  });
  return { ids, errors };
}

/** Calls onChange with the denied ids now and whenever the file changes; returns a stop function. */
export function watchDenyList(path: string, logger: Logger, onChange: (denied: Set<string>) => void): () => void {
  let lastStamp = '';
  const poll = (): void => {
    let stamp = 'absent';
    try {
      const stat = statSync(path);
      stamp = `${stat.mtimeMs}:${stat.size}`;
    } catch {
      // An absent file denies nobody.
    }
    if (stamp === lastStamp) return;
    lastStamp = stamp;
    const { ids, errors } = stamp === 'absent' ? { ids: new Set<string>(), errors: [] } : parseDenyList(readFileSync(path, 'utf8'));
    for (const error of errors) logger.warn({ file: path }, `deny list ${error}`);
    logger.info({ denied: ids.size }, 'deny list loaded');
    onChange(ids);
  };
  poll();
  const timer = setInterval(poll, DENY_LIST_POLL_MS);
  return () => clearInterval(timer);
}
