// Cross-chain (docs/crosschain.md §4–§5). The foreign chains this chain follows, their trusted
// headers and standing, and a foreign receipt's verdict are public, like blocks and receipts: they
// say what the light client holds, nothing about a member. A case's verification records and the
// counts per case name cases, so they are signed reads for the roles that read every case. The
// two-hop receipt of a side-chain anchor is public like any receipt, and so is the light block a
// relayer fetches.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import type { CrossChainComponents, ForeignChainView } from '../components.js';
import {
  CaseVerificationsSchema, CrossChainVerdictSchema, ForeignChainDetailSchema, ForeignChainsSchema, LightBlockSchema, TwoHopReceiptSchema,
  VerificationCountsSchema,
} from '../../contract/crosschain.js';
import { fromHex, TianpingError } from '../../types/index.js';
import { AUTH_ERROR_CODES } from '../auth/index.js';
import type { RouteOptions } from '../options.js';
import { AlgorithmSchema, BlockParamsSchema, CaseParamsSchema, problemResponses } from '../schemas.js';
import { CASE_READER_ROLES } from './cases.js';

const ChainNameParamsSchema = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 64, description: 'The registered name of a foreign chain' }),
});

const VerifyBodySchema = Type.Object({
  chain: Type.String({ minLength: 1, maxLength: 64, description: 'The registered name of the foreign chain' }),
  receipt: Type.Unknown({ description: 'tianping: the foreign chain\'s receipt in its JSON form (version 1 or 2); '
    + 'c2sp-checkpoint: { leafHash | entry, index, proof, checkpoint }' }),
  digest: Type.Optional(Type.String({ pattern: '^[0-9a-fA-F]{64}$',
    description: 'tianping: the file\'s digest when it is not the receipt\'s own (default: the receipt\'s digest)' })),
}, { additionalProperties: false });

const TwoHopQuerySchema = Type.Object({
  digest: Type.String({ pattern: '^[0-9a-fA-F]{64}$', description: 'The anchored digest on the side chain, 64 hex characters' }),
  algorithm: Type.Optional(AlgorithmSchema),
}, { additionalProperties: false });

const LightBlockQuerySchema = Type.Object({
  // A string as for other heights: the coercion of an integer schema would read "1.5" as 1.
  since: Type.Optional(Type.String({ pattern: '^(0|[1-9][0-9]{0,15})$',
    description: 'The relayer\'s newest trusted height T: set changes taking effect at T + 2 .. height are included (default 0)' })),
}, { additionalProperties: false });

const withExpiry = <T extends Pick<ForeignChainView, 'expiresAtMs'>>(chain: T): T & { expiresAt: string } =>
  ({ ...chain, expiresAt: new Date(chain.expiresAtMs).toISOString() });

const CHAIN_CODES = ['FOREIGN_CHAIN_UNKNOWN', 'FOREIGN_CHAIN_FROZEN', 'FOREIGN_CHAIN_EXPIRED'] as const;

