import { describe, expect, it } from 'vitest';
import { normalize } from '../../../src/ingest/normalize.ts';
import { routeItem } from '../../../src/ingest/route.ts';
import { wireItem } from './wire-item.ts';

const context = {
  sections: [
    { slug: 'national', name: 'National' },
    { slug: 'technology', name: 'Technology' },
    { slug: 'city', name: 'City' },
  ],
  defaultSection: 'national',
};

function route(overrides: Parameters<typeof wireItem>[0]) {
  return routeItem(normalize(wireItem(overrides), { feedLanguage: null }), context);
}

describe('route', () => {
  it("picks the section an agency category names, in any of the agency's spellings", () => {
    expect(route({ subjects: ['Technology'] }).section).toBe('technology');
    expect(route({ subjects: ['meridian:section/technology'] }).section).toBe('technology');
    expect(route({ keywords: ['city'] }).section).toBe('city');
  });

  it("falls back to the feed's default section", () => {
    expect(route({ subjects: ['Shipping'] }).section).toBe('national');
  });

  it('puts the story in the city of its dateline', () => {
    expect(route({}).city).toBe('nagpur');
    expect(route({ bodyHtml: '<p>The ferry resumed.</p>' }).city).toBeNull();
  });

  it('tags with the other categories, never the section names or bare codes, without repeats', () => {
    const { tags } = route({ subjects: ['Technology', 'Inland Waterways', 'medtop:20000123'], keywords: ['inland waterways', 'Ferries'] });
    expect(tags).toEqual(['inland-waterways', 'ferries']);
  });

  it('keeps at most twelve tags', () => {
    expect(route({ keywords: Array.from({ length: 20 }, (_, i) => `Topic ${String.fromCharCode(97 + i)}`) }).tags).toHaveLength(12);
  });
});
