export * from './brand.js';
export * from './bytes.js';
export * from './errors.js';
export type { Clock, Rng } from './env.js';
export { LruCache } from './lru.js';
