// What readiness (GET /readyz) is judged on, kept beside the driver: whom the node hears, and
// whether it has decided a block with them since it last heard too few. The driver feeds it its
// validator set, tip and highest height seen; node.ts turns the view into ready or a code.
import { isQuorum, type ValidatorSet } from '../consensus/tendermint/index.js';
import { toHex } from '../types/index.js';
import type { ConsensusNetwork } from '../wire/index.js';

/** The driver's view of how far the chain is and whom it hears (TendermintDriver.syncView). */
export interface SyncView {
  readonly tipHeight: number;
  /** The highest height of a vote, proposal or commit that reached the core (0 before any). */
  readonly highestHeightSeen: number;
  readonly peers: number;
  /** Power of the set in force this node hears: its own, when it is a validator, and its connected validators'. */
  readonly reachablePower: number;
  readonly totalPower: number;
  /**
   * The node decided a block by consensus since it last heard no quorum (or since it started), or
   * holds a quorum alone. Until then it may be behind without knowing it: no peer has said so yet.
   */
  readonly confirmed: boolean;
}

export interface QuorumWatchComponents {
  readonly network: Pick<ConsensusNetwork, 'connectedNodes'>;
  /** This node's id (hex key). */
  readonly selfId: string;
  /** The set in force for the next height; undefined before the driver has read it from the ledger. */
  validators(): ValidatorSet | undefined;
}

interface Heard {
  readonly peers: number;
  readonly reachablePower: number;
  readonly ownPower: number;
  readonly totalPower: number;
}

export class QuorumWatch {
  private confirmed = false;

  constructor(private readonly c: QuorumWatchComponents) {}

  /** A look at whom the node hears now (each readiness read, each rebroadcast tick): too few unconfirms. */
  look(): Heard {
    const heard = this.heard();
    if (!isQuorum(heard.reachablePower, heard.totalPower)) this.confirmed = false;
    return heard;
  }

  view(tipHeight: number, highestHeightSeen: number): SyncView {
    const heard = this.look();
    // A node holding a quorum alone decides every height itself: nobody can be ahead of it.
    return { peers: heard.peers, reachablePower: heard.reachablePower, totalPower: heard.totalPower, tipHeight, highestHeightSeen,
      confirmed: this.confirmed || isQuorum(heard.ownPower, heard.totalPower) };
  }

  /**
   * After a height decided by consensus: caught up if a quorum is heard now. (A block from block
   * sync confirms nothing, as sync brings them while the node is behind; nor does it unconfirm: a
   * following node that missed one commit's votes takes that block by sync too.)
   */
  decided(): void {
    const heard = this.heard();
    this.confirmed = isQuorum(heard.reachablePower, heard.totalPower);
  }

  private heard(): Heard {
    const connected = new Set(this.c.network.connectedNodes());
    const set = this.c.validators();
    let reachablePower = 0;
    let ownPower = 0;
    for (const validator of set?.validators ?? []) {
      const id = toHex(validator.publicKey);
      if (id === this.c.selfId) ownPower = validator.power;
      if (id === this.c.selfId || connected.has(id)) reachablePower += validator.power;
    }
    return { peers: connected.size, reachablePower, ownPower, totalPower: set?.totalPower ?? 0 };
  }
}
