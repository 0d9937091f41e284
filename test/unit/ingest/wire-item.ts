import type { WireItem } from '../../../src/domain/wire-item.ts';

/** A WireItem with sensible defaults, for the normalize/route/dedupe unit tests. */
export function wireItem(overrides: Partial<WireItem> = {}): WireItem {
  return {
    guid: 'unit-1',
    version: 1,
    pubstatus: 'usable',
    signal: 'new',
    embargo: null,
    headline: 'Nagpur ferry service resumes after dredging',
    byline: null,
    dateline: null,
    teaser: null,
    bodyHtml:
      '<p>Nagpur, Nov 29 The river ferry between the two ghats resumed on Sunday after a month of dredging.</p><p>Boat owners said the channel was now deep enough for the larger boats.</p>',
    subjects: [],
    keywords: [],
    language: null,
    place: null,
    firstCreated: new Date('2026-11-29T04:00:00Z'),
    versionCreated: new Date('2026-11-29T04:00:00Z'),
    link: null,
    media: [],
    priority: null,
    raw: '<item/>',
    ...overrides,
  };
}
