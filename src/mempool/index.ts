export { Mempool, type MempoolComponents, type MempoolLimits, type MempoolMetrics } from './mempool.js';
export { MemberCache, MEMBER_CACHE_ENTRIES_MAX } from './member-cache.js';
