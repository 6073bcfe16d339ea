// The account store: details found by the commitment the terms hold, encrypted at rest under a key
// file of mode 0600, refused when the key is wrong, the file altered, or the stored details no longer
// give the commitment they are filed under.
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountCommitment } from '../../src/codec/payout-ids.js';
import { AccountStore, AccountStoreError, readAccountKey, writeAccountKey } from '../../src/payouts/account-store.js';
import { Outbox } from '../../src/payouts/outbox.js';
import { toHex } from '../../src/types/index.js';

let dir: string;
let keyFile: string;
let file: string;
const account = { bank: 'Bank of Hangzhou', name: '王芳', number: '6217000012345678' };

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tianping-accounts-'));
  keyFile = join(dir, 'accounts.key');
  file = join(dir, 'accounts.bin');
  writeAccountKey(keyFile);
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Opens the box with the key as the format says (magic, 12-byte nonce, 16-byte tag, ciphertext, magic as AAD). */
function rewriteBox(edit: (plain: Record<string, unknown>) => void): void {
  const key = readAccountKey(keyFile);
  const box = readFileSync(file);
  const magic = Buffer.from('tianping-accounts/v1\n');
  const nonce = box.subarray(magic.length, magic.length + 12);
  const decipher = createDecipheriv('aes-256-gcm', key, nonce).setAAD(magic).setAuthTag(box.subarray(magic.length + 12, magic.length + 28));
  const plain = JSON.parse(Buffer.concat([decipher.update(box.subarray(magic.length + 28)), decipher.final()]).toString('utf8')) as Record<string, unknown>;
  edit(plain);
  const cipher = createCipheriv('aes-256-gcm', key, nonce).setAAD(magic);
  const body = Buffer.concat([cipher.update(JSON.stringify(plain)), cipher.final()]);
  writeFileSync(file, Buffer.concat([magic, nonce, cipher.getAuthTag(), body]));
}

describe('account store', () => {
  it('gives the details back by commitment, from a file that holds none of them in clear', async () => {
    const store = AccountStore.open(file, keyFile);
    const commitment = store.add(account);
    const salt = (await store.lookup(commitment));
    expect(salt.ok && accountCommitment(salt.account.salt, account)).toEqual(commitment);
    const bytes = readFileSync(file);
    expect(bytes.includes(Buffer.from(account.number))).toBe(false);
    expect(bytes.includes(Buffer.from(account.name))).toBe(false);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const reopened = AccountStore.open(file, keyFile);
    expect(await reopened.lookup(toHex(commitment))).toEqual({ ok: true, account: { ...account, salt: salt.ok ? salt.account.salt : undefined } });
  });

  it('sees accounts another process added since it opened', async () => {
    const dispatcherView = AccountStore.open(file, keyFile);
    const commitment = AccountStore.open(file, keyFile).add(account);
    expect((await dispatcherView.lookup(commitment)).ok).toBe(true);
  });

  it('a fresh salt per add: the same details give another commitment', () => {
    const store = AccountStore.open(file, keyFile);
    expect(toHex(store.add(account))).not.toBe(toHex(store.add(account)));
  });

  it('an unknown commitment, or details that no longer give their commitment, are refused with the reason', async () => {
    const store = AccountStore.open(file, keyFile);
    const commitment = toHex(store.add(account));
    expect(await store.lookup('00'.repeat(32))).toEqual({ ok: false, reason: `no account in the store for commitment ${'00'.repeat(32)}` });
    rewriteBox((plain) => {
      const accounts = plain['accounts'] as Record<string, Record<string, string>>;
      accounts[commitment]!['number'] = '6217000099999999';
    });
    const answer = await AccountStore.open(file, keyFile).lookup(commitment);
    expect(answer.ok).toBe(false);
    expect(!answer.ok && answer.reason).toMatch(new RegExp(`^the stored details of ${commitment} give commitment [0-9a-f]{64}$`));
  });

  it('refuses a wrong key, an altered file, a key file others may read, and a short key', () => {
    AccountStore.open(file, keyFile).add(account);
    const otherKey = join(dir, 'other.key');
    writeAccountKey(otherKey);
    expect(() => AccountStore.open(file, otherKey)).toThrow(/does not open with this key/);
    const box = readFileSync(file);
    box[box.length - 1]! ^= 1;
    writeFileSync(file, box);
    expect(() => AccountStore.open(file, keyFile)).toThrow(AccountStoreError);
    chmodSync(keyFile, 0o644);
    expect(() => readAccountKey(keyFile)).toThrow(/readable by others/);
    writeFileSync(join(dir, 'short.key'), 'abcd\n', { mode: 0o600 });
    expect(() => readAccountKey(join(dir, 'short.key'))).toThrow(/32 bytes of hex/);
    expect(() => writeAccountKey(keyFile)).toThrow(/EEXIST/);
  });

  it('refuses empty fields and short salts', () => {
    const store = AccountStore.open(file, keyFile);
    expect(() => store.add({ ...account, number: ' ' })).toThrow(/number/);
    expect(() => store.add(account, new Uint8Array(8))).toThrow(/at least 16 bytes/);
  });
});

describe('outbox', () => {
  it('keeps entries across a reopen and lists the unfinished ones', async () => {
    const outboxDir = join(dir, 'outbox');
    const first = await Outbox.open(outboxDir);
    const base = { caseNo: 'C', attempts: 0, takeover: false, updatedAtMs: 1,
      payload: { amountFen: 1, currency: 'CNY', accountCommitment: 'aa', fromAccount: 'f', remittance: 'r', eventSeq: 0 } };
    await first.put({ ...base, id: 'a1', step: 'claiming' });
    await first.put({ ...base, id: 'b2', step: 'reported' });
    await first.put({ ...base, id: 'c3', step: 'calling', attempts: 2 });
    await first.delete('a1');
    await first.close();
    const second = await Outbox.open(outboxDir);
    expect((await second.unfinished()).map((e) => [e.id, e.step, e.attempts])).toEqual([['c3', 'calling', 2]]);
    expect((await second.get('b2'))?.step).toBe('reported');
    expect(await second.get('a1')).toBeUndefined();
    await expect(second.put({ ...base, id: 'd4', step: 'paid' as 'calling' })).rejects.toThrow(/unknown outbox step/);
    await second.close();
  });
});
