import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

describe('SDK browser bundle', () => {
  it('bundles src/client/index.ts for the browser without any node: module', async () => {
    const result = await build({
      entryPoints: ['src/client/index.ts'], bundle: true, platform: 'browser', format: 'esm', write: false,
      logLevel: 'silent', metafile: true,
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((input) => input.includes('src/client/file.ts'))).toBe(false);
    expect(inputs.filter((input) => input.startsWith('node:'))).toEqual([]);
    expect(result.outputFiles[0]?.text).not.toMatch(/from\s*["']node:/);
  });
});
