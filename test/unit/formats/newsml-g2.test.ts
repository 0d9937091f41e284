import { describe, expect, it } from 'vitest';
import { mergeStatusMap } from '../../../src/domain/status-map.ts';
import { parseNewsmlG2 } from '../../../src/ingest/formats/newsml-g2.ts';
import { context, fixture } from './helpers.ts';

describe('NewsML-G2 newsItem with NITF inline', () => {
  const { items, rejected, skipped } = parseNewsmlG2(fixture('newsml-g2-item.xml'), context());
  const item = items[0];

  it('maps itemMeta and contentMeta', () => {
    expect(rejected).toEqual([]);
    expect(skipped).toEqual([]);
    expect(item).toMatchObject({
      guid: 'urn:newsml:wire.example:20251129:bhopal-lakes',
      version: 4,
      signal: 'correction',
      pubstatus: 'usable',
      headline: 'Migratory birds return early to Bhopal lakes',
      byline: 'Sana Qureshi',
      dateline: 'Bhopal, Nov 29',
      teaser: 'Bird counters logged 60 species in one morning.',
      subjects: ['medtop:06000000', 'medtop:20000418'],
      keywords: ['lakes', 'birds'],
      language: 'en-IN',
      place: 'Bhopal',
      priority: 3,
    });
    expect(item?.embargo?.toISOString()).toBe('2025-11-29T07:30:00.000Z');
    expect(item?.firstCreated?.toISOString()).toBe('2025-11-29T02:30:00.000Z');
    expect(item?.versionCreated?.toISOString()).toBe('2025-11-29T05:50:00.000Z');
  });

  it('takes the NITF body.content markup exactly as written', () => {
    expect(item?.bodyHtml).toBe(
      '<p>Bhopal, Nov 29 (Demo) Bird counters logged 60 species in one morning.</p><p>Pintails arrived two weeks early.</p>',
    );
    expect(item?.raw.startsWith('<newsItem')).toBe(true);
  });
});

describe('NewsML-G2 newsMessage', () => {
  const { items, rejected, skipped } = parseNewsmlG2(fixture('newsml-g2-message.xml'), context({ zone: 'America/New_York' }));

  it('reads every newsItem of the itemSet: XHTML, inlineData text, and a bare cancellation as a kill', () => {
    expect(rejected).toEqual([]);
    expect(items.map((i) => [i.guid, i.signal, i.pubstatus])).toEqual([
      ['urn:demo:g2:xhtml', 'new', 'usable'],
      ['urn:demo:g2:plain', 'update', 'usable'],
      ['urn:demo:g2:killed', 'kill', 'canceled'],
    ]);
    expect(items[0]?.bodyHtml).toBe('<p>Kochi, Nov 29 (Demo) Two more boats joined the fleet.</p>');
    expect(items[0]?.byline).toBe('Demo Desk');
    expect(items[0]?.versionCreated?.toISOString()).toBe('2025-11-29T17:00:00.000Z');
    expect(items[1]?.bodyHtml).toBe('<p>Srinagar, Nov 29 (Demo) Thin ice formed overnight.</p>\n<p>Boatmen waited for the sun.</p>');
    expect(items[1]?.raw).toMatch(/^<newsItem guid="urn:demo:g2:plain"[\s\S]*<\/newsItem>$/);
  });

  it('skips pictures, packages, concepts, planning, knowledge and catalog items with reasons', () => {
    expect(skipped.map((s) => s.ref)).toEqual([
      'urn:demo:g2:photo',
      'urn:demo:g2:package',
      'urn:demo:g2:concept',
      'urn:demo:g2:planning',
      'urn:demo:g2:knowledge',
      'urn:demo:g2:catalog',
    ]);
    expect(skipped[0]?.reason).toBe('a ninat:picture item, not a text story');
    expect(skipped[1]?.reason).toMatch(/packageItem is a container/);
    expect(skipped[3]?.reason).toMatch(/planned coverage/);
  });
});

describe("NewsML-G2 with a feed's own status words", () => {
  it('passes a bare item through as a kill when the feed maps its signal to kill', () => {
    const xml = `<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:demo:g2:dk" version="5">
      <itemMeta><itemClass qcode="ninat:text"/><versionCreated>2025-11-29T12:00:00Z</versionCreated><signal qcode="sig:demo-remove"/></itemMeta>
    </newsItem>`;
    const bytes = new TextEncoder().encode(xml);
    const withMap = parseNewsmlG2(bytes, context({ statusMap: mergeStatusMap({ 'sig:demo-remove': { signal: 'kill' } }) }));
    expect(withMap.items).toEqual([expect.objectContaining({ guid: 'urn:demo:g2:dk', signal: 'kill', pubstatus: 'canceled' })]);
    const withoutMap = parseNewsmlG2(bytes, context());
    expect(withoutMap.items).toEqual([]);
    expect(withoutMap.skipped).toEqual([{ ref: 'urn:demo:g2:dk', reason: expect.stringMatching(/^no content/) }]);
  });
});
