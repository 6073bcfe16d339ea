import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { loadWebAssets } from '../../src/api/routes/web.js';
import { expectProblem, makeApp } from './fake-components.js';

let app: FastifyInstance | undefined;
afterEach(async () => { await app?.close(); app = undefined; });

const EXTERNAL = /(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}/i;

function expectStrictCsp(headers: Record<string, unknown>): void {
  const csp = String(headers['content-security-policy']);
  expect(csp).toContain("default-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain('unsafe-eval');
  expect(csp).toContain("frame-ancestors 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
}

describe('verification web page', () => {
  it('serves the page at / with a strict CSP and bilingual labels', async () => {
    ({ app } = await makeApp());
    const page = await app.inject({ url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expectStrictCsp(page.headers);
    expect(page.body).toContain('存证核验');
    expect(page.body).toContain('Evidence verification');
    expect(page.body).toContain('src="web/app.js"');
    expect(page.body).toContain('href="web/app.css"');
  });

  it('serves its script and style with their content types and the same CSP', async () => {
    ({ app } = await makeApp());
    const script = await app.inject({ url: '/web/app.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expectStrictCsp(script.headers);
    // The page hashes and verifies with the SDK bundle, served beside it.
    expect(script.body).toMatch(/from ["']\.\/tianping-web\.js["']/);
    expect(script.body).toContain('v1/evidence/');
    expect(script.body).toContain('v1/genesis');
    const bundle = await app.inject({ url: '/web/tianping-web.js' });
    expect(bundle.statusCode).toBe(200);
    expect(bundle.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expectStrictCsp(bundle.headers);
    expect(bundle.body).toContain('function verifyReceipt(');
    const style = await app.inject({ url: '/web/app.css' });
    expect(style.statusCode).toBe(200);
    expect(style.headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('loads nothing from elsewhere and has no inline code the CSP would block', async () => {
    ({ app } = await makeApp());
    const html = (await app.inject({ url: '/' })).body;
    const js = (await app.inject({ url: '/web/app.js' })).body;
    const css = (await app.inject({ url: '/web/app.css' })).body;
    const bundle = (await app.inject({ url: '/web/tianping-web.js' })).body;
    for (const text of [html, js, css, bundle]) expect(text).not.toMatch(EXTERNAL);
    expect(css).not.toMatch(/@import|url\(/);
    // Every <script> has a src, and no element carries a style or an on* handler attribute.
    expect([...html.matchAll(/<script\b[^>]*>/g)].every((m) => /\bsrc=/.test(m[0]))).toBe(true);
    expect(html).not.toMatch(/\sstyle=/);
    expect(html).not.toMatch(/\son[a-z]+=/);
    expect(js).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/);
  });

  it('does not serve the bundle entry that the build compiles beside the page', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tianping-web-assets-'));
    try {
      for (const name of ['index.html', 'app.js', 'verifier-entry.js', 'verifier-entry.ts', 'notes.txt']) writeFileSync(join(dir, name), name);
      expect([...(await loadWebAssets(dir)).keys()].sort()).toEqual(['app.js', 'index.html']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('serves only the files of its folder', async () => {
    ({ app } = await makeApp());
    expectProblem(await app.inject({ url: '/web/missing.js' }), 404, 'ROUTE_NOT_FOUND');
    for (const url of ['/web/..%2Fapp.ts', '/web/%2e%2e%2fpackage.json', '/web/.hidden']) {
      const response = await app.inject({ url });
      expect(response.statusCode).toBeGreaterThanOrEqual(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });
});
