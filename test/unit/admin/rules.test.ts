import { describe, expect, it } from 'vitest';
import { applyRules, type RouteFacts, type RoutingRule, ruleMatches } from '../../../src/ingest/rules.ts';

const facts: RouteFacts = {
  feedId: 'meridian-rss',
  agencyId: 'meridian',
  subjects: ['medtop:13000000', 'meridian:section/science'],
  keywords: ['Semiconductors', 'Pune'],
  headline: 'Chip plant near Pune opens its second line',
  place: 'Pune',
};

function rule(overrides: Partial<RoutingRule>): RoutingRule {
  return {
    id: 1,
    name: 'test',
    position: 1,
    enabled: true,
    feedId: null,
    agencyId: null,
    subjects: [],
    keywords: [],
    place: null,
    section: null,
    city: null,
    tags: [],
    ...overrides,
  };
}

const base = { section: 'national', city: 'pune', tags: ['semiconductors'] };

describe('routing rules', () => {
  it('matches on every condition it names', () => {
    expect(ruleMatches(rule({ agencyId: 'meridian', subjects: ['science'] }), facts)).toBe(true);
    expect(ruleMatches(rule({ subjects: ['MEDTOP:13000000'] }), facts)).toBe(true);
    expect(ruleMatches(rule({ agencyId: 'other' }), facts)).toBe(false);
    expect(ruleMatches(rule({ feedId: 'meridian-rss', subjects: ['sport'] }), facts)).toBe(false);
    expect(ruleMatches(rule({ place: 'pune' }), facts)).toBe(true);
    expect(ruleMatches(rule({ place: 'Mumbai' }), facts)).toBe(false);
    expect(ruleMatches(rule({ subjects: ['science'], enabled: false }), facts)).toBe(false);
  });

  it('matches keywords against agency keywords and whole headline words only', () => {
    expect(ruleMatches(rule({ keywords: ['semiconductors'] }), facts)).toBe(true);
    expect(ruleMatches(rule({ keywords: ['second line'] }), facts)).toBe(true);
    expect(ruleMatches(rule({ keywords: ['plan'] }), facts)).toBe(false);
    expect(ruleMatches(rule({ keywords: ['chip (plant'] }), facts)).toBe(false);
  });

  it('lets the first matching rule set the section and city, and every matching rule add tags', () => {
    const rules = [
      rule({ id: 2, position: 2, subjects: ['science'], section: 'international', tags: ['Science desk'] }),
      rule({ id: 1, position: 1, keywords: ['chip'], section: 'technology', city: 'Pimpri Chinchwad', tags: ['Chips'] }),
      rule({ id: 3, position: 3, agencyId: 'other', section: 'city' }),
    ];
    expect(applyRules(base, facts, rules)).toEqual({
      section: 'technology',
      city: 'pimpri-chinchwad',
      tags: ['semiconductors', 'chips', 'science-desk'],
    });
  });

  it('keeps the default route when no rule matches', () => {
    expect(applyRules(base, facts, [rule({ agencyId: 'other', section: 'city' })])).toEqual(base);
  });
});
