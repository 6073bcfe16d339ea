// Checks the committed inclusion vectors against the verifier. The vectors
// are data: anyone porting the verifier (browser, another language) can run
// the same file. Regenerate with generate-vectors.test.ts.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rootFromInclusion, verifyInclusion } from '../../src/merkle/index.js';

interface Vector {
  case: string;
  treeSize: number;
  index: number;
  leafHash: string;
  proof: string[];
  root: string;
  valid: boolean;
}

const unhex = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'hex'));
const file = JSON.parse(readFileSync(new URL('../vectors/merkle/inclusion.json', import.meta.url), 'utf8')) as {
  vectors: Vector[];
};

describe('committed merkle inclusion vectors', () => {
  it('cover good and bad cases for sizes 1..17, 100 and 1000', () => {
    const sizes = new Set(file.vectors.filter((v) => v.valid).map((v) => v.treeSize));
    expect([...sizes].sort((a, b) => a - b)).toEqual([...Array.from({ length: 17 }, (_, i) => i + 1), 100, 1000]);
    expect(file.vectors.filter((v) => !v.valid).length).toBeGreaterThan(500);
  });

  it('verifyInclusion equals `valid` for every vector', () => {
    const mismatches: string[] = [];
    for (const v of file.vectors) {
      const proof = v.proof.map(unhex);
      const got = verifyInclusion(unhex(v.leafHash), v.index, v.treeSize, proof, unhex(v.root));
      if (got !== v.valid) mismatches.push(`${v.case}: size ${v.treeSize} index ${v.index}`);
      if (v.valid) {
        const root = rootFromInclusion(unhex(v.leafHash), v.index, v.treeSize, proof);
        if (root === undefined || Buffer.from(root).toString('hex') !== v.root) mismatches.push(`root: size ${v.treeSize} index ${v.index}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
