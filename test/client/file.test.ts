import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashFile } from '../../src/client/file.js';
import { hashEvidence } from '../../src/crypto/hash.js';
import { toHex } from '../../src/types/index.js';

const dir = mkdtempSync(join(tmpdir(), 'tianping-hashfile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hashFile', () => {
  // Deterministic, non-repeating content whose length is not a multiple of the chunk or block size.
  const content = new Uint8Array(300_001);
  for (let i = 0; i < content.length; i++) content[i] = (i * 31 + (i >> 8)) & 0xff;
  const path = join(dir, 'evidence.bin');
  writeFileSync(path, content);

  for (const algorithm of ['sha256', 'sm3'] as const) {
    it(`equals the one-shot ${algorithm} hash when read in many chunks`, async () => {
      const expected = toHex(hashEvidence(algorithm, content));
      expect(toHex(await hashFile(path, algorithm, 4099))).toBe(expected);
      expect(toHex(await hashFile(path, algorithm))).toBe(expected);
    });
  }

  it('hashes an empty file', async () => {
    const empty = join(dir, 'empty');
    writeFileSync(empty, '');
    expect(toHex(await hashFile(empty, 'sha256'))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('rejects with the fs error for a missing file', async () => {
    await expect(hashFile(join(dir, 'absent'), 'sha256')).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
