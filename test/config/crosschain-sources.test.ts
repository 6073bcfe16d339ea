import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { parseSources } from '../../src/node/crosschain-two-hop.js';

function load(list: readonly string[]): ReturnType<typeof loadConfig> {
  return loadConfig({ env: { TIANPING_CROSSCHAIN_SOURCES: list.join(',') }, flags: {} });
}

describe('config crosschain.sources', () => {
  it('takes "<name> <URL>" items, empty by default', () => {
    expect(load(['lender-side https://side.example:8080/']).crosschain.sources).toEqual(['lender-side https://side.example:8080/']);
    expect(loadConfig({ env: {}, flags: {} }).crosschain.sources).toEqual([]);
    expect(parseSources(['lender-side https://side.example:8080/'])).toEqual(new Map([['lender-side', 'https://side.example:8080']]));
  });

  it('refuses an item of another shape, a URL that does not parse and a name listed twice, naming the item', () => {
    expect(() => load(['https://side.example'])).toThrow(/crosschain\.sources\[0\].*must be "<registered name> <http\(s\) URL>"/);
    expect(() => load(['-bad https://side.example'])).toThrow(/crosschain\.sources\[0\]/);
    expect(() => load(['side http://[::1'])).toThrow(/crosschain\.sources\[0\].*is not a URL/);
    expect(() => load(['side http://a:1', 'side http://b:2'])).toThrow(/crosschain\.sources\[1\].*listed twice/);
  });
});
