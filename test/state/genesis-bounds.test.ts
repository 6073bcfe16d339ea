// The genesis bounds of docs/consensus.md and docs/configuration.md: powers per validator and in
// total, one name and one key per entry across validators and members, no unknown field at any
// level, and a genesis time that is a plausible date. Each refusal has a stable code and names the
// field.
import { describe, expect, it } from 'vitest';
import {
  GENESIS_TIME_MS_MAX, GENESIS_TIME_MS_MIN, GENESIS_TOTAL_POWER_MAX, GenesisError, VALIDATOR_POWER_MAX, parseGenesis,
  type GenesisErrorCode,
} from '../../src/state/genesis.js';
import { toHex } from '../../src/types/index.js';
import { genesisDocument, keyOf, validatorA } from '../helpers/state-fixture.js';

type Doc = Record<string, unknown>;
const clone = (): Doc => structuredClone(genesisDocument());
const list = (doc: Doc, field: string): Doc[] => doc[field] as Doc[];

function refusal(doc: unknown): { code: GenesisErrorCode; message: string } {
  try {
    parseGenesis(doc);
  } catch (error) {
    expect(error).toBeInstanceOf(GenesisError);
    return { code: (error as GenesisError).code, message: (error as Error).message };
  }
  throw new Error('parseGenesis accepted the document');
}

/** n validators of the given power, each with its own key and name. */
function validators(n: number, power: number): Doc[] {
  return Array.from({ length: n }, (_, i) => ({ name: `v${i}`, publicKey: toHex(keyOf(`bounds ${i}`).publicKey), power }));
}

const cases: [string, (doc: Doc) => unknown, GenesisErrorCode, RegExp][] = [
  ['a validator power of 2^40', (d) => { list(d, 'validators')[0]!['power'] = 2 ** 40; return d; },
    'GENESIS_POWER_TOO_LARGE', /validators\[0\]\.power 1099511627776 exceeds 4294967296/],
  ['a validator power of 2^32 + 1', (d) => { list(d, 'validators')[1]!['power'] = 2 ** 32 + 1; return d; },
    'GENESIS_POWER_TOO_LARGE', /validators\[1\]\.power/],
  ['a total power above 2^36', (d) => ({ ...d, validators: validators(17, VALIDATOR_POWER_MAX) }),
    'GENESIS_POWER_TOO_LARGE', /total power exceeds 68719476736 \(2\^36\) at validators\[16\]/],
  ['two validators with one name', (d) => { list(d, 'validators')[1]!['name'] = 'val-a'; return d; },
    'GENESIS_DUPLICATE_NAME', /validators\[1\]\.name "val-a" is already the name of validators\[0\]/],
  ['a member named like a validator', (d) => { list(d, 'members')[2]!['name'] = 'val-b'; return d; },
    'GENESIS_DUPLICATE_NAME', /members\[2\]\.name "val-b" is already the name of validators\[1\]/],
  ['two members with one name', (d) => { list(d, 'members')[1]!['name'] = 'platform'; return d; },
    'GENESIS_DUPLICATE_NAME', /members\[1\]\.name "platform"/],
  ['two validators with one key', (d) => { list(d, 'validators')[1]!['publicKey'] = toHex(validatorA.publicKey); return d; },
    'GENESIS_DUPLICATE_KEY', /public key [0-9a-f]{64} appears twice: validators\[1\]\.publicKey repeats validators\[0\]\.publicKey/],
  ['an unknown top-level key', (d) => ({ ...d, paramz: { txBytesMax: 1 } }),
    'GENESIS_UNKNOWN_KEY', /genesis: paramz is not a known field/],
  ['an unknown validator key', (d) => { list(d, 'validators')[1]!['powr'] = 5; return d; },
    'GENESIS_UNKNOWN_KEY', /validators\[1\]\.powr is not a known field/],
  ['an unknown member key', (d) => { list(d, 'members')[0]!['categorys'] = ['copyright']; return d; },
    'GENESIS_UNKNOWN_KEY', /members\[0\]\.categorys is not a known field/],
  ['an unknown parameter', (d) => ({ ...d, params: { blockTimeMs: 5 } }),
    'GENESIS_UNKNOWN_KEY', /params\.blockTimeMs is not a known parameter/],
  // `in` would find it on Object.prototype.
  ['a parameter named like an Object method', (d) => ({ ...d, params: { toString: 5 } }),
    'GENESIS_UNKNOWN_KEY', /params\.toString is not a known parameter/],
  ['a genesis time in the year 5138', (d) => ({ ...d, genesisTimeMs: Date.UTC(5138, 0, 1) }),
    'GENESIS_TIME_OUT_OF_RANGE', /genesisTimeMs 99972403200000 \(5138-01-01T00:00:00\.000Z\) is outside \[2020-01-01/],
  ['a genesis time in seconds', (d) => ({ ...d, genesisTimeMs: 1_700_000_000 }),
    'GENESIS_TIME_OUT_OF_RANGE', /genesisTimeMs 1700000000 \(1970-01-20/],
  ['a genesis time past the last calendar date', (d) => ({ ...d, genesisTimeMs: Number.MAX_SAFE_INTEGER }),
    'GENESIS_TIME_OUT_OF_RANGE', /genesisTimeMs 9007199254740991 is outside/],
  ['the first excluded genesis time', (d) => ({ ...d, genesisTimeMs: GENESIS_TIME_MS_MAX }),
    'GENESIS_TIME_OUT_OF_RANGE', /2100-01-01T00:00:00\.000Z/],
  ['an array as the document', () => [], 'GENESIS_INVALID', /document must be a JSON object/],
];

describe('parseGenesis bounds', () => {
  it.each(cases)('refuses %s', (_name, mutate, code, message) => {
    const { code: got, message: text } = refusal(mutate(clone()));
    expect(got).toBe(code);
    expect(text).toMatch(message);
  });

  it('accepts the bounds themselves', () => {
    const atMost = { ...clone(), validators: validators(16, VALIDATOR_POWER_MAX), genesisTimeMs: GENESIS_TIME_MS_MAX - 1 };
    const genesis = parseGenesis(atMost);
    expect(genesis.validators.reduce((sum, v) => sum + v.power, 0)).toBe(GENESIS_TOTAL_POWER_MAX);
    expect(parseGenesis({ ...clone(), genesisTimeMs: GENESIS_TIME_MS_MIN }).genesisTimeMs).toBe(GENESIS_TIME_MS_MIN);
  });

  it('gives the other refusals the generic code', () => {
    expect(refusal({ ...clone(), chainId: '' }).code).toBe('GENESIS_INVALID');
  });
});
