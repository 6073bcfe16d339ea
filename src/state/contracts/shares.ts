// Splitting money among payees by their shares with the largest-remainder (Hamilton) method: each
// payee gets the floor of its exact share, and the fen left over go one each to the payees with the
// largest remainders. The parts always add up to the amount, no payee is ever more than one fen
// from its exact share, and ties go to the payee listed first in the contract, so every node
// splits alike.
import { refuse } from './errors.js';
import { checkFen } from './money.js';

export const PAYEES_MAX = 64;
/** Weights are small integers (shares, percent, basis points); the bound keeps every product exact and small. */
export const SHARE_WEIGHT_MAX = 1n << 32n;

export function checkShares(weights: readonly bigint[]): void {
  if (weights.length === 0 || weights.length > PAYEES_MAX) {
    refuse(weights.length === 0 ? 'SHARES_INVALID' : 'LIMIT_EXCEEDED', `between 1 and ${PAYEES_MAX} payees are needed`);
  }
  weights.forEach((weight, i) => {
    if (typeof weight !== 'bigint' || weight <= 0n || weight > SHARE_WEIGHT_MAX) {
      refuse('SHARES_INVALID', `payee ${i}: a share weight must be an integer in [1, 2^32]`, { payee: i });
    }
  });
}

/** `amountFen` split in proportion to `weights`, in the order of `weights`. */
export function splitByShares(amountFen: bigint, weights: readonly bigint[]): bigint[] {
  checkFen(amountFen, 'amount to split');
  checkShares(weights);
  const total = weights.reduce((sum, weight) => sum + weight, 0n);
  const parts = weights.map((weight) => (amountFen * weight) / total);
  const remainders = weights.map((weight, position) => ({ position, remainder: (amountFen * weight) % total }));
  // Largest remainder first; equal remainders in the payees' order in the contract.
  remainders.sort((a, b) => (a.remainder === b.remainder ? a.position - b.position : a.remainder > b.remainder ? -1 : 1));
  let left = amountFen - parts.reduce((sum, part) => sum + part, 0n);
  for (const { position } of remainders) {
    if (left === 0n) break;
    parts[position]! += 1n;
    left -= 1n;
  }
  return parts;
}
