// Building a block (as proposer) and checking one (as validator) against the ledger's tip, and
// committing an executed block: the one place that turns the state machine's result into a block.
// Below node/ (the driver calls it) and beside wire/ and read/.
export { buildBlock, checkBlock, commitExecuted, isValidBlock, type BlockExecComponents, type CheckOptions, type ExecutedBlock } from './block-exec.js';
