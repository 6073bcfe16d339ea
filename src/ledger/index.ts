export type { Storage, BatchOp } from './storage.js';
export { LevelStorage } from './level-storage.js';
export { MemStorage } from './mem-storage.js';
export { Ledger, LedgerError, type LedgerErrorCode, type LedgerMetrics, type Tip, type StoredBlock, type BlockToCommit } from './ledger.js';
export { levelDamageReports, parseLevelLog, type LevelDamage } from './level-log.js';
export { ITEM_TAIL_FROM, type BatchIndexEntry } from './batch-index.js';
