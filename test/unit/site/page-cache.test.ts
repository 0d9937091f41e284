import { randomBytes } from 'node:crypto';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { chooseEncoding } from '../../../src/site/cache/http.ts';
import { keysForEvent } from '../../../src/site/cache/keys.ts';
import { bodyIn, PageCache, type PreparedPage, preparePage } from '../../../src/site/cache/page-cache.ts';

const page = (body: string, keys: string[]) =>
  preparePage({ status: 200, contentType: 'text/html', body, keys, lastModified: new Date('2026-11-29T10:00:00Z') });

describe('PageCache', () => {
  it('purges every page that carries any of the keys, and only those', () => {
    const cache = new PageCache(1_000_000, 60_000);
    cache.set('/a', page('a', ['story-1', 'home']), cache.ticket());
    cache.set('/b', page('b', ['story-2']), cache.ticket());
    cache.set('/c', page('c', ['story-1', 'story-3']), cache.ticket());
    expect(cache.purge(['story-1']).sort()).toEqual(['/a', '/c']);
    expect(cache.get('/a')).toBeUndefined();
    expect(cache.get('/b')?.keys).toEqual(['story-2']);
    expect(cache.size).toBe(1);
  });

  it('stays within its byte budget, dropping the least recently used page first', () => {
    const pages = [1, 2, 3, 4].map(() => page(randomBytes(1000).toString('base64'), []));
    const sizes = pages.map((candidate) => {
      const probe = new PageCache(1_000_000, 60_000);
      probe.set('/n', candidate, probe.ticket());
      return probe.bytes;
    });
    // Room for three pages, not four.
    const cache = new PageCache((sizes[0] ?? 0) + (sizes[1] ?? 0) + Math.max(sizes[2] ?? 0, sizes[3] ?? 0), 60_000);
    pages.slice(0, 3).forEach((candidate, index) => {
      cache.set(`/${index + 1}`, candidate, cache.ticket());
    });
    expect(cache.size).toBe(3);
    expect(cache.get('/1')).toBeDefined(); // now the most recently used
    cache.set('/4', pages[3] as PreparedPage, cache.ticket());
    expect(cache.get('/2')).toBeUndefined();
    expect(cache.get('/1')).toBeDefined();
    expect(cache.get('/4')).toBeDefined();
    expect(cache.bytes).toBeLessThanOrEqual((sizes[0] ?? 0) + (sizes[1] ?? 0) + Math.max(sizes[2] ?? 0, sizes[3] ?? 0));
  });

  it('keeps every encoding of a stored page and counts them all', () => {
    const cache = new PageCache(1_000_000, 60_000);
    const stored = page('<p>hello</p>'.repeat(200), []);
    cache.set('/x', stored, cache.ticket());
    expect(Object.keys(stored.bodies).sort()).toEqual(['br', 'gzip', 'identity']);
    expect(cache.bytes).toBe(Object.values(stored.bodies).reduce((sum, body) => sum + body.length, 0) + '/x'.length);
  });

  it('compresses a page served once for speed and a stored page for size, both to the same bytes', () => {
    // Words in a pseudo-random order, so that the compression levels differ in what they find.
    let seed = 7;
    const body = Array.from({ length: 3000 }, () => {
      seed = (seed * 48_271) % 2_147_483_647;
      return `word${seed % 900}`;
    }).join(' ');
    const once = page(body, []);
    const stored = page(body, []);
    new PageCache(1_000_000, 60_000).set('/stored', stored, 0);
    for (const encoding of ['gzip', 'br'] as const) {
      const decode = encoding === 'gzip' ? gunzipSync : brotliDecompressSync;
      const fast = bodyIn(once, encoding);
      const small = bodyIn(stored, encoding);
      expect(decode(fast).toString()).toBe(body);
      expect(decode(small).toString()).toBe(body);
      expect(small.length).toBeLessThan(fast.length);
    }
  });

  it('refuses a page whose render began before a purge, and pages past their age', () => {
    let now = 0;
    const cache = new PageCache(1_000_000, 1000, () => now);
    const ticket = cache.ticket();
    cache.purge(['story-9']);
    cache.set('/stale', page('old', ['story-9']), ticket);
    expect(cache.get('/stale')).toBeUndefined();
    cache.set('/fresh', page('new', []), cache.ticket());
    now = 999;
    expect(cache.get('/fresh')).toBeDefined();
    now = 1000;
    expect(cache.get('/fresh')).toBeUndefined();
  });

  it('stores nothing when disabled', () => {
    const cache = new PageCache(0, 1000);
    cache.set('/a', page('a', []), cache.ticket());
    expect(cache.get('/a')).toBeUndefined();
  });
});

describe('chooseEncoding', () => {
  it.each([
    [undefined, 'identity'],
    ['gzip, deflate, br', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0, gzip;q=0.8', 'gzip'],
    ['*', 'br'],
    ['identity', 'identity'],
    ['gzip;q=0', 'identity'],
  ] as const)('%s -> %s', (header, expected) => {
    expect(chooseEncoding(header)).toBe(expected);
  });
});

describe('keysForEvent', () => {
  it('names the story, every list it was or is on, feeds and sitemaps', () => {
    const keys = keysForEvent({ type: 'killed', storyId: 7, sections: ['technology'], cities: ['मुंबई'], tags: ['drones'], at: '' });
    expect(keys.sort()).toEqual(
      ['story-7', 'home', 'feeds', 'sitemaps', 'section-technology', `city-${encodeURIComponent('मुंबई')}`, 'cities', 'tag-drones'].sort(),
    );
    for (const key of keys) expect(key).toMatch(/^[\x21-\x7e]+$/);
  });
});
