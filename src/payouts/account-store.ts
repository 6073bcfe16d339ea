// The executor's account store (docs/payouts.md §2): the payees' bank details, keyed by the
// commitment the court put in the terms, encrypted at rest. The chain holds only the commitment;
// the details are personal data, so the file on disk is one AES-256-GCM box under a 32-byte key
// kept in its own file of mode 0600. Every write is a new box with a fresh nonce, written to a
// temporary file, fsynced and renamed over the old one, so a crash leaves the old store or the new.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, closeSync, fsyncSync, openSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { ACCOUNT_SALT_BYTES_MIN, accountCommitment, type BankAccount } from '../codec/payout-ids.js';
import { concatBytes, equalBytes, fromHex, toHex, utf8 } from '../types/index.js';

/** The account JSON the commitment covers (codec/payout-ids.ts). */
export type PayeeAccount = BankAccount;

export interface StoredAccount extends PayeeAccount {
  readonly salt: Uint8Array;
}

export type AccountLookup =
  | { readonly ok: true; readonly account: StoredAccount }
  | { readonly ok: false; readonly reason: string };

/** What the dispatcher needs of the store: the details of one commitment, checked. */
export interface AccountSource {
  lookup(commitment: Uint8Array | string): Promise<AccountLookup>;
}

export const ACCOUNT_KEY_BYTES = 32;
export { ACCOUNT_SALT_BYTES_MIN };
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
// The file's first bytes; also the GCM associated data, so a box of another format never opens as this one.
const MAGIC = utf8('tianping-accounts/v1\n');
const FIELD_CHARS_MAX = 256;

export class AccountStoreError extends Error {
  override name = 'AccountStoreError';
}

/** Writes a new random key (hex, one line) to a file that must not exist yet, mode 0600. */
export function writeAccountKey(file: string): void {
  const fd = openSync(file, 'wx', 0o600);
  try {
    writeSync(fd, toHex(randomBytes(ACCOUNT_KEY_BYTES)) + '\n');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  chmodSync(file, 0o600);
}

/** The key: refused when group or others may read the file, or when it is not 32 bytes of hex. */
export function readAccountKey(file: string): Uint8Array {
  let text: string;
  try {
    const mode = statSync(file).mode & 0o777;
    if ((mode & 0o077) !== 0) throw new AccountStoreError(`account key file ${file} is readable by others (mode ${mode.toString(8)}): chmod 600 it`);
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof AccountStoreError) throw error;
    throw new AccountStoreError(`cannot read account key file ${file}: ${(error as Error).message}`);
  }
  const key = fromHex(text.trim().toLowerCase());
  if (key?.length !== ACCOUNT_KEY_BYTES) throw new AccountStoreError(`account key file ${file} must hold ${ACCOUNT_KEY_BYTES} bytes of hex`);
  return key;
}

function checkAccount(account: PayeeAccount): void {
  for (const field of ['bank', 'name', 'number'] as const) {
    const value = account[field];
    if (typeof value !== 'string' || value.trim() === '' || value.length > FIELD_CHARS_MAX) {
      throw new AccountStoreError(`the account's ${field} must be 1..${FIELD_CHARS_MAX} characters`);
    }
  }
}

type Entries = Map<string, StoredAccount>;

export class AccountStore implements AccountSource {
  #entries: Entries = new Map();
  // The file is read again when it changed (another process added an account): size and mtime.
  #seen = '';

  private constructor(readonly file: string, readonly key: Uint8Array) {
    if (key.length !== ACCOUNT_KEY_BYTES) throw new AccountStoreError(`the account key must be ${ACCOUNT_KEY_BYTES} bytes`);
  }

  /** Opens the store; a file that does not exist yet is an empty store. */
  static open(file: string, keyFile: string): AccountStore {
    const store = new AccountStore(file, readAccountKey(keyFile));
    store.#reload();
    return store;
  }

