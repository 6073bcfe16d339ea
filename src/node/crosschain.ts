// The node's cross-chain face (docs/crosschain.md §4–§5), as the API sees it: reads of the light
// clients and the verification records from the read model, the verification of foreign proofs
// and the two-hop receipts composed with the SDK and the side nodes configured.
import type {
  CaseVerificationsView, CrossChainComponents, CrossChainVerdict, CrossChainVerifyRequest, ForeignChainDetailView, ForeignChainView,
  LightBlockView, TwoHopReceiptView, VerificationCountsView,
} from '../api/components.js';
import type { Ledger } from '../ledger/index.js';
import {
  readCaseVerifications, readForeignChainDetail, readForeignChains, readLightBlock, readVerificationCounts,
} from '../read/crosschain.js';
import { composeTwoHop, type TwoHopSources } from './crosschain-two-hop.js';
import { verifyForeign } from './crosschain-verify.js';

export interface CrossChainOptions {
  readonly ledger: Ledger;
  readonly chainId: string;
  readonly sources: TwoHopSources;
  /** Throws while committed data may not be served (the ledger repairing). */
  readonly readable: () => void;
}

export class CrossChainService implements CrossChainComponents {
  constructor(private readonly o: CrossChainOptions) {}

  foreignChains(): Promise<{ atMs: number; chains: ForeignChainView[] }> {
    this.o.readable();
    return readForeignChains(this.o.ledger);
  }

  foreignChain(name: string): Promise<ForeignChainDetailView> {
    this.o.readable();
    return readForeignChainDetail(this.o.ledger, name);
  }

  verifyForeign(request: CrossChainVerifyRequest): Promise<CrossChainVerdict> {
    this.o.readable();
    return verifyForeign(this.o.ledger, request);
  }

  caseVerifications(caseNo: string): Promise<CaseVerificationsView> {
    this.o.readable();
    return readCaseVerifications(this.o.ledger, caseNo);
  }

  verificationCounts(): Promise<VerificationCountsView> {
    this.o.readable();
    return readVerificationCounts(this.o.ledger);
  }

  twoHopReceipt(name: string, digest: Uint8Array, algorithm: 'sha256' | 'sm3'): Promise<TwoHopReceiptView> {
    this.o.readable();
    return composeTwoHop(this.o.ledger, this.o.chainId, this.o.sources, name, digest, algorithm);
  }

  lightBlock(height: number, since: number): Promise<LightBlockView> {
    this.o.readable();
    return readLightBlock(this.o.ledger, height, since);
  }
}
