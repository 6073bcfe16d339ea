// The OpenAPI document must describe every route, with request and response schemas, and be a
// well-formed OpenAPI 3.0 document (checked structurally here: no validator package is installed).
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { makeApp } from './fake-components.js';

interface Operation {
  parameters?: { in: string; name: string; required?: boolean; schema?: unknown }[];
  requestBody?: { content: Record<string, { schema?: unknown }> };
  responses: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
  tags?: string[];
  summary?: string;
}
interface OpenApi {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
}

const EXPECTED = [
  'get /', 'get /web/{file}', 'get /v1/status', 'get /healthz', 'get /readyz', 'post /v1/txs', 'get /v1/txs/{hash}',
  'get /v1/evidence/{digest}', 'get /v1/blocks/latest', 'get /v1/blocks/{height}', 'get /v1/equivocations',
  'get /v1/headers/latest', 'get /v1/headers/{height}', 'get /v1/submitters/{key}/anchors',
  'get /v1/members', 'get /v1/validators', 'get /v1/governance/proposals', 'get /v1/governance/proposals/{id}',
  'get /v1/evidence/{digest}/receipt', 'get /v1/txs/{hash}/inclusion', 'get /v1/genesis', 'post /v1/txs/bulk',
  'get /v1/blocks/{height}/events/{index}/receipt',
  'get /v1/cases',
  'get /v1/cases/{caseNo}',
  'get /v1/cases/{caseNo}/events',
  'get /v1/cases/{caseNo}/events/{n}/receipt',
  'get /v1/checkpoint', 'get /v1/history/consistency',
].sort();
const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

function refsIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) refsIn(item, out);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      if (key === '$ref' && typeof inner === 'string') out.push(inner);
      else refsIn(inner, out);
    }
  }
  return out;
}

let app: FastifyInstance | undefined;
afterEach(async () => { await app?.close(); app = undefined; });

async function openApi(): Promise<OpenApi> {
  ({ app } = await makeApp(undefined, { version: '1.2.3' }));
  const response = await app.inject({ url: '/docs/json' });
  expect(response.statusCode).toBe(200);
  return response.json<OpenApi>();
}

describe('OpenAPI document at /docs/json', () => {
  it('is OpenAPI 3.0 with the node version and lists every route exactly', async () => {
    const doc = await openApi();
    expect(doc.openapi).toMatch(/^3\.0\.\d+$/);
    expect(doc.info).toMatchObject({ title: 'Tianping node API', version: '1.2.3' });
    const operations = Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((m) => `${m} ${path}`));
    expect(operations.sort()).toEqual(EXPECTED);
  });

  it('is well formed: methods, path parameters, responses and references', async () => {
    const doc = await openApi();
    for (const [path, item] of Object.entries(doc.paths)) {
      expect(path.startsWith('/')).toBe(true);
      const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      for (const [method, op] of Object.entries(item)) {
        expect(METHODS.has(method)).toBe(true);
        const declared = (op.parameters ?? []).filter((p) => p.in === 'path');
        expect(declared.map((p) => p.name).sort()).toEqual(templated);
        for (const p of declared) expect(p.required).toBe(true);
        for (const p of op.parameters ?? []) expect(['path', 'query', 'header', 'cookie']).toContain(p.in);
        expect(Object.keys(op.responses).length).toBeGreaterThan(0);
        for (const [status, response] of Object.entries(op.responses)) {
          expect(status).toMatch(/^[1-5]\d\d$/);
          expect(typeof response.description).toBe('string');
          for (const media of Object.values(response.content ?? {})) expect(typeof media.schema).toBe('object');
        }
      }
    }
    for (const ref of refsIn(doc.paths)) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(doc.components.schemas[ref.slice('#/components/schemas/'.length)]).toBeDefined();
    }
  });

  it('gives every API route a JSON 2xx schema and problem+json error schemas', async () => {
    const doc = await openApi();
    for (const [path, item] of Object.entries(doc.paths)) {
      if (path === '/' || path.startsWith('/web/')) continue;
      for (const [method, op] of Object.entries(item)) {
        const where = `${method} ${path}`;
        const ok = Object.entries(op.responses).filter(([status]) => status.startsWith('2'));
        expect(ok.length, where).toBeGreaterThan(0);
        for (const [, response] of ok) {
          // The checkpoint is a C2SP signed note, text by its format: the one 2xx answer that is not JSON.
          if (where === 'get /v1/checkpoint') {
            expect(Object.keys(response.content ?? {}), where).toEqual(['text/plain; charset=utf-8']);
            continue;
          }
          const schema = response.content?.['application/json']?.schema as { type?: string; anyOf?: { type?: string }[] } | undefined;
          const types = schema?.anyOf?.map((s) => s.type) ?? [schema?.type];
          expect(types, where).toEqual(types.map(() => 'object'));
        }
        const errors = Object.entries(op.responses).filter(([status]) => Number(status) >= 400);
        expect(errors.map(([status]) => status), where).toContain('500');
        for (const [, response] of errors) {
          expect(response.content?.['application/problem+json']?.schema, where).toEqual({ $ref: '#/components/schemas/Problem' });
        }
      }
    }
    expect(doc.components.schemas['Problem']).toMatchObject({ type: 'object', required: ['type', 'title', 'status', 'detail', 'code', 'instance'] });
  });

  it('documents both request bodies of POST /v1/txs and the codes of each error status', async () => {
    const doc = await openApi();
    const post = doc.paths['/v1/txs']!['post']!;
    expect(post.requestBody?.content['application/json']?.schema).toMatchObject({
      type: 'object', required: ['tx'], properties: { tx: { type: 'string', format: 'byte' } },
    });
    expect(post.requestBody?.content['application/x-protobuf']?.schema).toMatchObject({ format: 'binary' });
    expect(Object.keys(post.responses).sort()).toEqual(['200', '202', '400', '403', '404', '409', '413', '415', '422', '500', '503', '504']);
    expect(post.responses['422']?.description).toContain('TX_BAD_SIGNATURE');
    // A case tx on an unknown case (404) and a refused case action (403, 409, 422) are admission refusals too.
    expect(post.responses['404']?.description).toContain('CASE_UNKNOWN');
    expect(post.responses['422']?.description).toContain('CASE_DOCUMENT_NOT_ANCHORED');
    expect(post.responses['504']?.description).toContain('COMMIT_TIMEOUT');
    const query = (post.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name).sort();
    expect(query).toEqual(['timeoutMs', 'wait']);
  });

  it('serves the Swagger UI at /docs', async () => {
    ({ app } = await makeApp());
    const page = await app.inject({ url: '/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
  });
});
