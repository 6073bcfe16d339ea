// The genesis document: chain id, first validators, members with roles, evidence categories and
// parameters. Parsed strictly: a node must never start on a genesis it half understood.
import { checkRegistrableKey } from '../crypto/ed25519.js';
import { sha256 } from '../crypto/hash.js';
import { fromHex, utf8, type Hash32 } from '../types/index.js';
import { CHAIN_ID_BYTES_MAX } from '../codec/sign-bytes.js';

// The order is the wire's MemberRole numbering (index + 1): new roles are appended, never inserted.
export const ROLES = ['validator', 'observer', 'submitter', 'verifier', 'executor', 'oracle', 'court', 'officer', 'bureau-chief', 'finance'] as const;
export type Role = (typeof ROLES)[number];

/** The white paper's nine application categories, the default set for new chains. */
export const DEFAULT_CATEGORIES = [
  'copyright', 'internet-finance', 'e-commerce', 'online-service-contract', 'domain-name',
  'personal-rights', 'internet-lending', 'notarial', 'judicial-forensics',
] as const;

export interface GenesisValidator {
  readonly name: string;
  readonly publicKey: string;
  readonly power: number;
}

export interface GenesisMember {
  readonly name: string;
  readonly organisation: string;
  readonly role: Role;
  readonly publicKey: string;
  /** For submitters: the categories it may anchor in; empty means all. */
  readonly categories: readonly string[];
}

export interface ChainParams {
  /** How far past the block time a tx's expiry may lie. */
  readonly txExpiryMaxMs: number;
  readonly txBytesMax: number;
  readonly blockTxsMax: number;
  readonly blockBytesMax: number;
  readonly externalRefBytesMax: number;
  /** PBTS PRECISION: the largest clock difference between two correct validators. */
  readonly pbtsPrecisionMs: number;
  /** PBTS MSG_DELAY of round 0: the longest a proposal takes to reach a correct validator. */
  readonly pbtsMessageDelayMs: number;
  /** A governance proposal closes unapproved this long after it was opened (by block time). */
  readonly governanceProposalTtlMs: number;
  /** Join requests accepted in one block at most: the rate limit on what non-members may send. */
  readonly joinRequestsPerBlockMax: number;
  /** Items of one indexed batch at most (their digests travel in the tx). */
  readonly batchItemsMax: number;
  /**
   * Due-queue entries of judgment contracts the block clock processes per block at most; the rest
   * wait for the next block and keep their legal time (docs/contracts.md, "The clock").
   */
  readonly caseEventsPerBlockMax: number;
}

export interface Genesis {
  readonly chainId: string;
  readonly genesisTimeMs: number;
  readonly validators: readonly GenesisValidator[];
  readonly members: readonly GenesisMember[];
  readonly categories: readonly string[];
  readonly params: ChainParams;
}

export const DEFAULT_PARAMS: ChainParams = {
  txExpiryMaxMs: 24 * 60 * 60 * 1000,
  // An indexed batch of 10,000 items is about 340 KiB.
  txBytesMax: 512 * 1024,
  blockTxsMax: 10_000,
  // A proposal carries its block over gossip, whose messages stay below 4 MiB.
  blockBytesMax: 3 * 1024 * 1024,
  externalRefBytesMax: 256,
  pbtsPrecisionMs: 500,
  pbtsMessageDelayMs: 2_000,
  governanceProposalTtlMs: 7 * 24 * 60 * 60 * 1000,
  joinRequestsPerBlockMax: 16,
  batchItemsMax: 10_000,
  caseEventsPerBlockMax: 1_000,
};

/**
 * Stable codes of a refused genesis, for scripts and tests; the message names the field. Published
 * codes are never renamed.
 */
export type GenesisErrorCode =
  | 'GENESIS_INVALID'
  | 'GENESIS_UNKNOWN_KEY'
  | 'GENESIS_DUPLICATE_NAME'
  | 'GENESIS_DUPLICATE_KEY'
  | 'GENESIS_POWER_TOO_LARGE'
  | 'GENESIS_TIME_OUT_OF_RANGE';

export class GenesisError extends Error {
  override name = 'GenesisError';
  readonly code: GenesisErrorCode;

  constructor(message: string, code: GenesisErrorCode = 'GENESIS_INVALID') {
    super(message);
    this.code = code;
  }
}

/**
 * One validator's power at most: the same bound a validator joining by governance has
 * (governance.ts), so that no genesis validator outweighs what the chain could ever admit.
 */
export const VALIDATOR_POWER_MAX = 2 ** 32;
/**
 * The set's total power at most (docs/consensus.md): every threshold product (3 × power) and every
 * proposer priority then stays a safe integer. The consensus core asserts the same bound.
 */
