// HttpBankAdapter's reading of answers that no well-behaved gateway gives: anything it cannot take
// for a result of the key it asked about is an unknown outcome, never a guess.
import { describe, expect, it } from 'vitest';
import { BankRefusal, BankUnavailable, BankUnknownOutcome, HttpBankAdapter } from '../../src/payouts/bank-adapter.js';
import { transferBody } from './fixtures.js';

function adapterAnswering(status: number, body: string, seen: Request[] = []): HttpBankAdapter {
  const fakeFetch = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    seen.push(new Request(input, init));
    return Promise.resolve(new Response(body, { status, headers: { 'content-type': 'application/json' } }));
  };
  return new HttpBankAdapter({ baseUrl: 'http://bank.invalid/', fetch: fakeFetch as typeof fetch });
}

const result = { key: 'k1', status: 'settled', bankRef: 'R1', valueDate: '2024-01-02' };

describe('HttpBankAdapter', () => {
  it('sends the key as Idempotency-Key and the request as JSON, and takes a well-formed result', async () => {
    const seen: Request[] = [];
    expect(await adapterAnswering(200, JSON.stringify(result), seen).transfer('k1', transferBody())).toEqual(result);
    expect(seen[0]!.url).toBe('http://bank.invalid/transfers');
    expect(seen[0]!.headers.get('idempotency-key')).toBe('k1');
    expect(await seen[0]!.json()).toEqual(transferBody());
  });

  it('takes a 2xx that is not a result of this key for an unknown outcome', async () => {
    for (const body of ['', 'not json', JSON.stringify({ ...result, key: 'k2' }), JSON.stringify({ ...result, status: 'pending' }),
      JSON.stringify({ ...result, valueDate: 'today' })]) {
      await expect(adapterAnswering(200, body).transfer('k1', transferBody())).rejects.toBeInstanceOf(BankUnknownOutcome);
      await expect(adapterAnswering(200, body).status('k1')).rejects.toBeInstanceOf(BankUnavailable);
    }
  });

  it('a 5xx is an unknown outcome, a 4xx a refusal, and only TRANSFER_UNKNOWN means no transfer', async () => {
    await expect(adapterAnswering(502, '').transfer('k1', transferBody())).rejects.toBeInstanceOf(BankUnknownOutcome);
    await expect(adapterAnswering(400, JSON.stringify({ code: 'BODY_INVALID' })).transfer('k1', transferBody()))
      .rejects.toMatchObject({ code: 'BODY_INVALID', httpStatus: 400 });
    await expect(adapterAnswering(404, JSON.stringify({ code: 'TRANSFER_UNKNOWN' })).status('k1')).resolves.toBeUndefined();
    // A 404 from something that is not the gateway (a proxy, a wrong base URL) says nothing about the key.
    await expect(adapterAnswering(404, '<html>').status('k1')).rejects.toBeInstanceOf(BankRefusal);
    await expect(adapterAnswering(200, JSON.stringify({ entries: [{ endToEndId: 'e' }] })).statement('2024-01-02'))
      .rejects.toBeInstanceOf(BankUnavailable);
  });
});
