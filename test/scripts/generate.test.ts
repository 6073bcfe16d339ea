// The protobuf module and the page's scripts are generated (scripts/generate.mjs), not kept in git.
// npm runs the generator before tests, the node and the typecheck, but vitest run by hand, an editor
// or a stale checkout does not: these tests fail when a generated file no longer is what its
// sources give, and show that the stamp the pre-scripts rely on notices every kind of drift.
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../e2e/node-process.js';

const GENERATE = join('scripts', 'generate.mjs');

/** Every generated file, by where the project uses it. */
const OUTPUTS = [
  join('src', 'codec', 'gen', 'tianping.js'),
  join('src', 'codec', 'gen', 'tianping.d.ts'),
  join('src', 'api', 'web', 'tianping-web.js'),
  join('src', 'api', 'web', 'app.js'),
];

function run(root: string, ...args: string[]): { status: number | null; stderr: string } {
  const result = spawnSync(process.execPath, [join(root, GENERATE), ...args], { cwd: root, encoding: 'utf8' });
  return { status: result.status, stderr: result.stderr };
}

const temps: string[] = [];
const tempDir = (prefix: string): string => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

describe('generated code (scripts/generate.mjs)', () => {
  it('is what its sources give: the stamps match and a fresh generation has the same bytes (run npm run generate)', () => {
    const check = run(PROJECT_ROOT, '--check');
    expect(check.status, check.stderr).toBe(0);
    // Also guards the generators' determinism: the files in the tree came from an earlier run.
    const out = tempDir('tianping-gen-');
    const fresh = run(PROJECT_ROOT, '--out', out);
    expect(fresh.status, fresh.stderr).toBe(0);
    for (const path of OUTPUTS) {
      const built = readFileSync(join(out, path.split(/[\\/]/).pop()!));
      const present = readFileSync(join(PROJECT_ROOT, path));
      // Compared as bytes; on a mismatch, say which file rather than print 400 KB of diff.
      expect(built.equals(present), `${path} is stale (${present.length} bytes present, ${built.length} built): run npm run generate`).toBe(true);
    }
  });

  it('sees a changed source, a changed module the bundle reads and a hand-edited output as drift', () => {
    // A copy of what the generator reads, with the generated files and their stamps as they are.
    const root = tempDir('tianping-gen-root-');
    for (const path of ['proto', 'src', 'scripts', 'package-lock.json', 'tsconfig.json']) {
      cpSync(join(PROJECT_ROOT, path), join(root, path), { recursive: true });
    }
    symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
    expect(run(root, '--check').status).toBe(0);

    const drifts: [path: string, kind: string][] = [
      ['proto/tianping.proto', 'input'],
      // Reached only through the bundle's imports: esbuild's list of inputs names it.
      ['src/client/receipt-verify.ts', 'input'],
      ['src/api/web/app.ts', 'input'],
      ['src/api/web/app.js', 'output'],
      ['src/codec/gen/tianping.d.ts', 'output'],
    ];
    for (const [path, kind] of drifts) {
      const file = join(root, path);
      const original = readFileSync(file);
      appendFileSync(file, '\n// edited\n');
      const check = run(root, '--check');
      expect({ path, status: check.status }).toEqual({ path, status: 1 });
      expect(check.stderr).toContain(`${kind} ${path} changed`);
      writeFileSync(file, original);
    }
    expect(run(root, '--check').status).toBe(0);
  });
});
