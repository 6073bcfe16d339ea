// The chain's history tree (docs/checkpoints.md): the latest header's checkpoint as a C2SP signed
// note, and RFC 9162 consistency proofs between two of its sizes. Both are public, as headers are.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ConsistencyProofSchema, ConsistencyQuerySchema } from '../../contract/history.js';
import { TianpingError } from '../../types/index.js';
import type { RouteOptions } from '../options.js';
import { problemResponses, textResponse } from '../schemas.js';

export const CHECKPOINT_MEDIA_TYPE = 'text/plain; charset=utf-8';

const CheckpointQuerySchema = Type.Object({
  witnessed: Type.Optional(Type.String({
    pattern: '^[1-9][0-9]?$',
    description: 'K in 1..99: the newest checkpoint at least K of the node\'s witnesses cosigned, with their cosignature lines '
      + '(docs/checkpoints.md §6)',
  })),
}, { additionalProperties: false });
const SIZE_RE = /^(?:0|[1-9][0-9]*)$/;

/** A tree size from the query: decimal without a leading zero, at most 2^53−1. */
function sizeParam(name: string, text: string): number {
  const size = Number(text);
  if (!SIZE_RE.test(text) || !Number.isSafeInteger(size)) {
    throw new TianpingError('HISTORY_SIZE_INVALID', `${name} must be a decimal integer in 0..2^53−1 without a leading zero`);
  }
  return size;
}

export const historyRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { components }) => {
  app.get('/v1/checkpoint', {
    schema: {
      tags: ['blocks'],
      summary: 'The newest checkpoint (c2sp.org/tlog-checkpoint) signed by more than 2/3 of the validators\' power',
      description: 'Origin = chain id, tree size = height − 1, root = that header\'s history root, for the newest height '
        + 'whose validators\' lines, gathered over gossip, hold more than 2/3 of its set\'s power: one signature line per '
        + 'validator, key name = chain id (verifier key `<chain id>+<key id>+base64(0x01 || validator key)`). Until such a '
        + 'quorum has formed, the latest header\'s checkpoint with this node\'s line alone. See docs/checkpoints.md.',
      querystring: CheckpointQuerySchema,
      response: { 200: textResponse(CHECKPOINT_MEDIA_TYPE, 'A C2SP signed note'),
        ...problemResponses('CHECKPOINT_NOT_FOUND', 'WITNESSED_CHECKPOINT_NOT_FOUND', 'REQUEST_INVALID') },
    },
  }, async (request, reply) => {
    const witnessed = request.query.witnessed;
    if (witnessed === undefined) return reply.type(CHECKPOINT_MEDIA_TYPE).send(await components.checkpoint());
    if (components.witnessedCheckpoint === undefined) {
      throw new TianpingError('WITNESSED_CHECKPOINT_NOT_FOUND', 'this node pushes its checkpoints to no witnesses');
    }
    return reply.type(CHECKPOINT_MEDIA_TYPE).send(await components.witnessedCheckpoint(Number(witnessed)));
  });

  app.get('/v1/history/consistency', {
    schema: {
      tags: ['blocks'],
      summary: 'RFC 9162 consistency proof between two sizes of the history tree',
      description: 'Tree size s is the tree over the block hashes of heights 1..s; header s+1 carries its root. '
        + 'Sizes go up to the latest checkpoint\'s. A cold proof reads up to `to` block hashes, at most 65,536 per '
        + 'request (HISTORY_PROOF_BUSY past that: retry, the subtrees computed are kept).',
      querystring: ConsistencyQuerySchema,
      response: {
        200: ConsistencyProofSchema,
        ...problemResponses('REQUEST_INVALID', 'HISTORY_SIZE_INVALID', 'HISTORY_SIZE_BEYOND_TIP', 'HISTORY_PROOF_BUSY'),
      },
    },
  }, async (request) => {
    const from = sizeParam('from', request.query.from);
    const to = sizeParam('to', request.query.to);
    if (from > to) throw new TianpingError('HISTORY_SIZE_INVALID', `from (${from}) is beyond to (${to})`);
    const proof = await components.historyConsistency(from, to);
    // The view is deeply readonly; the serializer only reads it.
    return { ...proof, proof: [...proof.proof] };
  });
};
