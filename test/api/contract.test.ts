// One contract for the HTTP shapes: the node's views (api/components.ts) and the SDK's types
// (client/views.ts) must be exactly the JSON of the route schemas (contract/http.ts), never copies
// of their own. The type assertions are checked by `npm run typecheck` (tsc compiles test/): a
// hand-written type that drifts from its schema, or a schema change one side does not follow,
// fails the compile. The runtime checks below make sure the routes serialize through those very
// schema objects and that the node's views differ from them only by the ISO times the API adds.
import type { Static } from '@sinclair/typebox';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type * as Api from '../../src/api/components.js';
import * as Schemas from '../../src/api/schemas.js';
import { anchorView, blockView, committedView } from '../../src/api/views.js';
import type * as Sdk from '../../src/client/views.js';
import * as Contract from '../../src/contract/http.js';
import type { Json } from '../../src/contract/http.js';

describe('HTTP contract', () => {
  it('gives the SDK exactly the JSON of the route schemas', () => {
    expectTypeOf<Sdk.AlgorithmName>().toEqualTypeOf<Json<typeof Contract.AlgorithmSchema>>();
    expectTypeOf<Sdk.CommittedTxView>().toEqualTypeOf<Json<typeof Contract.TxCommittedSchema>>();
    expectTypeOf<Sdk.PendingTxView>().toEqualTypeOf<Json<typeof Contract.TxPendingSchema>>();
    expectTypeOf<Sdk.SubmitResult>().toEqualTypeOf<Json<typeof Contract.TxStatusSchema>>();
    expectTypeOf<Sdk.TxView>().toEqualTypeOf<Json<typeof Contract.TxStatusSchema>>();
    expectTypeOf<Sdk.BulkTxResult>().toEqualTypeOf<Json<typeof Contract.TxBulkResultSchema>>();
    expectTypeOf<Sdk.BulkSubmitResult>().toEqualTypeOf<Json<typeof Contract.TxBulkResponseSchema>>();
    expectTypeOf<Sdk.EvidenceAnchorView>().toEqualTypeOf<Json<typeof Contract.AnchorSchema>>();
    expectTypeOf<Sdk.EvidenceView>().toEqualTypeOf<Json<typeof Contract.EvidenceResponseSchema>>();
    expectTypeOf<Sdk.SubmitterAnchorsView>().toEqualTypeOf<Json<typeof Contract.SubmitterAnchorsSchema>>();
    expectTypeOf<Sdk.BlockView>().toEqualTypeOf<Json<typeof Contract.BlockSchema>>();
    expectTypeOf<Sdk.HeaderView>().toEqualTypeOf<Json<typeof Contract.HeaderSchema>>();
    expectTypeOf<Sdk.NodeStatus>().toEqualTypeOf<Json<typeof Contract.StatusSchema>>();
    expectTypeOf<Sdk.MemberRoleView>().toEqualTypeOf<Json<typeof Contract.MemberRoleSchema>>();
    expectTypeOf<Sdk.MemberView>().toEqualTypeOf<Json<typeof Contract.MemberSchema>>();
    expectTypeOf<Sdk.MembersView>().toEqualTypeOf<Json<typeof Contract.MembersResponseSchema>>();
    expectTypeOf<Sdk.ValidatorSetView>().toEqualTypeOf<Json<typeof Contract.ValidatorSetSchema>>();
    expectTypeOf<Sdk.ProposalStatusName>().toEqualTypeOf<Json<typeof Contract.ProposalStatusSchema>>();
    expectTypeOf<Sdk.ProposalVoterView>().toEqualTypeOf<Json<typeof Contract.VoterSchema>>();
    expectTypeOf<Sdk.ProposalView>().toEqualTypeOf<Json<typeof Contract.ProposalSchema>>();
    expectTypeOf<Sdk.ProposalsView>().toEqualTypeOf<Json<typeof Contract.ProposalsResponseSchema>>();
  });

  it('gives the node the same shapes, less the ISO times the API adds', () => {
    expectTypeOf<Api.TxCommitInfo>().toEqualTypeOf<Omit<Json<typeof Contract.TxCommittedSchema>, 'status' | 'blockTime'>>();
    expectTypeOf<Extract<Api.TxStatus, { status: 'pending' }>>().toEqualTypeOf<Json<typeof Contract.TxPendingSchema>>();
    expectTypeOf<Api.EvidenceAnchor>().toEqualTypeOf<Omit<Json<typeof Contract.AnchorSchema>, 'blockTime'>>();
    expectTypeOf<Api.BlockSummary>().toEqualTypeOf<Omit<Json<typeof Contract.BlockSchema>, 'time'>>();
    expectTypeOf<Api.NodeStatusView>().toEqualTypeOf<Json<typeof Contract.StatusSchema>>();
    expectTypeOf<Api.SignedStatementView>().toEqualTypeOf<Json<typeof Contract.SignedStatementSchema>>();
    expectTypeOf<Api.EquivocationView>().toEqualTypeOf<Json<typeof Contract.EquivocationSchema>>();
    expectTypeOf<Api.MemberRoleName>().toEqualTypeOf<Json<typeof Contract.MemberRoleSchema>>();
    expectTypeOf<Api.MemberEntry>().toEqualTypeOf<Json<typeof Contract.MemberSchema>>();
    expectTypeOf<Api.MemberView>().toEqualTypeOf<Pick<Json<typeof Contract.MemberSchema>, 'name' | 'role' | 'status'>>();
    expectTypeOf<Api.ValidatorSetView>().toEqualTypeOf<Json<typeof Contract.ValidatorSetSchema>>();
    expectTypeOf<Api.ProposalStatus>().toEqualTypeOf<Json<typeof Contract.ProposalStatusSchema>>();
    expectTypeOf<Api.ProposalVoter>().toEqualTypeOf<Json<typeof Contract.VoterSchema>>();
    expectTypeOf<Api.GovernanceProposalView>().toEqualTypeOf<Omit<Json<typeof Contract.ProposalSchema>, 'expiresAt'>>();
  });

  it('lets what a route serializes be read as the SDK view, and the reverse up to readonly', () => {
    // Static<> is what the handlers build (mutable); Json<> only adds readonly at every level.
    expectTypeOf<Static<typeof Contract.ProposalSchema>>().toExtend<Sdk.ProposalView>();
    expectTypeOf<Static<typeof Contract.EvidenceResponseSchema>>().toExtend<Sdk.EvidenceView>();
    expectTypeOf<Static<typeof Contract.TxBulkResponseSchema>>().toExtend<Sdk.BulkSubmitResult>();
    expectTypeOf<Static<typeof Contract.BlockSchema>>().toExtend<Sdk.BlockView>();
    expectTypeOf<Sdk.NodeStatus>().toExtend<Static<typeof Contract.StatusSchema>>();
    expectTypeOf<Sdk.EvidenceAnchorView>().toExtend<Static<typeof Contract.AnchorSchema>>();
  });

  it('serves the contract schemas themselves, not copies', () => {
    const shared = Object.entries(Contract).filter(([name]) => name.endsWith('Schema'));
    const reExported = shared.filter(([name]) => name in Schemas);
    // Every response schema the routes use comes from contract/http.ts (VoterSchema is used inside ProposalSchema).
    expect(shared.map(([name]) => name).filter((name) => !(name in Schemas))).toEqual(['VoterSchema']);
    for (const [name, schema] of reExported) expect(Schemas[name as keyof typeof Schemas], name).toBe(schema);
  });

  it('adds exactly the ISO times the node views lack', () => {
    const keys = (schema: { properties: object }): string[] => Object.keys(schema.properties).sort();
    const info = { hash: 'aa', height: 3, index: 1, blockHash: 'bb', blockTimeMs: 1_700_000_000_000 };
    expect(Object.keys(committedView(info)).sort()).toEqual(keys(Contract.TxCommittedSchema));
    const anchor: Api.EvidenceAnchor = {
      algorithm: 'sha256', digest: 'cc', category: 'contract', submitter: 'dd', submitterName: 'court', externalRef: '',
      metadataDigest: '', salted: false, height: 3, blockTimeMs: 1_700_000_000_000, blockHash: 'bb', txHash: 'aa', txIndex: 1,
    };
    expect(Object.keys(anchorView(anchor)).sort()).toEqual(keys(Contract.AnchorSchema));
    const block: Api.BlockSummary = {
      height: 3, hash: 'bb', timeMs: 1_700_000_000_000, chainId: 'test', prevBlockHash: '', historyRoot: '', txRoot: '',
      appHash: '', resultsHash: '', validatorsHash: '', nextValidatorsHash: '', proposer: '', txCount: 1, txHashes: ['aa'],
      eventsRoot: 'ee', eventCount: 2,
      commit: { round: 0, signatures: [] },
    };
    expect(Object.keys(blockView(block)).sort()).toEqual(keys(Contract.BlockSchema));
  });
});