  /** Adds (or replaces) a payee's details with a fresh salt; returns the commitment for the terms. */
  add(account: PayeeAccount, salt: Uint8Array = randomBytes(ACCOUNT_SALT_BYTES_MIN)): Uint8Array {
    checkAccount(account);
    if (salt.length < ACCOUNT_SALT_BYTES_MIN) throw new AccountStoreError(`the salt must be at least ${ACCOUNT_SALT_BYTES_MIN} bytes`);
    this.#reload();
    const commitment = accountCommitment(salt, account);
    const next = new Map(this.#entries);
    next.set(toHex(commitment), { bank: account.bank, name: account.name, number: account.number, salt: Uint8Array.from(salt) });
    this.#write(next);
    this.#entries = next;
    return commitment;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The details whose commitment is `commitment`, recomputed: a stored entry that no longer matches is refused. */
  lookup(commitment: Uint8Array | string): Promise<AccountLookup> {
    return Promise.resolve(this.lookupNow(commitment));
  }

  lookupNow(commitment: Uint8Array | string): AccountLookup {
    const hex = typeof commitment === 'string' ? commitment.toLowerCase() : toHex(commitment);
    if (hex === '') return { ok: false, reason: 'the order has no account commitment' };
    this.#reload();
    const account = this.#entries.get(hex);
    if (account === undefined) return { ok: false, reason: `no account in the store for commitment ${hex}` };
    const recomputed = accountCommitment(account.salt, account);
    if (!equalBytes(recomputed, fromHex(hex) ?? new Uint8Array())) {
      return { ok: false, reason: `the stored details of ${hex} give commitment ${toHex(recomputed)}` };
    }
    return { ok: true, account };
  }

  #reload(): void {
    let stamp: string;
    try {
      const stat = statSync(this.file);
      stamp = `${stat.size}:${stat.mtimeMs}:${stat.ino}`;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        this.#entries = new Map();
        this.#seen = '';
        return;
      }
      throw new AccountStoreError(`cannot read account store ${this.file}: ${(error as Error).message}`);
    }
    if (stamp === this.#seen) return;
    this.#entries = decodeEntries(openBox(this.key, readFileSync(this.file), this.file), this.file);
    this.#seen = stamp;
  }

  #write(entries: Entries): void {
    const box = sealBox(this.key, utf8(encodeEntries(entries)));
    const temporary = join(dirname(this.file), `.${basename(this.file)}.${process.pid}.tmp`);
    const fd = openSync(temporary, 'w', 0o600);
    try {
      writeSync(fd, box);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, this.file);
    // The rename is durable only once the folder's entry is.
    const dir = openSync(dirname(this.file), 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
    const stat = statSync(this.file);
    this.#seen = `${stat.size}:${stat.mtimeMs}:${stat.ino}`;
  }
}

function sealBox(key: Uint8Array, plaintext: Uint8Array): Uint8Array {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(MAGIC);
  const body = concatBytes(cipher.update(plaintext), cipher.final());
  return concatBytes(MAGIC, nonce, cipher.getAuthTag(), body);
}

function openBox(key: Uint8Array, box: Uint8Array, file: string): string {
  const head = box.subarray(0, MAGIC.length);
  if (box.length < MAGIC.length + NONCE_BYTES + TAG_BYTES || !equalBytes(head, MAGIC)) {
    throw new AccountStoreError(`account store ${file} is not a tianping account store`);
  }
  const nonce = box.subarray(MAGIC.length, MAGIC.length + NONCE_BYTES);
  const tag = box.subarray(MAGIC.length + NONCE_BYTES, MAGIC.length + NONCE_BYTES + TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAAD(MAGIC);
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(box.subarray(MAGIC.length + NONCE_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw new AccountStoreError(`account store ${file} does not open with this key (wrong key, or the file was altered)`);
  }
}

function encodeEntries(entries: Entries): string {
  const accounts: Record<string, { bank: string; name: string; number: string; salt: string }> = {};
  for (const [hex, a] of [...entries].sort(([x], [y]) => (x < y ? -1 : 1))) {
    accounts[hex] = { bank: a.bank, name: a.name, number: a.number, salt: toHex(a.salt) };
  }
  return JSON.stringify({ version: 1, accounts });
}

function decodeEntries(text: string, file: string): Entries {
  const bad = (): never => {
    throw new AccountStoreError(`account store ${file} holds no valid account list`);
  };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return bad();
  }
  const { version, accounts } = (doc ?? {}) as { version?: unknown; accounts?: unknown };
  if (version !== 1 || typeof accounts !== 'object' || accounts === null || Array.isArray(accounts)) bad();
  const entries: Entries = new Map();
  for (const [hex, value] of Object.entries(accounts as Record<string, unknown>)) {
    const { bank, name, number, salt } = (value ?? {}) as Record<string, unknown>;
    const saltBytes = typeof salt === 'string' ? fromHex(salt) : undefined;
    if (typeof bank !== 'string' || typeof name !== 'string' || typeof number !== 'string' || saltBytes === undefined) bad();
    entries.set(hex, { bank: bank as string, name: name as string, number: number as string, salt: saltBytes! });
  }
  return entries;
}
