export * from './brand.js';
export * from './bytes.js';
export * from './errors.js';
export type { Clock, Rng, Timers } from './env.js';
export { sleepMs } from './env.js';
export { LruCache } from './lru.js';
export type { CounterLike, GaugeLike, ObserverLike } from './metrics.js';
export { deadline, type Deadline } from './deadline.js';
