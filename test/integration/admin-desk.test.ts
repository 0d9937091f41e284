import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storyPath } from '../../src/domain/slug.ts';
import { type ConsoleClient, signedIn } from '../support/admin-client.ts';
import { addWireFeed, ingestInto, storyByGuid } from '../support/admin-wire.ts';
import { createTestSite, storeDialects, type TestSite } from '../support/runtime.ts';

const body = (place: string, text: string) => `<p>${place}, Nov 29 ${text}</p><p>The second paragraph of fictional copy adds detail.</p>`;

describe.each(storeDialects())('admin console: kills and the review queue (%s)', (dialect) => {
  let site: TestSite;
  let editor: ConsoleClient;

  beforeAll(async () => {
    site = await createTestSite({}, dialect);
    editor = await signedIn(site.app, site.runtime, 'editor');
  });
  afterAll(async () => site.close());

  it('kills a story with a reason: its page answers 410 at once; restore brings it back', async () => {
    const feed = await addWireFeed(site.runtime, 'auto-wire');
    await ingestInto(site.runtime, feed, [
      {
        guid: 'tpa-kill-1',
        title: 'Ferry timetable changes on the harbour line',
        body: body('Kochi', 'Ferries will run every twenty minutes.'),
      },
    ]);
    const story = await storyByGuid(site.runtime, 'tpa-kill-1');
    const url = storyPath(story);
    expect((await site.app.inject({ url })).statusCode).toBe(200);

    const found = await editor.get(`/admin/stories?q=${encodeURIComponent(`https://news.example${url}`)}`);
    expect(found.body).toContain('Ferry timetable changes on the harbour line');
    expect((await editor.post(`/admin/stories/${story.id}/kill`, { reason: '' })).statusCode).toBe(400);
    const killed = await editor.post(`/admin/stories/${story.id}/kill`, { reason: 'legal request from the agency' });
    expect(killed.statusCode).toBe(303);
    expect((await site.app.inject({ url })).statusCode).toBe(410);
    expect((await storyByGuid(site.runtime, 'tpa-kill-1')).kill_reason).toBe('legal request from the agency');

    await editor.get('/admin/stories');
    expect((await editor.post(`/admin/stories/${story.id}/restore`)).statusCode).toBe(303);
    expect((await site.app.inject({ url })).statusCode).toBe(200);

    const admin = await signedIn(site.app, site.runtime, 'admin');
    const audit = (await admin.get('/admin/audit')).body;
    expect(audit).toContain('story.kill');
    expect(audit).toContain('story.restore');
    expect(audit).toContain(editor.email);
  });

  it('sends a published story as breaking news once, and says so on the stories page', async () => {
    const feed = await addWireFeed(site.runtime, 'breaking-wire');
    await ingestInto(site.runtime, feed, [
      {
        guid: 'tpa-brk-1',
        title: 'Flyover closed after crack found in girder',
        body: body('Pune', 'Traffic was sent through the old road.'),
      },
    ]);
    const story = await storyByGuid(site.runtime, 'tpa-brk-1');
    const before = await editor.get(`/admin/stories?q=${story.id}`);
    expect(before.body).toContain(`action="/admin/stories/${story.id}/breaking"`);

    const sent = await editor.post(`/admin/stories/${story.id}/breaking`);
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe(`/admin/stories?q=${story.id}&done=breaking-sent`);
    const alert = await site.runtime.store.db
      .selectFrom('breaking_alerts')
      .selectAll()
      .where('story_id', '=', story.id)
      .executeTakeFirstOrThrow();
    expect(alert.marked_by).toBe(`console:${editor.email}`);

    const again = await editor.post(`/admin/stories/${story.id}/breaking`);
    expect(again.headers.location).toBe(`/admin/stories?q=${story.id}&done=breaking-already-sent`);
    const after = await editor.get(`/admin/stories?q=${story.id}&done=breaking-sent`);
    expect(after.body).toContain('Breaking-news alert sent');
    expect(after.body).toContain(`Alert sent ${alert.sent_at}`);
    expect(after.body).not.toContain(`action="/admin/stories/${story.id}/breaking"`);

    const admin = await signedIn(site.app, site.runtime, 'admin');
    expect((await admin.get('/admin/audit')).body).toContain('story.breaking');
  });

  it('holds stories from review feeds until an editor publishes or discards them, text untouched', async () => {
    const feed = await addWireFeed(site.runtime, 'review-wire', 'review');
    await ingestInto(site.runtime, feed, [
      { guid: 'tpa-rev-1', title: 'Tea auction prices rise in Guwahati', body: body('Guwahati', 'Prices rose for a third week.') },
      { guid: 'tpa-rev-2', title: 'Library extends opening hours in Nagpur', body: body('Nagpur', 'The library will stay open late.') },
    ]);
    const first = await storyByGuid(site.runtime, 'tpa-rev-1');
    const second = await storyByGuid(site.runtime, 'tpa-rev-2');
    expect(first.status).toBe('held');
    expect((await site.app.inject({ url: storyPath(first) })).statusCode).toBe(404);

    const queue = await editor.get('/admin/review');
    expect(queue.body).toContain('Tea auction prices rise in Guwahati');
    expect(queue.body).toContain('Prices rose for a third week.');
    expect(queue.body).not.toMatch(/<textarea|name="headline"|name="body"/);

    expect((await editor.post(`/admin/review/${first.id}/publish`)).headers.location).toBe('/admin/review?done=published');
    expect((await site.app.inject({ url: storyPath(first) })).statusCode).toBe(200);
    await editor.get('/admin/review');
    await editor.post(`/admin/review/${second.id}/discard`);
    expect((await storyByGuid(site.runtime, 'tpa-rev-2')).status).toBe('killed');
    const after = await editor.get('/admin/review');
    expect(after.body).not.toContain('Tea auction prices rise in Guwahati');
    expect(after.body).not.toContain('Library extends opening hours');
    // Publishing is only for held stories: a second click changes nothing.
    expect((await editor.post(`/admin/review/${first.id}/publish`)).headers.location).toBe('/admin/review?done=not-changed');
  });

  it('shows hostile feed content inert: no script, handler or javascript: link reaches a console page', async () => {
    const feed = await addWireFeed(site.runtime, 'hostile-wire', 'review');
    await ingestInto(site.runtime, feed, [
      {
        guid: 'tpa-hostile-1',
        title: 'Markup <b>in</b> a headline <img src=x onerror=alert(1)> <script>alert(2)</script>',
        body: '<p>Pune, Nov 29 Text with <script>alert(3)</script><a href="javascript:alert(4)">a link</a> and <img src="x" onerror="alert(5)"> more.</p><p onclick="alert(6)">Second paragraph.</p>',
        categories: ['<script>alert(7)</script>'],
      },
      { guid: 'tpa-hostile-2', title: '<script>alert(8)</script>', body: '<script>alert(9)</script>' },
    ]);
    const admin = await signedIn(site.app, site.runtime, 'admin');
    const rejected = await site.runtime.store.db.selectFrom('rejected_items').select('id').where('feed_id', '=', 'hostile-wire').execute();
    expect(rejected.length).toBeGreaterThan(0);
    const pages = [
      await editor.get('/admin/review'),
      await editor.get('/admin/stories'),
      await admin.get('/admin/rejected'),
      ...(await Promise.all(rejected.map((row) => admin.get(`/admin/rejected/${row.id}`)))),
      await admin.get('/admin/audit'),
    ];
    for (const page of pages) {
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toMatch(/<script|\son[a-z]+\s*=|javascript:/i);
      expect(page.headers['content-security-policy']).toContain("script-src 'none'");
    }
    const raw = pages
      .filter((page) => page.body.includes('Raw item as received'))
      .map((page) => page.body)
      .join('\n');
    // The raw item is there to read, as text.
    expect(raw).toContain('&lt;script>alert(9)&lt;/script>');
  });
});