export const crosschainRoutes: FastifyPluginAsyncTypebox<RouteOptions & { crosschain: CrossChainComponents }> =
  async (app, { crosschain, requireSignature }) => {
    const caseReaders = requireSignature({ roles: CASE_READER_ROLES });

    app.get('/v1/crosschain/chains', {
      schema: {
        tags: ['crosschain'],
        summary: 'The foreign chains this chain follows, with their standing at the newest block time',
        response: { 200: ForeignChainsSchema, ...problemResponses() },
      },
    }, async () => {
      const { atMs, chains } = await crosschain.foreignChains();
      return { atMs, chains: chains.map(withExpiry) } as Static<typeof ForeignChainsSchema>;
    });

    app.get('/v1/crosschain/chains/:name', {
      schema: {
        tags: ['crosschain'],
        summary: 'A foreign chain: its trust anchor, the newest 100 trusted headers of its epoch and its freeze record',
        params: ChainNameParamsSchema,
        response: { 200: ForeignChainDetailSchema, ...problemResponses('REQUEST_INVALID', 'FOREIGN_CHAIN_UNKNOWN') },
      },
    }, async (request) => withExpiry(await crosschain.foreignChain(request.params.name)) as Static<typeof ForeignChainDetailSchema>);

    app.post('/v1/crosschain/verify', {
      schema: {
        tags: ['crosschain'],
        summary: 'Checks a foreign receipt (or log proof) against this chain\'s light client of the foreign chain',
        description: 'Answers the verdict with every check, chain first. A receipt that decodes but fails a check is a 200 with '
          + 'valid false: that is the verdict, not an error.',
        body: VerifyBodySchema,
        response: { 200: CrossChainVerdictSchema, ...problemResponses('REQUEST_INVALID', 'BODY_MALFORMED', 'DIGEST_INVALID', ...CHAIN_CODES,
          'FOREIGN_RECEIPT_MALFORMED') },
      },
    }, async (request) => {
      const { chain, receipt, digest } = request.body;
      if (receipt === undefined) throw new TianpingError('REQUEST_INVALID', 'receipt is required');
      return await crosschain.verifyForeign({ chain, receipt, digest }) as Static<typeof CrossChainVerdictSchema>;
    });

    app.get('/v1/cases/:caseNo/verifications', {
      preHandler: caseReaders,
      schema: {
        tags: ['crosschain'],
        summary: 'A case\'s cross-chain verification records (the first 100) with counts per chain',
        description: `Signed read (RFC 9421): an active member with role ${CASE_READER_ROLES.join(', ')}.`,
        params: CaseParamsSchema,
        response: { 200: CaseVerificationsSchema, ...problemResponses('CASE_NO_INVALID', 'CASE_UNKNOWN', ...AUTH_ERROR_CODES) },
      },
    }, async (request) => {
      const view = await crosschain.caseVerifications(request.params.caseNo);
      return { ...view, verifications: view.verifications.map((v) => ({ ...v, time: new Date(v.timeMs).toISOString() })) } as
        Static<typeof CaseVerificationsSchema>;
    });

    app.get('/v1/crosschain/verifications', {
      preHandler: caseReaders,
      schema: {
        tags: ['crosschain'],
        summary: 'Cross-chain verification records counted per chain and per case',
        description: `Signed read (RFC 9421): an active member with role ${CASE_READER_ROLES.join(', ')}.`,
        response: { 200: VerificationCountsSchema, ...problemResponses(...AUTH_ERROR_CODES) },
      },
    }, async () => await crosschain.verificationCounts() as Static<typeof VerificationCountsSchema>);

    app.get('/v1/crosschain/:name/receipt', {
      schema: {
        tags: ['crosschain'],
        summary: 'The two-hop receipt of an anchor on a side chain, verifiable offline from this chain\'s genesis',
        description: 'The side node configured for NAME (setting crosschain.sources) proves the anchor against the lowest side header '
          + 'this chain recorded above it; the relay tx that recorded that header is proved to its commit here.',
        params: ChainNameParamsSchema,
        querystring: TwoHopQuerySchema,
        response: { 200: TwoHopReceiptSchema, ...problemResponses('DIGEST_INVALID', 'REQUEST_INVALID', 'FOREIGN_CHAIN_UNKNOWN',
          'FOREIGN_CHAIN_KIND_MISMATCH', 'EVIDENCE_NOT_FOUND', 'FOREIGN_NOT_CHECKPOINTED', 'FOREIGN_SOURCE_UNAVAILABLE') },
      },
    }, async (request) => {
      const digest = fromHex(request.query.digest);
      if (digest === undefined) throw new TianpingError('DIGEST_INVALID');
      return await crosschain.twoHopReceipt(request.params.name, digest, request.query.algorithm ?? 'sha256') as
        Static<typeof TwoHopReceiptSchema>;
    });

    app.get('/v1/light-blocks/:height', {
      schema: {
        tags: ['blocks'],
        summary: 'A committed header with its commit, the next validator set and the set changes since a height',
        description: 'What a relayer submits as a ForeignHeaderUpdate (docs/crosschain.md §5); public, like blocks.',
        params: BlockParamsSchema,
        querystring: LightBlockQuerySchema,
        response: { 200: LightBlockSchema, ...problemResponses('HEIGHT_INVALID', 'REQUEST_INVALID', 'BLOCK_NOT_FOUND') },
      },
    }, async (request) => {
      const since = request.query.since === undefined ? 0 : Number(request.query.since);
      return await crosschain.lightBlock(Number(request.params.height), since) as Static<typeof LightBlockSchema>;
    });
  };
