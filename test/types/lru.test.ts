import { describe, expect, it } from 'vitest';
import { LruCache } from '../../src/types/index.js';

describe('LruCache', () => {
  it('evicts the least recently used entry when the entry bound is reached', () => {
    const cache = new LruCache<string, number>(2, 1_000);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now the most recent
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    expect(cache.size).toBe(2);
  });

  it('evicts by weight, replaces a key in place, and refuses what alone outweighs the cache', () => {
    const cache = new LruCache<number, string>(100, 10);
    cache.set(1, 'x', 4);
    cache.set(2, 'y', 4);
    cache.set(3, 'z', 4); // 12 > 10: the oldest (1) goes
    expect(cache.get(1)).toBeUndefined();
    expect(cache.weight).toBe(8);
    cache.set(2, 'y2', 1);
    expect(cache.get(2)).toBe('y2');
    expect(cache.weight).toBe(5);
    cache.set(4, 'huge', 11);
    expect(cache.get(4)).toBeUndefined();
    expect(cache.weight).toBe(5);
    cache.clear();
    expect(cache.size).toBe(0);
    expect(cache.weight).toBe(0);
  });

  it('refuses impossible bounds', () => {
    expect(() => new LruCache(0, 10)).toThrow();
    expect(() => new LruCache(10, 0)).toThrow();
  });
});
