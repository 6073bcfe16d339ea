// parseGenesis is strict: every refusal is a GenesisError that names the offending field, so an
// operator can fix the file without reading code.
import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, GenesisError, parseGenesis } from '../../src/state/genesis.js';
import { genesisWrites, decodeMember } from '../../src/state/members.js';
import { categoryKey, memberKey } from '../../src/state/keys.js';
import { toHex } from '../../src/types/index.js';
import { copyrightPlatform, genesisDocument, platform, validatorA } from '../helpers/state-fixture.js';

type Doc = Record<string, unknown>;
const clone = (): Doc => structuredClone(genesisDocument());
const at = (doc: Doc, field: string): Doc[] => doc[field] as Doc[];

function refusal(doc: unknown): string {
  try {
    parseGenesis(doc);
  } catch (error) {
    expect(error).toBeInstanceOf(GenesisError);
    return (error as Error).message;
  }
  throw new Error('parseGenesis accepted the document');
}

const LOW_ORDER_KEY = '01' + '00'.repeat(31); // the identity point (0, 1)
const NON_CANONICAL_KEY = 'ed' + 'ff'.repeat(30) + '7f'; // y = p

const cases: [string, (doc: Doc) => unknown, RegExp][] = [
  ['not an object', () => 'genesis', /document must be a JSON object/],
  ['null', () => null, /document must be a JSON object/],
  ['chainId missing', (d) => { delete d['chainId']; return d; }, /chainId must be a non-empty string/],
  ['chainId with a space', (d) => ({ ...d, chainId: 'tianping test' }), /chainId "tianping test" does not match/],
  ['chainId longer than 64 bytes', (d) => ({ ...d, chainId: 'c'.repeat(65) }), /chainId is longer than 64 bytes/],
  ['genesisTimeMs zero', (d) => ({ ...d, genesisTimeMs: 0 }), /genesisTimeMs must be a positive integer/],
  ['genesisTimeMs fractional', (d) => ({ ...d, genesisTimeMs: 1.5 }), /genesisTimeMs must be a positive integer/],
  ['genesisTimeMs a string', (d) => ({ ...d, genesisTimeMs: '1700000000000' }), /genesisTimeMs must be a positive integer/],
  ['validators empty', (d) => ({ ...d, validators: [] }), /validators must be a non-empty array/],
  ['validator null', (d) => ({ ...d, validators: [null] }), /validators\[0\] must be an object/],
  ['validator name invalid', (d) => { at(d, 'validators')[1]!['name'] = '-bad'; return d; }, /validators\[1\]\.name "-bad" does not match/],
  ['validator key not hex', (d) => { at(d, 'validators')[0]!['publicKey'] = 'zz'.repeat(32); return d; }, /validators\[0\]\.publicKey must be 32 bytes of hex/],
  ['validator key 31 bytes', (d) => { at(d, 'validators')[0]!['publicKey'] = 'ab'.repeat(31); return d; }, /validators\[0\]\.publicKey must be 32 bytes of hex/],
  ['validator key low-order', (d) => { at(d, 'validators')[0]!['publicKey'] = LOW_ORDER_KEY; return d; }, /validators\[0\]\.publicKey is not a registrable ed25519 key \(low-order\)/],
  ['validator key non-canonical', (d) => { at(d, 'validators')[0]!['publicKey'] = NON_CANONICAL_KEY; return d; }, /validators\[0\]\.publicKey is not a registrable ed25519 key \(non-canonical\)/],
  ['validator power zero', (d) => { at(d, 'validators')[0]!['power'] = 0; return d; }, /validators\[0\]\.power must be a positive integer/],
  ['categories missing', (d) => { delete d['categories']; return d; }, /categories must be a non-empty array/],
  ['category with capitals', (d) => ({ ...d, categories: ['copyright', 'Bad'] }), /categories\[1\] "Bad" does not match/],
  ['duplicate category', (d) => ({ ...d, categories: ['copyright', 'copyright'] }), /categories contain a duplicate/],
  ['members not an array', (d) => ({ ...d, members: 'platform' }), /members must be an array/],
  ['member null', (d) => ({ ...d, members: [null] }), /members\[0\] must be an object/],
  ['member role unknown', (d) => { at(d, 'members')[0]!['role'] = 'king'; return d; }, /members\[0\]\.role "king" is not one of/],
  ['member name missing', (d) => { delete at(d, 'members')[2]!['name']; return d; }, /members\[2\]\.name must be a non-empty string/],
  ['member key low-order', (d) => { at(d, 'members')[1]!['publicKey'] = LOW_ORDER_KEY; return d; }, /members\[1\]\.publicKey is not a registrable/],
  ['member category not in genesis', (d) => { at(d, 'members')[1]!['categories'] = ['copyright', 'astrology']; return d; }, /members\[1\]\.categories\[1\] "astrology" is not a genesis category/],
  // An empty list means every category: a non-list must not be read as empty.
  ['member categories not a list', (d) => { at(d, 'members')[1]!['categories'] = 'copyright'; return d; }, /members\[1\]\.categories must be an array/],
  ['key used twice', (d) => { at(d, 'members')[0]!['publicKey'] = toHex(validatorA.publicKey); return d; }, new RegExp(`public key ${toHex(validatorA.publicKey)} appears twice`)],
  ['params not an object', (d) => ({ ...d, params: [] }), /params must be an object/],
  ['params unknown', (d) => ({ ...d, params: { blockTimeMs: 5 } }), /params\.blockTimeMs is not a known parameter/],
  ['params not positive', (d) => ({ ...d, params: { txBytesMax: 0 } }), /params\.txBytesMax must be a positive integer/],
];

describe('parseGenesis refusals', () => {
  it.each(cases)('%s', (_name, mutate, message) => {
    expect(refusal(mutate(clone()))).toMatch(message);
  });

  it('the fixture document itself is accepted', () => {
    expect(() => parseGenesis(genesisDocument())).not.toThrow();
  });
});

describe('parseGenesis results', () => {
  it('fills defaults, overrides named params and lowercases keys', () => {
    const doc = clone();
    doc['params'] = { txBytesMax: 4096 };
    at(doc, 'validators')[0]!['publicKey'] = toHex(validatorA.publicKey).toUpperCase();
    const g = parseGenesis(doc);
    expect(g.params).toEqual({ ...DEFAULT_PARAMS, txBytesMax: 4096 });
    expect(g.validators[0]!.publicKey).toBe(toHex(validatorA.publicKey));
    expect(g.members.find((m) => m.name === 'platform')!.organisation).toBe('Platform Ltd');
  });

  it('genesisWrites records members with their roles and categories, and the categories', () => {
    const writes = genesisWrites(parseGenesis(genesisDocument()));
    const limited = decodeMember(writes.get(memberKey(copyrightPlatform.publicKey))!);
    expect(limited).toMatchObject({ role: 'submitter', categories: ['copyright'], status: 'active', sinceHeight: 0 });
    expect(decodeMember(writes.get(memberKey(platform.publicKey))!).categories).toEqual([]);
    expect(decodeMember(writes.get(memberKey(validatorA.publicKey))!)).toMatchObject({ role: 'validator', power: 10 });
    expect([...writes.keys()].filter((k) => k.startsWith('category/')).sort())
      .toEqual([categoryKey('copyright'), categoryKey('e-commerce'), categoryKey('notarial')]);
  });
});
