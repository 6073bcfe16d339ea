// The witness's HTTP face: POST /add-checkpoint (c2sp.org/tlog-witness) and GET / with the
// witness's verifier key, built apart from listen so that tests drive it with inject.
import Fastify, { type FastifyInstance } from 'fastify';
import { NOTE_BYTES_MAX } from '../checkpoint/index.js';
import { encodeCosignerKey } from './cosignature.js';
import { PROOF_LINES_MAX } from './protocol.js';
import { TEXT_MEDIA_TYPE, type Witness } from './witness.js';
import type { Cosigner } from './cosignature.js';

/** The largest body worth reading: a note at its limit, the old size line and a full proof. */
export const WITNESS_BODY_BYTES_MAX = NOTE_BYTES_MAX + 32 + PROOF_LINES_MAX * 46;

export interface WitnessAppOptions {
  readonly witness: Witness;
  readonly cosigner: Cosigner;
  readonly logger?: false | { level: string };
}

export async function buildWitnessApp(options: WitnessAppOptions): Promise<FastifyInstance> {
  const app = Fastify({ bodyLimit: WITNESS_BODY_BYTES_MAX, logger: options.logger ?? false });
  // The body is the protocol's text, whatever a client labels it: read every type as raw bytes.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  const verifierKey = encodeCosignerKey(options.cosigner.name, options.cosigner.publicKey);

  app.get('/', async (_request, reply) => reply.type(TEXT_MEDIA_TYPE).send(`${verifierKey}\n`));
  app.post('/add-checkpoint', async (request, reply) => {
    const body = request.body instanceof Uint8Array ? request.body : new Uint8Array();
    const answer = await options.witness.addCheckpoint(body);
    return reply.status(answer.status).type(answer.contentType).send(answer.body);
  });
  await app.ready();
  return app;
}
