// hashFile streams: a child process whose V8 heap is capped at 64 MB hashes a 600 MB (sparse) file
// and gets the digest node:crypto computes, with a peak resident memory far below the file's size.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../e2e/node-process.js';

const FILE_BYTES = 600 * 1024 * 1024;
const HEAP_LIMIT_MB = 64;

async function nodeCryptoSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

describe('hashFile streams files larger than the process may hold', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tianping-stream-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`hashes a ${FILE_BYTES >> 20} MB file in a process limited to a ${HEAP_LIMIT_MB} MB heap`, { timeout: 300_000 }, async () => {
    const path = join(dir, 'recording.bin');
    // Some bytes at the start, then a hole: the disk holds almost nothing, the reader sees 600 MB.
    writeFileSync(path, 'a recording that starts with a header\n');
    truncateSync(path, FILE_BYTES);
    const child = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [`--max-old-space-size=${HEAP_LIMIT_MB}`, '--import', 'tsx', join('test', 'cli', 'hash-file-child.ts'), path, 'sha256'],
        { cwd: PROJECT_ROOT, maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
          resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr });
        });
    });
    expect(child.code, child.stderr).toBe(0);
    const result = JSON.parse(child.stdout) as { digest: string; maxRssBytes: number };
    expect(result.digest).toBe(await nodeCryptoSha256(path));
    // Whole-file reading would need the file's size in memory (Buffers live outside the V8 heap,
    // so the heap cap alone would not catch it); streaming keeps the peak far below it.
    expect(result.maxRssBytes).toBeLessThan(FILE_BYTES / 2);
  });
});
