export * from './genesis.js';
export * from './keys.js';
export * from './view.js';
export * from './members.js';
export * from './tx-rules.js';
export * from './execute.js';
export * from './validators.js';
export * from './equivocation.js';
