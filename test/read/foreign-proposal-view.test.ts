// A foreign chain proposal reads like the member proposals: GET /v1/governance/proposals shows its
// kind, its subject's name (the foreign chain's) and the registration it asks for. Before these
// kinds were known the view asserted and the whole listing failed.
import { describe, expect, it } from 'vitest';
import { foreignChainProposalTx } from '../../src/client/index.js';
import { decodeTx } from '../../src/codec/tx.js';
import { pb } from '../../src/codec/proto.js';
import { proposalView } from '../../src/read/governance-view.js';
import { proposalKey } from '../../src/state/keys.js';
import { toHex } from '../../src/types/index.js';
import { CHAIN_ID, MainChain, SIDE_CHAIN_ID, SIDE_GENESIS_MS, sideKeys, validatorA } from '../state/crosschain/fixture.js';

describe('a foreign chain proposal in the governance view', () => {
  it('shows kind, name and the registration asked for', async () => {
    const chain = new MainChain();
    const set = sideKeys('set one', 3).map((v) => ({ publicKey: toHex(v.publicKey), power: v.power }));
    const opened = foreignChainProposalTx({ chainId: CHAIN_ID, keyPair: validatorA, nowMs: chain.at, registration: {
      name: 'lending-side', kind: 'tianping', chainId: SIDE_CHAIN_ID, trustingPeriodMs: 3_600_000, description: 'e-loan side chain',
      tianping: { genesisTimeMs: SIDE_GENESIS_MS, nextValidators: set } } });
    await chain.commit([decodeTx(opened.bytes, chain.genesis.params.txBytesMax)], chain.next());
    const stored = await chain.view.get(proposalKey(opened.hash));
    expect(stored).toBeDefined();
    const view = await proposalView(pb.ProposalRecord.decode(stored!), {
      latestBlockTimeMs: chain.at, nextHeight: 3, setOf: async () => [{ publicKey: validatorA.publicKey, power: 1 }],
      nameOf: async () => 'unnamed',
    });
    expect(view.kind).toBe('foreign-chain');
    expect(view.subjectName).toBe('lending-side');
    expect(view.payload.foreignChain).toEqual({ name: 'lending-side', kind: 'tianping', chainId: SIDE_CHAIN_ID,
      trustingPeriodMs: 3_600_000, description: 'e-loan side chain', trustedHeight: 0 });
  });
});
