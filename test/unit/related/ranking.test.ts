import { describe, expect, it } from 'vitest';
import type { StoryFeatures } from '../../../src/related/features.ts';
import { chooseLists, DEFAULT_RANKING, MINUTES_PER_DAY, scorePair } from '../../../src/related/ranking.ts';

function story(id: number, overrides: Partial<StoryFeatures> = {}): StoryFeatures {
  return {
    storyId: id,
    section: 'national',
    at: 1000 * MINUTES_PER_DAY,
    simhash: null,
    vector: new Map([[`t${id}`, 1]]),
    pending: [],
    entities: [],
    headlineTerms: [],
    ...overrides,
  };
}

const topic = (weights: Record<string, number>): Map<string, number> => {
  const norm = Math.hypot(...Object.values(weights));
  return new Map(Object.entries(weights).map(([term, weight]) => [term, weight / norm]));
};

describe('scorePair', () => {
  it('blends the components and halves the score every 14 days apart', () => {
    const a = story(1, { vector: topic({ flood: 1, river: 1 }), entities: ['tirrapur'], headlineTerms: ['flood'] });
    const sameDay = scorePair(
      a,
      story(2, { vector: topic({ flood: 1, river: 1 }), entities: ['tirrapur'], headlineTerms: ['flood'] }),
      DEFAULT_RANKING,
    );
    expect(sameDay.terms).toBeCloseTo(1, 6);
    expect(sameDay.score).toBeCloseTo(1, 6);
    const later = scorePair(
      a,
      story(3, { at: a.at + 14 * MINUTES_PER_DAY, vector: a.vector, entities: a.entities, headlineTerms: a.headlineTerms }),
      DEFAULT_RANKING,
    );
    expect(later.recency).toBeCloseTo(0.5, 6);
    expect(later.score).toBeCloseTo(0.5, 6);
  });
});

describe('chooseLists', () => {
  const base = story(1, { vector: topic({ flood: 2, river: 1, rain: 1 }), simhash: '0000000000000000' });
  const ranked = (features: StoryFeatures) => ({ features, parts: scorePair(base, features, DEFAULT_RANKING) });

  it('drops copies of the story, keeps one of each near-identical pair, and splits by section', () => {
    const copy = story(2, { vector: base.vector, simhash: '0000000000000001' });
    const sibling = story(3, { vector: topic({ flood: 2, river: 1, camp: 1 }), simhash: 'ffffffff00000000' });
    const siblingCopy = story(4, { vector: topic({ flood: 2, river: 1, camp: 1 }), simhash: 'ffffffff00000003' });
    const abroad = story(5, { section: 'international', vector: topic({ flood: 1, rain: 1, dam: 1 }), simhash: '00000000ffffffff' });
    const unrelated = story(6, { vector: topic({ cricket: 1 }), simhash: 'f0f0f0f0f0f0f0f0' });
    const choice = chooseLists(base, [copy, sibling, siblingCopy, abroad, unrelated].map(ranked), DEFAULT_RANKING);
    expect(choice.sameSection.map((c) => c.features.storyId)).toEqual([3]);
    expect(choice.across.map((c) => c.features.storyId)).toEqual([5]);
    expect(choice.verdicts.get(2)).toBe('near-duplicate');
    expect(choice.verdicts.get(4)).toBe('same-cluster');
    expect(choice.verdicts.get(6)).toBe('below-minimum');
  });

  it('keeps other sections out of the section list and the section out of the other list, each capped at the count', () => {
    const many = Array.from({ length: 12 }, (_, i) =>
      story(10 + i, { section: i % 2 === 0 ? 'national' : 'city', vector: topic({ flood: 2, river: 1, [`x${i}`]: 1 }) }),
    );
    const choice = chooseLists(base, many.map(ranked), DEFAULT_RANKING);
    const same = choice.sameSection.map((c) => c.features.storyId);
    const across = choice.across.map((c) => c.features.storyId);
    expect(same).toHaveLength(5);
    expect(across).toHaveLength(5);
    expect(choice.sameSection.every((c) => c.features.section === 'national')).toBe(true);
    expect(choice.across.every((c) => c.features.section === 'city')).toBe(true);
    expect(choice.verdicts.get(20)).toBe('not-shown');
  });
});
