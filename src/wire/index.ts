// The node's network protocols, the face the driver and the simulator see: consensus gossip and the
// request-response protocols over p2p/ (consensus-wire.ts), compact proposals and the txs they miss,
// tx gossip in batches, block sync, the binary forms of consensus messages, and the network of a node
// without peers. Below node/ (which drives them) and beside blocks/ and read/: none imports another.
export { ConsensusWire, type ConsensusNetwork, type WireComponents } from './consensus-wire.js';
export { BlockSync, type BlockSyncComponents } from './block-sync.js';
export { LocalNetwork } from './local-network.js';
export { TxGossip, TX_GOSSIP_BATCH_BYTES_MAX, TX_GOSSIP_INTERVAL_MS, type TxGossipComponents } from './tx-gossip.js';
export { MissingTxs, MISSING_WAIT_MS, type MissingTxsComponents } from './missing-txs.js';
export * from './compact-proposal.js';
export * from './consensus-codec.js';
export { reportEquivocationTx } from './equivocation-tx.js';
