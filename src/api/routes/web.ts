// The court's verification page: static files from src/api/web (copied to dist/api/web by the
// build), read once at startup. The page's script (app.js) and its SDK bundle (tianping-web.js) are
// generated there from app.ts and verifier-entry.ts by scripts/generate.mjs, which npm runs on
// install and before start. The page hashes files in the browser, looks digests up through the API,
// and checks receipts with the SDK bundle against the genesis it fetched from /v1/genesis at load.
import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { WebFileParamsSchema, textResponse } from '../schemas.js';

/** Beside the compiled module in dist/ as in src/: the build copies the folder. */
export const WEB_DIR = fileURLToPath(new URL('../web/', import.meta.url));

/**
 * Only same-origin scripts, styles and fetches; no inline code, no framing, no plugins. The page
 * needs nothing else, so anything else a browser sees there was injected.
 */
export const WEB_CSP = [
  "default-src 'self'", "base-uri 'none'", "object-src 'none'", "frame-ancestors 'none'", "form-action 'none'",
].join('; ');

const MEDIA_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

export interface WebAsset {
  readonly body: Buffer;
  readonly mediaType: string;
}

/**
 * The bundle's entry, should a build ever compile it beside the page: it imports modules outside
 * the folder, so in a browser it could only fail. The page uses the bundle. (TypeScript sources
 * and the generator's stamp are never served: their extensions have no media type.)
 */
const NOT_SERVED: ReadonlySet<string> = new Set(['verifier-entry.js']);

/** Every servable file of the folder (one level, known types only), keyed by file name. */
export async function loadWebAssets(dir: string = WEB_DIR): Promise<Map<string, WebAsset>> {
  const assets = new Map<string, WebAsset>();
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const mediaType = MEDIA_TYPES[extname(entry.name)];
    if (!entry.isFile() || mediaType === undefined || NOT_SERVED.has(entry.name)) continue;
    assets.set(entry.name, { body: await readFile(join(dir, entry.name)), mediaType });
  }
  return assets;
}

function sendAsset(reply: FastifyReply, asset: WebAsset): FastifyReply {
  return reply
    .header('content-security-policy', WEB_CSP)
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-cache')
    .type(asset.mediaType)
    .send(asset.body);
}

export const webRoutes: FastifyPluginAsyncTypebox<{ readonly assets: ReadonlyMap<string, WebAsset> }> = async (app, { assets }) => {
  const index = assets.get('index.html');
  if (index === undefined) throw new Error(`web page index.html missing from ${WEB_DIR}`);

  app.get('/', {
    schema: {
      tags: ['web'],
      summary: 'Evidence verification page (存证核验): hashes a file in the browser, looks it up, checks receipts offline',
      response: { 200: textResponse('text/html', 'The page') },
    },
  }, async (_request, reply) => sendAsset(reply, index));

  app.get('/web/:file', {
    schema: {
      tags: ['web'],
      summary: 'Script, SDK bundle and style of the verification page',
      params: WebFileParamsSchema,
      response: {
        200: {
          description: 'The file',
          content: { 'text/javascript': { schema: { type: 'string' } }, 'text/css': { schema: { type: 'string' } } },
        },
      },
    },
  }, async (request, reply) => {
    const asset = assets.get(request.params.file);
    if (asset === undefined) return reply.callNotFound();
    return sendAsset(reply, asset);
  });
};
