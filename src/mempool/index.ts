export { Mempool, type MempoolComponents, type MempoolLimits } from './mempool.js';
