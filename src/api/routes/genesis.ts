// The chain's genesis, public: it is the trust anchor a receipt is verified against
// (docs/receipt-format.md §5). The court's page fetches it once when it loads, so that a receipt
// can then be checked with the network cut. A genesis from the node being checked is only as
// trustworthy as that node: for a court record the page also takes the genesis file the consortium
// published, and says so.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import { ROLES, type Genesis, type Role } from '../../state/genesis.js';
import type { RouteOptions } from '../options.js';
import { problemResponses } from '../schemas.js';

const Key = Type.String({ pattern: '^[0-9a-f]{64}$', description: 'Ed25519 public key, lowercase hex' });
const Positive = (description: string): ReturnType<typeof Type.Integer> =>
  Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description });

/** Exactly the fields src/state/genesis.ts parses, so the document parses there again as is. */
export const GenesisSchema = Type.Object({
  chainId: Type.String(),
  genesisTimeMs: Positive('Genesis time, milliseconds since the Unix epoch'),
  validators: Type.Array(Type.Object({ name: Type.String(), publicKey: Key, power: Positive('Voting power') }),
    { description: 'The first validator set' }),
  members: Type.Array(Type.Object({
    name: Type.String(),
    organisation: Type.String(),
    role: Type.Unsafe<Role>({ type: 'string', enum: [...ROLES] }),
    publicKey: Key,
    categories: Type.Array(Type.String(), { description: 'Categories a submitter may anchor in; empty means all' }),
  }), { description: 'Members admitted at genesis' }),
  categories: Type.Array(Type.String(), { description: 'Evidence categories' }),
  params: Type.Record(Type.String(), Positive('Chain parameter'), { description: 'Chain parameters (src/state/genesis.ts)' }),
}, { description: 'The genesis as this node parsed it (not its file bytes: compare those with the published genesis hash)' });

/** The parsed genesis, field for field (copies of its read-only lists, as the schema types them). */
function genesisView(genesis: Genesis): Static<typeof GenesisSchema> {
  return {
    chainId: genesis.chainId,
    genesisTimeMs: genesis.genesisTimeMs,
    validators: genesis.validators.map((v) => ({ name: v.name, publicKey: v.publicKey, power: v.power })),
    members: genesis.members.map((m) => ({
      name: m.name, organisation: m.organisation, role: m.role, publicKey: m.publicKey, categories: [...m.categories],
    })),
    categories: [...genesis.categories],
    params: { ...genesis.params },
  };
}

export const genesisRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { components }) => {
  app.get('/v1/genesis', {
    schema: {
      tags: ['node'],
      summary: 'The genesis this node runs: the trust anchor for verifying receipts offline',
      response: { 200: GenesisSchema, ...problemResponses() },
    },
  }, async () => genesisView(components.genesis));
};
