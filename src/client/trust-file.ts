// A trust anchor file (docs/receipt-format.md §5) read exactly as the format page specifies, so that
// a verifier written from that page alone reads the same anchor from the same file: a genesis (only
// chainId, genesisTimeMs and validators are read; a genesis file's other keys are the node's), a
// trusted header with its validator set, or a trusted header hash. Anything else about the file is
// a TrustAnchorError: an error of the verifier's input, never a verdict on a receipt. Browser-safe.
import { fromHex } from '../types/index.js';
import { duplicateJsonKey, isUnicodeText } from './json-duplicates.js';
import type { HeaderHashTrust } from './receipt-history.js';
import { TrustAnchorError, type TrustAnchor, type TrustedValidator } from './receipt-trust.js';

/** Trust files are written by people as often as by tools: hex of either case (§5); a receipt's hex is lowercase only. */
const HEX = /^(?:[0-9a-fA-F]{2})*$/;

function bad(message: string): never {
  throw new TrustAnchorError(`trust anchor file: ${message}`);
}

function field(doc: Record<string, unknown>, key: string): unknown {
  if (!(key in doc)) bad(`${key} is missing`);
  return doc[key];
}

function hexField(value: unknown, path: string): string {
  if (typeof value !== 'string' || !HEX.test(value)) bad(`${path} must be hex of whole bytes`);
  return value.toLowerCase();
}

function validators(value: unknown): TrustedValidator[] {
  if (!Array.isArray(value)) bad('validators must be an array');
  return value.map((entry: unknown, i): TrustedValidator => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) bad(`validators[${i}] must be an object`);
    const v = entry as Record<string, unknown>;
    const power = field(v, 'power');
    if (typeof power !== 'number' || !Number.isSafeInteger(power)) bad(`validators[${i}].power must be an integer below 2^53`);
    const name = v['name'];
    if (name !== undefined && typeof name !== 'string') bad(`validators[${i}].name must be a string`);
    return { publicKey: hexField(field(v, 'publicKey'), `validators[${i}].publicKey`), power, ...(name === undefined ? {} : { name }) };
  });
}

/**
 * The trust anchor in a JSON text: `trustedHeaderHash` makes it a header-hash anchor, `trustedHeader`
 * a trusted header with its set, neither a genesis. The anchor's own checks (key sizes, powers, the
 * set's hash) run when a receipt is verified against it (prepareTrust).
 */
export function parseTrustAnchorJson(text: string): TrustAnchor | HeaderHashTrust {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return bad(`not JSON: ${(error as Error).message}`);
  }
  const duplicate = duplicateJsonKey(text);
  if (duplicate !== undefined) bad(`${duplicate} is given twice`);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return bad('must be a JSON object');
  const doc = value as Record<string, unknown>;
  const chainId = field(doc, 'chainId');
  if (typeof chainId !== 'string' || !isUnicodeText(chainId)) bad('chainId must be a string of Unicode text');
  if ('trustedHeaderHash' in doc) return { chainId, trustedHeaderHash: hexField(doc['trustedHeaderHash'], 'trustedHeaderHash') };
  const set = validators(field(doc, 'validators'));
  if ('trustedHeader' in doc) {
    return { chainId, validators: set, trustedHeader: fromHex(hexField(doc['trustedHeader'], 'trustedHeader'))! };
  }
  const genesisTimeMs = field(doc, 'genesisTimeMs');
  if (typeof genesisTimeMs !== 'number' || !Number.isSafeInteger(genesisTimeMs) || genesisTimeMs < 0) {
    bad('genesisTimeMs must be a non-negative integer below 2^53');
  }
  return { chainId, genesisTimeMs, validators: set };
}
