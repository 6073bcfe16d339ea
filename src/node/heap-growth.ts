// The JavaScript heap's growth between full collections, set for the whole process at start.
// V8 lets the old generation grow to up to four times what survived the last full collection
// before it collects again when collections are fast; under a steady load a node's heap then
// swings between ~70 MB live and ~120 MB, and RSS with it, by tens of MB within minutes
// (docs/reliability.md, "A flatter heap"). A fixed, small factor keeps RSS near the live heap at
// the cost of more frequent (concurrent) full collections. V8 reads the flag at each collection,
// so setting it after start takes effect on V8 11 and 12 (Node.js 20, 22); V8 13 (Node.js 24)
// did not follow it in test/node/heap-growth.test.ts's program, set either way.
import { setFlagsFromString } from 'node:v8';

/** Applies `memory.heapGrowingPercent`; 0 keeps V8's own factor. */
export function applyHeapGrowingPercent(percent: number): void {
  if (!Number.isSafeInteger(percent) || percent < 0) throw new RangeError(`heap growing percent ${percent} is not a whole number >= 0`);
  if (percent === 0) return;
  setFlagsFromString(`--heap-growing-percent=${percent}`);
}
