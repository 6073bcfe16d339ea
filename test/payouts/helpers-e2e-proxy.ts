// A lying node for the dispatcher tests: an HTTP proxy in front of a real node that forwards every
// request (the signed reads stay valid: a signature covers the method, path, query and date, not the
// host) and lets the test rewrite the JSON answer of chosen paths, or replace it.
import { createServer, type IncomingMessage, type Server } from 'node:http';

/** The answer to send instead of the node's (given parsed), or undefined to pass the node's on unchanged. */
export type Rewrite = (path: string, answer: { status: number; body: unknown }) => { status: number; body: unknown } | undefined;

export interface NodeProxy {
  readonly url: string;
  /** The rewrite in force; undefined forwards everything unchanged. */
  rewrite: Rewrite | undefined;
  close(): Promise<void>;
}

function bodyOf(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

export async function startNodeProxy(nodeUrl: string): Promise<NodeProxy> {
  const proxy: NodeProxy = { url: '', rewrite: undefined, close: () => Promise.resolve() };
  const server: Server = createServer((request, response) => {
    void (async () => {
      const path = request.url ?? '/';
      const body = await bodyOf(request);
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) {
        if (typeof value === 'string' && !['host', 'connection', 'content-length'].includes(name)) headers[name] = value;
      }
      const rewrite = proxy.rewrite;
      const forwarded = await fetch(nodeUrl + path, { method: request.method ?? 'GET', headers,
        ...(body.length > 0 ? { body: new Uint8Array(body) } : {}) });
      const raw = Buffer.from(await forwarded.arrayBuffer());
      let json: unknown;
      try {
        json = JSON.parse(raw.toString('utf8'));
      } catch {
        json = undefined;
      }
      const changed = rewrite?.(path, { status: forwarded.status, body: json });
      if (changed !== undefined) {
        response.writeHead(changed.status, { 'content-type': 'application/json' }).end(JSON.stringify(changed.body));
      } else {
        response.writeHead(forwarded.status, { 'content-type': forwarded.headers.get('content-type') ?? 'application/json' }).end(raw);
      }
    })().catch((error: unknown) => {
      response.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'PROXY', detail: String(error) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return Object.assign(proxy, {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  });
}