export const GENESIS_TOTAL_POWER_MAX = 2 ** 36;
/**
 * genesisTimeMs must lie in [2020-01-01, 2100-01-01) UTC. A time outside is a typo (seconds for
 * milliseconds, a digit too many), never a plan: a genesis in the year 5138 would leave every node
 * waiting at height 0 for ever, healthy by every probe. The parser is pure, so the bound is fixed
 * and not relative to a clock; the node judges a future time against its clock when it starts.
 */
export const GENESIS_TIME_MS_MIN = Date.UTC(2020, 0, 1);
export const GENESIS_TIME_MS_MAX = Date.UTC(2100, 0, 1);

const TOP_KEYS = ['chainId', 'genesisTimeMs', 'validators', 'members', 'categories', 'params'] as const;
const VALIDATOR_KEYS = ['name', 'publicKey', 'power'] as const;
const MEMBER_KEYS = ['name', 'organisation', 'role', 'publicKey', 'categories'] as const;

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const CATEGORY_RE = /^[a-z0-9][a-z0-9-]{0,63}$/;

function fail(message: string, code?: GenesisErrorCode): never {
  throw new GenesisError(`genesis: ${message}`, code);
}

/**
 * A key the parser does not know is refused, never ignored: a misspelt "paramz" or "powr" would
 * otherwise silently fall back to a default the operators did not choose.
 */
function onlyKeys(entry: Record<string, unknown>, known: readonly string[], at: string): void {
  for (const name of Object.keys(entry)) {
    if (!known.includes(name)) {
      fail(`${at === '' ? name : `${at}.${name}`} is not a known field (known: ${known.join(', ')})`, 'GENESIS_UNKNOWN_KEY');
    }
  }
}

function str(value: unknown, field: string, pattern?: RegExp): string {
  if (typeof value !== 'string' || value.length === 0) fail(`${field} must be a non-empty string`);
  if (pattern !== undefined && !pattern.test(value)) fail(`${field} "${value}" does not match ${pattern}`);
  return value;
}

function positiveInt(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) fail(`${field} must be a positive integer`);
  return value;
}

function obj(value: unknown, field: string, known: readonly string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(`${field} must be an object`);
  onlyKeys(value as Record<string, unknown>, known, field);
  return value as Record<string, unknown>;
}

/** An optional list: absent means empty, anything else but an array is refused (never ignored). */
function optionalArray(value: unknown, field: string): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) fail(`${field} must be an array`);
  return value as unknown[];
}

function key(value: unknown, field: string): string {
  const text = str(value, field).toLowerCase();
  const bytes = fromHex(text);
  if (bytes === undefined || bytes.length !== 32) fail(`${field} must be 32 bytes of hex`);
  const rejection = checkRegistrableKey(bytes);
  if (rejection !== undefined) fail(`${field} is not a registrable ed25519 key (${rejection})`);
  return text;
}

function parseParams(raw: unknown): ChainParams {
  const given = (raw ?? {}) as Record<string, unknown>;
  if (typeof given !== 'object' || Array.isArray(given)) fail('params must be an object');
  const out: Record<string, number> = { ...DEFAULT_PARAMS };
  for (const [name, value] of Object.entries(given)) {
    if (!Object.hasOwn(DEFAULT_PARAMS, name)) fail(`params.${name} is not a known parameter`, 'GENESIS_UNKNOWN_KEY');
    out[name] = positiveInt(value, `params.${name}`);
  }
  // Batch items and block txs are numbered in 16 bits in the state's item keys (state/batch.ts).
  if ((out['batchItemsMax'] ?? 0) > 65_535) fail('params.batchItemsMax must be at most 65535');
  if ((out['blockTxsMax'] ?? 0) > 65_535) fail('params.blockTxsMax must be at most 65535');
  // Each entry makes at most three events (default, acceleration, filing); a block's events are
  // numbered in 16 bits beside those of its txs.
  if ((out['caseEventsPerBlockMax'] ?? 0) > 10_000) fail('params.caseEventsPerBlockMax must be at most 10000');
  return out as unknown as ChainParams;
}

export function parseGenesis(raw: unknown): Genesis {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail('document must be a JSON object');
  const doc = raw as Record<string, unknown>;
  onlyKeys(doc, TOP_KEYS, '');
  const chainId = str(doc['chainId'], 'chainId', /^[A-Za-z0-9._-]+$/);
  if (utf8(chainId).length > CHAIN_ID_BYTES_MAX) fail(`chainId is longer than ${CHAIN_ID_BYTES_MAX} bytes`);
  const genesisTimeMs = parseGenesisTime(doc['genesisTimeMs']);
  if (!Array.isArray(doc['validators']) || doc['validators'].length === 0) fail('validators must be a non-empty array');
  const validators = parseValidators(doc['validators'] as unknown[]);
  if (!Array.isArray(doc['categories']) || doc['categories'].length === 0) fail('categories must be a non-empty array');
  const categories = (doc['categories'] as unknown[]).map((c, i) => str(c, `categories[${i}]`, CATEGORY_RE));
  const members = optionalArray(doc['members'], 'members').map((m, i) => parseMember(m, i, categories));
  checkUnique(validators, members);
  if (new Set(categories).size !== categories.length) fail('categories contain a duplicate');
  return { chainId, genesisTimeMs, validators, members, categories, params: parseParams(doc['params']) };
}

