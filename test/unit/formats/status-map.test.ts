import { describe, expect, it } from 'vitest';
import { DEFAULT_STATUS_MAP, headlineStatusWords, mergeStatusMap, resolveStatus } from '../../../src/domain/status-map.ts';

describe('resolveStatus', () => {
  it('is new and usable without status words', () => {
    expect(resolveStatus([], DEFAULT_STATUS_MAP)).toEqual({ signal: 'new', pubstatus: 'usable' });
  });
  it('reads IPTC qcodes case-insensitively', () => {
    expect(resolveStatus(['stat:usable', 'SIG:Correction'], DEFAULT_STATUS_MAP)).toEqual({ signal: 'correction', pubstatus: 'usable' });
    expect(resolveStatus(['stat:withheld'], DEFAULT_STATUS_MAP)).toEqual({ signal: 'new', pubstatus: 'withheld' });
  });
  it('treats a cancellation as a kill and a kill as a cancellation', () => {
    expect(resolveStatus(['stat:canceled'], DEFAULT_STATUS_MAP)).toEqual({ signal: 'kill', pubstatus: 'canceled' });
    expect(resolveStatus(['withdrawn'], DEFAULT_STATUS_MAP)).toEqual({ signal: 'kill', pubstatus: 'canceled' });
    expect(resolveStatus(['cancelled'], DEFAULT_STATUS_MAP)).toEqual({ signal: 'kill', pubstatus: 'canceled' });
  });
  it('lets the strongest word win so an update cannot mask a kill', () => {
    expect(resolveStatus(['kill', 'update'], DEFAULT_STATUS_MAP).signal).toBe('kill');
    expect(resolveStatus(['update', 'corrected'], DEFAULT_STATUS_MAP).signal).toBe('correction');
  });
  it('ignores words it does not know', () => {
    expect(resolveStatus(['sig:mystery', 'embargoed'], DEFAULT_STATUS_MAP)).toEqual({ signal: 'new', pubstatus: 'usable' });
  });
});

describe('mergeStatusMap', () => {
  it("overlays the feed's own words on the defaults", () => {
    const map = mergeStatusMap({ 'Sig:Dpa-Kill': { signal: 'kill' }, update: { signal: 'correction' } });
    expect(resolveStatus(['sig:dpa-kill'], map).signal).toBe('kill');
    expect(resolveStatus(['update'], map).signal).toBe('correction');
    expect(resolveStatus(['stat:withheld'], map).pubstatus).toBe('withheld');
    expect(DEFAULT_STATUS_MAP.update).toEqual({ signal: 'update' });
  });
});

describe('headlineStatusWords', () => {
  it.each([
    ['KILL: Mayor resigns', ['kill']],
    ['MANDATORY KILL - Court story', ['mandatory kill']],
    ['WITHDRAWN: Story about rates', ['withdrawn']],
    ['CORRECTED: Lake clean-up', ['corrected']],
    ['CORRECTION-Lake clean-up', ['correction']],
    ['UPDATE 2-Monsoon rains ease', ['update']],
    ['REFILE-UPDATE 1-Rains', ['refile', 'update']],
    ['Update your phone now, says agency', []],
    ['Killer whales spotted off Goa', []],
    ['Rains ease in Kerala', []],
  ])('%j -> %j', (headline, words) => {
    expect(headlineStatusWords(headline)).toEqual(words);
  });
});
