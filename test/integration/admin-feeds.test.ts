import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleClient, signedIn } from '../support/admin-client.ts';
import { addWireFeed, ingestInto, rssOf, storyByGuid } from '../support/admin-wire.ts';
import { createTestSite, storeDialects, type TestSite } from '../support/runtime.ts';

const SECRET = 'tok-4f1c9e0b7d2a-never-shown';
const body = (text: string) => `<p>Pune, Nov 29 ${text}</p><p>More fictional copy follows here.</p>`;

describe.each(storeDialects())('admin console: feeds, rejected items, routing rules (%s)', (dialect) => {
  let site: TestSite;
  let admin: ConsoleClient;
  let server: Server;
  let feedUrl: string;

  beforeAll(async () => {
    site = await createTestSite({}, dialect);
    admin = await signedIn(site.app, site.runtime, 'admin');
    server = createServer((_request, response) => {
      response.setHeader('content-type', 'application/rss+xml; charset=utf-8');
      response.end(
        rssOf([
          {
            guid: 'loop-1',
            title: 'Metro line trial run completed',
            body: body('The trial run ended on time.'),
            categories: ['Technology'],
          },
          { guid: 'loop-2', title: '', body: body('An item without a headline.') },
        ]),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wire.xml`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await site.close();
  });

  it('adds a feed, keeps credentials write-only, and says which field is wrong', async () => {
    await addWireFeed(site.runtime, 'seed-wire');
    await admin.get('/admin/feeds/new');
    const bad = await admin.post('/admin/feeds', {
      id: 'Bad Id',
      agency_id: 'tpa',
      transport: 'http',
      location: 'ftp://x',
      format: 'rss',
      interval_seconds: '60',
      mode: 'auto',
      default_section: 'national',
      zone: 'Asia/Kolkata',
      language: 'en',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('a lowercase id');

    await admin.get('/admin/feeds/new');
    const added = await admin.post('/admin/feeds', {
      id: 'loop-wire',
      agency_id: 'tpa',
      transport: 'http',
      location: feedUrl,
      format: 'auto',
      interval_seconds: '300',
      mode: 'auto',
      default_section: 'national',
      language: 'en',
      zone: 'Asia/Kolkata',
      status_map: '',
      credentials: JSON.stringify({ token: SECRET }),
      allow_private: 'on',
    });
    expect(added.statusCode).toBe(303);
    expect(added.headers.location).toBe('/admin/feeds/loop-wire?done=feed-saved');
    const stored = await site.runtime.store.db.selectFrom('feeds').selectAll().where('id', '=', 'loop-wire').executeTakeFirstOrThrow();
    expect(JSON.parse(stored.credentials ?? '{}')).toEqual({ token: SECRET });

    const detail = await admin.get('/admin/feeds/loop-wire');
    expect(detail.body).toContain('stored; leave empty to keep them');
    expect(detail.body).not.toContain(SECRET);
    // Saving without touching the credentials keeps them.
    const loopWireForm = {
      agency_id: 'tpa',
      transport: 'http',
      location: feedUrl,
      format: 'auto',
      interval_seconds: '120',
      mode: 'auto',
      default_section: 'national',
      language: 'en',
      zone: 'Asia/Kolkata',
    };
    await admin.post('/admin/feeds/loop-wire', { ...loopWireForm, status_map: '', credentials: '', allow_private: 'on' });
    const kept = await site.runtime.store.db.selectFrom('feeds').selectAll().where('id', '=', 'loop-wire').executeTakeFirstOrThrow();
    expect(kept.interval_seconds).toBe(120);
    expect(kept.credentials).toBe(stored.credentials);

    await admin.get('/admin/feeds/loop-wire');
    const wrongCredentials = await admin.post('/admin/feeds/loop-wire', { ...loopWireForm, credentials: '{"tokn": "oops-secret-value"}' });
    expect(wrongCredentials.statusCode).toBe(400);
    expect(wrongCredentials.body).not.toContain('oops-secret-value');

    const audit = (await admin.get('/admin/audit')).body;
    expect(audit).toContain('feed.add');
    expect(audit).not.toContain(SECRET);
  });

  it('test-fetches a feed without storing anything, with per-item rejections', async () => {
    await admin.get('/admin/feeds/loop-wire');
    const result = await admin.post('/admin/feeds/loop-wire/test-fetch');
    expect(result.statusCode).toBe(200);
    expect(result.body).toContain('Metro line trial run completed');
    expect(result.body).toContain('section technology');
    expect(result.body).toContain('loop-2: no headline');
    const stories = await site.runtime.store.db.selectFrom('stories').select('id').where('feed_id', '=', 'loop-wire').execute();
    expect(stories).toEqual([]);
  });

  it('shows every feed with its status and hourly charts, and pauses, resumes and deletes', async () => {
    const feed = await site.runtime.store.db.selectFrom('feeds').selectAll().where('id', '=', 'seed-wire').executeTakeFirstOrThrow();
    await ingestInto(site.runtime, feed, [
      { guid: 'seed-1', title: 'Rain expected over the ghats', body: body('Forecasters expect rain.') },
      {
        guid: 'seed-2',
        title: 'Bus depot opens in the east',
        body: '<p>Kolkata, Nov 29 The transport corporation opened a depot for ninety electric buses.</p>',
      },
    ]);
    await site.runtime.store.db
      .updateTable('feeds')
      .set({ consecutive_failures: 4, last_error: 'connect ECONNREFUSED', last_error_at: new Date().toISOString() })
      .where('id', '=', 'loop-wire')
      .execute();
    const viewer = await signedIn(site.app, site.runtime, 'viewer');
    const dashboard = (await viewer.get('/admin')).body;
    const row = (id: string) => dashboard.slice(dashboard.indexOf(`href="/admin/feeds/${id}"`)).split('</tr>')[0] ?? '';
    expect(row('seed-wire')).toContain('status-healthy');
    expect(row('seed-wire')).toMatch(/<td>2<\/td>/);
    expect(row('seed-wire')).toContain('Items stored from seed-wire: 2 in the last 7 days');
    expect(row('seed-wire').match(/<rect /g)?.length).toBeGreaterThan(0);
    expect(row('loop-wire')).toContain('status-failing');
    expect(row('loop-wire')).toContain('connect ECONNREFUSED');
    expect(dashboard).not.toContain('Add a feed');

    await admin.get('/admin/feeds/seed-wire');
    await admin.post('/admin/feeds/seed-wire/pause');
    expect((await viewer.get('/admin')).body).toContain('status-paused');
    await admin.get('/admin/feeds/seed-wire');
    await admin.post('/admin/feeds/seed-wire/resume');
    expect(
      (await site.runtime.store.db.selectFrom('feeds').select('paused').where('id', '=', 'seed-wire').executeTakeFirstOrThrow()).paused,
    ).toBe(0);

    await admin.get('/admin/feeds/loop-wire');
    expect((await admin.post('/admin/feeds/loop-wire/delete')).statusCode).toBe(400);
    expect((await admin.post('/admin/feeds/loop-wire/delete', { confirm: 'on' })).statusCode).toBe(303);
    expect(await site.runtime.store.db.selectFrom('feeds').select('id').where('id', '=', 'loop-wire').executeTakeFirst()).toBeUndefined();
  });

  it('lists rejected items with the raw item, and retries one once the cause is fixed', async () => {
    const { db } = site.runtime.store;
    // The feed is set to the wrong format: the whole payload is rejected and kept.
    await db.updateTable('feeds').set({ format: 'ninjs' }).where('id', '=', 'seed-wire').execute();
    const misconfigured = await db.selectFrom('feeds').selectAll().where('id', '=', 'seed-wire').executeTakeFirstOrThrow();
    await ingestInto(site.runtime, misconfigured, [
      {
        guid: 'seed-fix',
        title: 'Water supply restored in the old city',
        body: '<p>Indore, Nov 29 Supply was restored after the main was repaired.</p>',
      },
    ]);
    const row = await db
      .selectFrom('rejected_items')
      .selectAll()
      .where('feed_id', '=', 'seed-wire')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const list = await admin.get('/admin/rejected?feed=seed-wire');
    expect(list.body).toContain(row.reason);
    const raw = await admin.get(`/admin/rejected/${row.id}`);
    expect(raw.body).toContain('Water supply restored in the old city');

    await db.updateTable('feeds').set({ format: 'auto' }).where('id', '=', 'seed-wire').execute();
    const retried = await admin.post(`/admin/rejected/${row.id}/retry`);
    expect(retried.statusCode).toBe(303);
    expect((await storyByGuid(site.runtime, 'seed-fix')).status).toBe('published');
    expect(
      (await db.selectFrom('rejected_items').select('retried_at').where('id', '=', row.id).executeTakeFirstOrThrow()).retried_at,
    ).not.toBeNull();
  });

  it('previews a routing rule against stored stories, saves it, applies it to new items, and re-applies it to old ones', async () => {
    const feed = await site.runtime.store.db.selectFrom('feeds').selectAll().where('id', '=', 'seed-wire').executeTakeFirstOrThrow();
    await ingestInto(site.runtime, feed, [
      {
        guid: 'rule-1',
        title: 'Robotics lab opens in Pune',
        body: '<p>Pune, Nov 29 A university opened a robotics laboratory with twelve benches.</p>',
        categories: ['robotics'],
      },
      {
        guid: 'rule-2',
        title: 'Robotics contest for schools',
        body: '<p>Nagpur, Nov 29 Forty schools entered machines they built over the monsoon term.</p>',
        categories: ['Robotics'],
      },
    ]);
    const editor = await signedIn(site.app, site.runtime, 'editor');
    await editor.get('/admin/rules');
    const rule = {
      name: 'Robotics to Technology',
      position: '10',
      enabled: 'on',
      subjects: 'robotics',
      section: 'technology',
      tags: 'Machines',
    };
    const preview = await editor.post('/admin/rules', { ...rule, intent: 'preview' });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('2 stories would move to Technology');
    expect(await site.runtime.store.db.selectFrom('routing_rules').select('id').execute()).toEqual([]);

    const vague = await editor.post('/admin/rules', { name: 'Everything', enabled: 'on', section: 'technology', intent: 'save' });
    expect(vague.statusCode).toBe(400);
    expect(vague.body).toContain('Say when the rule applies');

    expect((await editor.post('/admin/rules', { ...rule, intent: 'save' })).statusCode).toBe(303);
    await ingestInto(site.runtime, feed, [
      {
        guid: 'rule-3',
        title: 'Robotics firm hires',
        body: '<p>Chennai, Nov 29 A warehouse automation company plans to hire two hundred engineers.</p>',
        categories: ['robotics'],
      },
    ]);
    const fresh = await storyByGuid(site.runtime, 'rule-3');
    expect(fresh.section).toBe('technology');
    const tags = await site.runtime.store.db.selectFrom('story_tags').select('tag').where('story_id', '=', fresh.id).execute();
    expect(tags.map((tag) => tag.tag)).toContain('machines');

    expect((await storyByGuid(site.runtime, 'rule-1')).section).toBe('national');
    await editor.get('/admin/rules');
    expect((await editor.post('/admin/rules/reapply')).statusCode).toBe(303);
    expect((await storyByGuid(site.runtime, 'rule-1')).section).toBe('technology');
    expect((await storyByGuid(site.runtime, 'rule-2')).section).toBe('technology');
    expect((await storyByGuid(site.runtime, 'seed-1')).section).toBe('national');
  });
});
