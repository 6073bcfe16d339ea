export { Mempool, type MempoolComponents, type MempoolLimits } from './mempool.js';
export { MemberCache, MEMBER_CACHE_ENTRIES_MAX } from './member-cache.js';
