import { describe, expect, it } from 'vitest';
import { slugify, storyIdFromSegment, storyPath } from '../../../src/domain/slug.ts';

describe('slugs', () => {
  it('lower-cases and joins words with hyphens, dropping punctuation', () => {
    expect(slugify("Pune's new metro line opens: 12 stations, 3 depots!")).toBe('punes-new-metro-line-opens-12-stations-3-depots');
  });

  it('keeps Devanagari letters and their vowel signs readable', () => {
    expect(slugify('पुणे में नई मेट्रो लाइन शुरू')).toBe('पुणे-में-नई-मेट्रो-लाइन-शुरू');
  });

  it('cuts long headlines at a word boundary', () => {
    const slug = slugify('word '.repeat(40));
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug.endsWith('-')).toBe(false);
    expect(slug.split('-').every((part) => part === 'word')).toBe(true);
  });

  it('never returns an empty slug', () => {
    expect(slugify('!!! ???')).toBe('story');
  });

  it('builds /<section>/<slug>-<id> and reads the id back', () => {
    const path = storyPath({ section: 'technology', slug: 'chip-plant-opens', id: 42 });
    expect(path).toBe('/technology/chip-plant-opens-42');
    expect(storyIdFromSegment('chip-plant-opens-42')).toBe(42);
    expect(storyIdFromSegment('42')).toBe(42);
    expect(storyIdFromSegment('pune')).toBeNull();
  });

  it('percent-encodes non-ASCII slugs in the path but keeps hyphens', () => {
    const path = storyPath({ section: 'national', slug: 'नई-मेट्रो', id: 7 });
    expect(decodeURIComponent(path)).toBe('/national/नई-मेट्रो-7');
    expect(path).not.toContain('%2D');
  });
});
