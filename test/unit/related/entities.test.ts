import { describe, expect, it } from 'vitest';
import { capitalisedRuns, entitiesOf } from '../../../src/related/entities.ts';

describe('capitalisedRuns', () => {
  it('finds names, but not a capitalised word that only opens a sentence', () => {
    expect(capitalisedRuns('Officials said Kavya Raman visited the Bank of Tirra. Lake Tirra rose.')).toEqual([
      'Kavya Raman',
      'Bank Tirra',
      'Lake Tirra',
    ]);
  });
});

describe('entitiesOf', () => {
  it('puts the dateline place and keywords first and ignores the agency code', () => {
    const entities = entitiesOf({
      headline: 'Norvane picks Solvik for plant',
      body: 'SOLVIK, Nov 16 (KPA) — The chipmaker Norvane will build a plant, Teodor Lind said.',
      place: 'Solvik',
      keywords: ['Semiconductors'],
      language: 'en',
    });
    expect(entities.slice(0, 2)).toEqual(['solvik', 'semiconductors']);
    expect(entities).toContain('norvane');
    expect(entities).toContain('teodor lind');
    expect(entities).not.toContain('kpa');
  });
});
