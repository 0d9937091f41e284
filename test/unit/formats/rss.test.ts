import { describe, expect, it } from 'vitest';
import { parseRss } from '../../../src/ingest/formats/rss.ts';
import { context, fixture } from './helpers.ts';

describe('RSS 2.0', () => {
  const result = parseRss(fixture('rss2.xml'), context({ baseUrl: 'https://wire.example/rss' }));
  const [cart, rains, kill] = result.items;

  it('maps content:encoded, description, Dublin Core and dates', () => {
    expect(result.items).toHaveLength(3);
    expect(cart).toMatchObject({
      guid: 'demo-2025-0001',
      headline: 'Pune startup builds solar cart for vegetable sellers',
      byline: 'Asha Kulkarni',
      dateline: null,
      teaser: 'A three-person team has fitted a market cart with a folding solar roof & a small fridge.',
      link: 'https://wire.example/story/solar-cart',
      language: 'en-IN',
      subjects: ['Technology', 'Business'],
      keywords: ['solar', 'street vendors', 'startups'],
      signal: 'new',
      pubstatus: 'usable',
    });
    expect(cart?.bodyHtml).toBe(
      '<p>Pune, Nov 29 (Demo) A three-person team has fitted a market cart with a folding solar roof.</p><p>The cart keeps greens cool &amp; fresh until evening.</p>',
    );
    expect(cart?.versionCreated?.toISOString()).toBe('2025-11-29T03:45:00.000Z');
  });

  it('reads media:group contents with the group caption and credit, not the duplicate thumbnail', () => {
    expect(cart?.media).toEqual([
      {
        url: 'https://img.wire.example/cart-large.jpg',
        kind: 'image',
        mimeType: 'image/jpeg',
        width: 1600,
        height: 900,
        caption: 'The solar cart parked at a market in Kothrud.',
        credit: 'Demo Photo',
      },
      expect.objectContaining({ url: 'https://img.wire.example/cart-small.jpg', width: 640 }),
    ]);
  });

  it('uses an escaped-HTML description as the body, resolves relative links, reads enclosures and IST', () => {
    expect(rains?.bodyHtml).toBe('<p>Kochi, Nov 29 (Demo) Rains eased across the state on Saturday.</p>');
    expect(rains?.teaser).toBeNull();
    expect(rains?.link).toBe('https://wire.example/story/kerala-rains');
    expect(rains?.byline).toBe('desk@wire.example (Demo Desk)');
    expect(rains?.signal).toBe('update');
    expect(rains?.media).toEqual([
      expect.objectContaining({ url: 'https://img.wire.example/rain.mp4', kind: 'video', mimeType: 'video/mp4' }),
    ]);
    expect(rains?.firstCreated?.toISOString()).toBe('2025-11-29T04:32:00.000Z');
  });

  it('recognises a KILL headline as a kill', () => {
    expect(kill).toMatchObject({ guid: 'demo-2025-0003', signal: 'kill', pubstatus: 'canceled' });
  });

  it('rejects an item without a title and an item with a bad date, keeping the rest', () => {
    expect(result.rejected.map(({ ref, reason }) => ({ ref, reason }))).toEqual([
      { ref: 'demo-2025-0004', reason: 'no headline' },
      { ref: 'demo-2025-0005', reason: expect.stringMatching(/^bad date in firstCreated: .*"Someday soon"/) },
    ]);
  });

  it("keeps each item's own source text as raw", () => {
    expect(cart?.raw.startsWith('<item>')).toBe(true);
    expect(cart?.raw.endsWith('</item>')).toBe(true);
    expect(cart?.raw).toContain('<guid isPermaLink="false">demo-2025-0001</guid>');
    expect(kill?.raw).not.toContain('solar');
  });
});
