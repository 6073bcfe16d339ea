export * from './proto.js';
export * from './algorithms.js';
export * from './sign-bytes.js';
export * from './tx.js';
export * from './tx-batch.js';
export * from './block.js';
export * from './payout-ids.js';
