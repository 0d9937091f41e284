import { describe, expect, it } from 'vitest';
import { compareVersions, decide, type HeldStory, type IncomingVersion } from '../../../src/domain/lifecycle.ts';

const now = new Date('2026-11-29T10:00:00Z');

function incoming(overrides: Partial<IncomingVersion> = {}): IncomingVersion {
  return {
    version: 1,
    versionCreated: new Date('2026-11-29T09:00:00Z'),
    contentHash: 'c1',
    textHash: 't1',
    headline: 'Metro opens',
    signal: 'new',
    pubstatus: 'usable',
    embargo: null,
    ...overrides,
  };
}

function held(overrides: Partial<HeldStory> = {}): HeldStory {
  return {
    status: 'published',
    knownContentHashes: new Set(['c1']),
    current: { version: 1, versionCreated: new Date('2026-11-29T09:00:00Z'), textHash: 't1', headline: 'Metro opens' },
    ...overrides,
  };
}

describe('the agency lifecycle', () => {
  it('publishes a new usable story, or holds it for review', () => {
    expect(decide(null, incoming(), { now, review: false })).toEqual({ kind: 'create', status: 'published' });
    expect(decide(null, incoming(), { now, review: true })).toEqual({ kind: 'create', status: 'held' });
  });

  it('changes nothing for an identical re-send', () => {
    expect(decide(held(), incoming(), { now, review: false }).kind).toBe('ignore');
  });

  it('makes a newer version current and moves "Updated" only when the words changed', () => {
    expect(decide(held(), incoming({ version: 2, contentHash: 'c2', textHash: 't2' }), { now, review: false })).toEqual({
      kind: 'update',
      status: 'published',
      textChanged: true,
    });
    expect(decide(held(), incoming({ version: 2, contentHash: 'c2' }), { now, review: false })).toEqual({
      kind: 'update',
      status: 'published',
      textChanged: false,
    });
  });

  it('keeps an older version arriving late in history only', () => {
    const story = held({ current: { version: 3, versionCreated: now, textHash: 't3', headline: 'x' } });
    expect(decide(story, incoming({ version: 2, contentHash: 'c2' }), { now, review: false })).toEqual({ kind: 'history' });
  });

  it('kills on canceled or a kill signal, and keeps the tombstone against re-sends', () => {
    expect(decide(held(), incoming({ version: 2, contentHash: 'c2', pubstatus: 'canceled' }), { now, review: false })).toMatchObject({
      status: 'killed',
    });
    expect(decide(held(), incoming({ version: 2, contentHash: 'c2', signal: 'kill' }), { now, review: false })).toMatchObject({
      status: 'killed',
    });
    expect(decide(held({ status: 'killed' }), incoming({ version: 9, contentHash: 'c9' }), { now, review: false }).kind).toBe('ignore');
    expect(decide(null, incoming({ pubstatus: 'canceled' }), { now, review: false })).toEqual({ kind: 'create', status: 'killed' });
  });

  it('kills even when the kill carries an older version number than the current one', () => {
    const story = held({ current: { version: 5, versionCreated: now, textHash: 't5', headline: 'x' } });
    expect(decide(story, incoming({ version: 2, contentHash: 'k2', pubstatus: 'canceled' }), { now, review: false })).toMatchObject({
      kind: 'update',
      status: 'killed',
    });
  });

  it('withholds on withheld and republishes when a usable version follows', () => {
    const withheld = decide(held(), incoming({ version: 2, contentHash: 'c2', pubstatus: 'withheld' }), { now, review: false });
    expect(withheld).toMatchObject({ status: 'withheld' });
    const back = decide(held({ status: 'withheld' }), incoming({ version: 3, contentHash: 'c3' }), { now, review: false });
    expect(back).toMatchObject({ status: 'published' });
  });

  it('holds an embargoed story until its time', () => {
    expect(decide(null, incoming({ embargo: new Date('2026-11-29T12:00:00Z') }), { now, review: false })).toEqual({
      kind: 'create',
      status: 'embargoed',
    });
    expect(decide(null, incoming({ embargo: new Date('2026-11-29T08:00:00Z') }), { now, review: false })).toEqual({
      kind: 'create',
      status: 'published',
    });
  });

  it('orders versions by number, then by version-created time', () => {
    const early = new Date('2026-11-29T08:00:00Z');
    const late = new Date('2026-11-29T09:00:00Z');
    expect(compareVersions({ version: 2, versionCreated: early }, { version: 1, versionCreated: late })).toBeGreaterThan(0);
    expect(compareVersions({ version: null, versionCreated: late }, { version: null, versionCreated: early })).toBeGreaterThan(0);
    expect(compareVersions({ version: 1, versionCreated: early }, { version: 1, versionCreated: late })).toBeLessThan(0);
  });
});
