// Webhook signatures as the dispatcher checks them (docs/payouts.md §6): the current or previous
// secret, a timestamp within 300 s, the exact body.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook } from '../../src/gateway/webhook-signature.js';

const body = JSON.stringify({ key: 'ab'.repeat(32), status: 'settled', bankRef: 'GW20240102-0000000001', valueDate: '2024-01-02' });
const now = 1_704_153_600;

describe('signWebhook', () => {
  it('writes t=<unix s>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>', () => {
    const expected = createHmac('sha256', 'current').update(`${now}.${body}`).digest('hex');
    expect(signWebhook('current', now, body)).toBe(`t=${now},v1=${expected}`);
    expect(signWebhook('current', now, new TextEncoder().encode(body))).toBe(`t=${now},v1=${expected}`);
  });
});

describe('verifyWebhook', () => {
  it('accepts a good signature with the current secret', () => {
    expect(verifyWebhook(['current', 'previous'], signWebhook('current', now, body), body, now + 10))
      .toEqual({ ok: true, timestampS: now, secretIndex: 0 });
  });

  it('accepts the previous secret during a rotation, and only secrets it is given', () => {
    const header = signWebhook('previous', now, body);
    expect(verifyWebhook(['current', 'previous'], header, body, now)).toEqual({ ok: true, timestampS: now, secretIndex: 1 });
    expect(verifyWebhook(['current'], header, body, now)).toEqual({ ok: false, reason: 'signature' });
  });

  it('refuses a bad signature, another body, and a header that does not parse', () => {
    const header = signWebhook('current', now, body);
    const flipped = header.slice(0, -1) + (header.endsWith('0') ? '1' : '0');
    expect(verifyWebhook(['current'], flipped, body, now)).toEqual({ ok: false, reason: 'signature' });
    expect(verifyWebhook(['current'], header, body.replace('settled', 'failed'), now)).toEqual({ ok: false, reason: 'signature' });
    expect(verifyWebhook(['wrong'], header, body, now)).toEqual({ ok: false, reason: 'signature' });
    // The signature of another timestamp does not carry over to this one.
    expect(verifyWebhook(['current'], header.replace(`t=${now}`, `t=${now + 1}`), body, now)).toEqual({ ok: false, reason: 'signature' });
    for (const bad of [undefined, '', `t=${now}`, `v1=${'0'.repeat(64)}`, `t=x,v1=${'0'.repeat(64)}`, `t=${now},v1=abc`,
      `t=${now},t=${now},v1=${'0'.repeat(64)}`]) {
      expect(verifyWebhook(['current'], bad, body, now)).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  it('refuses a timestamp older (or further ahead) than 300 s, and takes the tolerance given', () => {
    const header = signWebhook('current', now, body);
    expect(verifyWebhook(['current'], header, body, now + 300).ok).toBe(true);
    expect(verifyWebhook(['current'], header, body, now + 301)).toEqual({ ok: false, reason: 'stale' });
    expect(verifyWebhook(['current'], header, body, now - 301)).toEqual({ ok: false, reason: 'stale' });
    expect(verifyWebhook(['current'], header, body, now + 60, 30)).toEqual({ ok: false, reason: 'stale' });
  });

  it('finds the v1 signature among other schemes', () => {
    const header = signWebhook('current', now, body).replace(',v1=', `,v0=${'f'.repeat(64)},v1=`);
    expect(verifyWebhook(['current'], header, body, now).ok).toBe(true);
  });
});
