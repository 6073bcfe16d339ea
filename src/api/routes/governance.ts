// Membership and its governance: the members, the validator set of a height and the proposals the
// validators vote on. Public (validators and members are public), so that anyone can
// check who may anchor and who signs the blocks a receipt relies on.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { TianpingError, fromHex } from '../../types/index.js';
import type { GovernanceProposalView } from '../components.js';
import type { RouteOptions } from '../options.js';
import {
  MembersResponseSchema, ProposalParamsSchema, ProposalSchema, ProposalsQuerySchema, ProposalsResponseSchema,
  ValidatorSetSchema, ValidatorsQuerySchema, problemResponses, type ProposalResponse,
} from '../schemas.js';
import { isoTime } from '../views.js';

function proposalView(p: GovernanceProposalView): ProposalResponse {
  const { join, memberChange, rotateKey } = p.payload;
  return {
    ...p, expiresAt: isoTime(p.expiresAtMs),
    approvals: p.approvals.map((v) => ({ ...v })), rejections: p.rejections.map((v) => ({ ...v })), tally: { ...p.tally },
    payload: {
      ...(join === undefined ? {} : { join: { ...join, addresses: [...join.addresses], categories: [...join.categories] } }),
      ...(memberChange === undefined ? {} : { memberChange: { ...memberChange } }),
      ...(rotateKey === undefined ? {} : { rotateKey: { ...rotateKey } }),
    },
  };
}

export const governanceRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { components }) => {
  app.get('/v1/members', {
    schema: {
      tags: ['governance'],
      summary: 'Every member of the chain',
      description: 'One entry per key ever registered, in public key order: a key rotated away or removed stays listed as removed.',
      response: { 200: MembersResponseSchema, ...problemResponses() },
    },
  }, async () => {
    const members = await components.members();
    return { members: members.map((m) => ({ ...m, categories: [...m.categories], addresses: [...m.addresses] })) };
  });

  app.get('/v1/validators', {
    schema: {
      tags: ['governance'],
      summary: 'The validator set that signs a height',
      description: 'Without a height, the set of the next block. A set change passed at height h signs from h + 2.',
      querystring: ValidatorsQuerySchema,
      response: { 200: ValidatorSetSchema, ...problemResponses('HEIGHT_INVALID', 'VALIDATORS_NOT_FOUND') },
    },
  }, async (request) => {
    const given = request.query.height;
    const height = given === undefined ? undefined : Number(given);
    // The pattern admits 16 digits, some of which lie beyond 2^53.
    if (height !== undefined && !Number.isSafeInteger(height)) throw new TianpingError('HEIGHT_INVALID', 'height is beyond 2^53');
    const set = await components.validators(height);
    if (set === undefined) throw new TianpingError('VALIDATORS_NOT_FOUND', `height ${given ?? ''} lies beyond the next height`);
    return { ...set, validators: set.validators.map((v) => ({ ...v })) };
  });

  app.get('/v1/governance/proposals', {
    schema: {
      tags: ['governance'],
      summary: 'Governance proposals: joins, removals, suspensions, reinstatements, key rotations',
      querystring: ProposalsQuerySchema,
      response: { 200: ProposalsResponseSchema, ...problemResponses('REQUEST_INVALID') },
    },
  }, async (request) => ({ proposals: (await components.proposals(request.query.status)).map(proposalView) }));

  app.get('/v1/governance/proposals/:id', {
    schema: {
      tags: ['governance'],
      summary: 'One governance proposal, its votes weighed and its action decoded',
      params: ProposalParamsSchema,
      response: { 200: ProposalSchema, ...problemResponses('HASH_INVALID', 'PROPOSAL_NOT_FOUND') },
    },
  }, async (request) => {
    const proposal = await components.proposal(fromHex(request.params.id)!);
    if (proposal === undefined) throw new TianpingError('PROPOSAL_NOT_FOUND', `no proposal ${request.params.id.toLowerCase()}`);
    return proposalView(proposal);
  });
};
