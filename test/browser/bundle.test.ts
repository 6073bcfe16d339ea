// The page's SDK bundle (src/api/web/tianping-web.js) is committed so that a node serves the page
// without a build step. These tests keep it honest: it must be byte for byte what
// scripts/build-web.mjs makes from the current sources, it must reach the same verdict as the SDK
// on every receipt vector, and it must point nowhere but its own node.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { createHasher as sdkCreateHasher } from '../../src/crypto/hash.js';
import { PROJECT_ROOT } from '../e2e/node-process.js';

const WEB = join(PROJECT_ROOT, 'src', 'api', 'web');
const BUNDLE = join(WEB, 'tianping-web.js');
const VECTORS = join(PROJECT_ROOT, 'test', 'vectors', 'receipts');

interface Check { id: string; ok: boolean; detail: string }
interface Verification { valid: boolean; checks: Check[]; failed?: string; receipt?: { height: number; blockTimeMs: number; txHash: string; blockHash: string } }
interface LoadedTrust { kind: string; chainId: string; height: number; sha256: string; anchor: unknown; validators: { name: string }[] }
interface Hasher { update(chunk: Uint8Array): Hasher; digest(): Uint8Array }
/** What app.js imports from the bundle. */
interface Bundle {
  RECEIPT_CHECKS: readonly string[];
  verifyReceipt(receipt: unknown, evidence: unknown, trust: unknown): Verification;
  parseReceiptBytes(bytes: Uint8Array): unknown;
  parseReceiptJson(json: string): unknown;
  parseTrustAnchor(bytes: Uint8Array): LoadedTrust;
  receiptFacts(receipt: unknown): { algorithm: string | undefined; digest: string; salted: boolean; chainId: string };
  createHasher(algorithm: 'sha256' | 'sm3'): Hasher;
  toHex(bytes: Uint8Array): string;
  fromHex(hex: string): Uint8Array | undefined;
  TrustFileError: new (message: string) => Error;
}

interface Vector {
  name: string;
  receipt: string;
  trust: string;
  evidence: { fileText?: string; fileDigest?: string; salt?: string };
  expect: { valid: boolean; failedCheck?: string; height?: number; blockTimeMs?: number; txHash?: string; blockHash?: string };
}

describe('web SDK bundle (tianping-web.js)', () => {
  let bundle: Bundle;
  beforeAll(async () => {
    bundle = (await import(pathToFileURL(BUNDLE).href)) as Bundle;
  });

  it('is exactly what scripts/build-web.mjs builds from the current sources (run npm run build:web)', () => {
    const out = mkdtempSync(join(tmpdir(), 'tianping-web-'));
    try {
      const built = spawnSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'build-web.mjs'), '--out', out], { encoding: 'utf8' });
      expect(built.status, built.stderr).toBe(0);
      const fresh = readFileSync(join(out, 'tianping-web.js'));
      const committed = readFileSync(BUNDLE);
      // Compared as bytes; on a mismatch, say where rather than print 400 KB of diff.
      const at = fresh.findIndex((byte, i) => byte !== committed[i]);
      expect(fresh.equals(committed), `src/api/web/tianping-web.js is stale: a fresh build differs at byte ${at < 0 ? Math.min(fresh.length, committed.length) : at} `
        + `(${committed.length} bytes committed, ${fresh.length} built): run npm run build:web`).toBe(true);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('reaches the expected verdict on every receipt vector, as the SDK does', () => {
    const index = JSON.parse(readFileSync(join(VECTORS, 'index.json'), 'utf8')) as { vectors: Vector[] };
    expect(index.vectors.length).toBeGreaterThan(10);
    for (const v of index.vectors) {
      const receipt = bundle.parseReceiptBytes(readFileSync(join(VECTORS, v.receipt)));
      const trust = bundle.parseTrustAnchor(readFileSync(join(VECTORS, v.trust)));
      const { algorithm } = bundle.receiptFacts(receipt);
      // As the page does: the file is hashed by the bundle's streaming hasher, in two chunks.
      let fileDigest: Uint8Array;
      if (v.evidence.fileText !== undefined) {
        const bytes = new TextEncoder().encode(v.evidence.fileText);
        const half = Math.floor(bytes.length / 2);
        fileDigest = bundle.createHasher(algorithm as 'sha256' | 'sm3').update(bytes.subarray(0, half)).update(bytes.subarray(half)).digest();
        expect(bundle.toHex(fileDigest)).toBe(bundle.toHex(sdkCreateHasher(algorithm as 'sha256' | 'sm3').update(bytes).digest()));
      } else {
        fileDigest = bundle.fromHex(v.evidence.fileDigest!)!;
      }
      const evidence = v.evidence.salt === undefined ? { fileDigest } : { fileDigest, salt: bundle.fromHex(v.evidence.salt) };
      const result = bundle.verifyReceipt(receipt, evidence, trust.anchor);
      expect({ name: v.name, valid: result.valid, failed: result.failed }).toEqual({ name: v.name, valid: v.expect.valid, failed: v.expect.failedCheck });
      if (v.expect.valid) {
        expect(result.checks.map((c) => c.id)).toEqual(bundle.RECEIPT_CHECKS);
        expect(result.receipt).toMatchObject({ height: v.expect.height, blockTimeMs: v.expect.blockTimeMs, txHash: v.expect.txHash, blockHash: v.expect.blockHash });
      }
    }
  });

  it('reads both trust-anchor files the CLI reads, and refuses anything else', () => {
    const genesisBytes = readFileSync(join(VECTORS, 'genesis.json'));
    const genesis = bundle.parseTrustAnchor(genesisBytes);
    expect(genesis).toMatchObject({ kind: 'genesis', chainId: 'tianping-receipts', height: 0 });
    expect(genesis.validators).toHaveLength(4);
    // The hash a court compares with the published genesis hash is of the file's exact bytes.
    expect(genesis.sha256).toBe(bundle.toHex(sdkCreateHasher('sha256').update(genesisBytes).digest()));
    expect(bundle.parseTrustAnchor(readFileSync(join(VECTORS, 'trusted-header.json')))).toMatchObject({ kind: 'trusted-header', height: 5 });
    expect(() => bundle.parseTrustAnchor(new TextEncoder().encode('not json'))).toThrow(bundle.TrustFileError);
    expect(() => bundle.parseTrustAnchor(new TextEncoder().encode('{"trustedHeader": "zz"}'))).toThrow(bundle.TrustFileError);
    expect(() => bundle.parseTrustAnchor(new TextEncoder().encode('{"chainId": "x"}'))).toThrow(/genesis/);
  });

  it('names no other host and carries nothing the page CSP forbids', () => {
    const text = readFileSync(BUNDLE, 'utf8');
    expect(text).not.toMatch(/(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}/i);
    // long.js compiles WebAssembly as it loads (refused by the CSP): the build leaves it out.
    expect(text).not.toContain('WebAssembly');
    expect(text).not.toMatch(/\beval\(|new Function\(/);
    expect(text).not.toMatch(/\bfrom\s+["']node:|require\(["']node:/);
  });
});

