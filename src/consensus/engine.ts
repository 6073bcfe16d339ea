// What the node's driver needs from any block-production algorithm. The single-validator producer
// (solo.ts) and the Tendermint engine (tendermint/) both sit behind it, so state/, ledger/ and api/
// never change when the algorithm does.

/** Inputs the driver feeds to the engine. */
export type EngineEvent =
  | { readonly type: 'tick'; readonly nowMs: number; readonly txsWaiting: number }
  | { readonly type: 'committed'; readonly height: number; readonly timeMs: number; readonly nowMs: number };

/** What the engine asks the driver to do. */
export type EngineEffect =
  /** Build, execute, sign and commit the block of this height with this block time. */
  | { readonly type: 'produce'; readonly height: number; readonly timeMs: number }
  /** Call tick again at this clock time at the latest. */
  | { readonly type: 'wake'; readonly atMs: number };