function parseGenesisTime(value: unknown): number {
  const ms = positiveInt(value, 'genesisTimeMs');
  if (ms < GENESIS_TIME_MS_MIN || ms >= GENESIS_TIME_MS_MAX) {
    // Dates end at 8.64e15 ms; past that there is no calendar time to show.
    const shown = ms <= 8.64e15 ? ` (${new Date(ms).toISOString()})` : '';
    fail(`genesisTimeMs ${ms}${shown} is outside [${new Date(GENESIS_TIME_MS_MIN).toISOString()}, `
      + `${new Date(GENESIS_TIME_MS_MAX).toISOString()}); it is milliseconds since the Unix epoch`, 'GENESIS_TIME_OUT_OF_RANGE');
  }
  return ms;
}

function parseValidators(raw: readonly unknown[]): GenesisValidator[] {
  let total = 0;
  return raw.map((v, i) => {
    const entry = obj(v, `validators[${i}]`, VALIDATOR_KEYS);
    const power = positiveInt(entry['power'], `validators[${i}].power`);
    if (power > VALIDATOR_POWER_MAX) {
      fail(`validators[${i}].power ${power} exceeds ${VALIDATOR_POWER_MAX} (2^32), the most one validator may hold`, 'GENESIS_POWER_TOO_LARGE');
    }
    total += power;
    if (total > GENESIS_TOTAL_POWER_MAX) {
      fail(`validators: total power exceeds ${GENESIS_TOTAL_POWER_MAX} (2^36) at validators[${i}]`, 'GENESIS_POWER_TOO_LARGE');
    }
    return {
      name: str(entry['name'], `validators[${i}].name`, NAME_RE),
      publicKey: key(entry['publicKey'], `validators[${i}].publicKey`),
      power,
    };
  });
}

function parseMember(raw: unknown, i: number, categories: readonly string[]): GenesisMember {
  const entry = obj(raw, `members[${i}]`, MEMBER_KEYS);
  const role = str(entry['role'], `members[${i}].role`);
  if (!(ROLES as readonly string[]).includes(role)) fail(`members[${i}].role "${role}" is not one of ${ROLES.join(', ')}`);
  // An empty list means every category, so a misspelt list must fail rather than read as empty.
  const allowed = optionalArray(entry['categories'], `members[${i}].categories`);
  return {
    name: str(entry['name'], `members[${i}].name`, NAME_RE),
    organisation: str(entry['organisation'] ?? entry['name'], `members[${i}].organisation`),
    role: role as Role,
    publicKey: key(entry['publicKey'], `members[${i}].publicKey`),
    categories: allowed.map((c, j) => {
      const name = str(c, `members[${i}].categories[${j}]`);
      if (!categories.includes(name)) fail(`members[${i}].categories[${j}] "${name}" is not a genesis category`);
      return name;
    }),
  };
}

/**
 * Validators and members share one name index and one key index in state (members.ts): a second
 * entry with a name or key would silently replace the first there.
 */
function checkUnique(validators: readonly GenesisValidator[], members: readonly GenesisMember[]): void {
  const entries = [
    ...validators.map((v, i) => ({ at: `validators[${i}]`, name: v.name, publicKey: v.publicKey })),
    ...members.map((m, i) => ({ at: `members[${i}]`, name: m.name, publicKey: m.publicKey })),
  ];
  const names = new Map<string, string>();
  const keys = new Map<string, string>();
  for (const { at, name, publicKey } of entries) {
    const nameFirst = names.get(name);
    if (nameFirst !== undefined) fail(`${at}.name "${name}" is already the name of ${nameFirst}`, 'GENESIS_DUPLICATE_NAME');
    names.set(name, at);
    const keyFirst = keys.get(publicKey);
    if (keyFirst !== undefined) {
      fail(`public key ${publicKey} appears twice: ${at}.publicKey repeats ${keyFirst}.publicKey`, 'GENESIS_DUPLICATE_KEY');
    }
    keys.set(publicKey, at);
  }
}

/** Hash of the genesis as written: nodes compare it to refuse peers of another genesis. */
export function genesisHash(genesisFileBytes: Uint8Array): Hash32 {
  return sha256(genesisFileBytes);
}
