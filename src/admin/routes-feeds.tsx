import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Feed } from '../store/index.ts';
import { type AdminDeps, audit, pageContext, redirectDone, sendView } from './context.ts';
import { type FeedFormValues, type FieldErrors, parseFeedForm } from './feed-form.ts';
import { FeedStats, NO_ACTIVITY } from './feed-stats.ts';
import { FeedDetail, type FeedFormProps, FeedsDashboard, NewFeedView } from './views/feeds.tsx';

/** The feeds dashboard, and adding, changing, pausing and deleting feeds (admins only). */
export function feedRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const { db } = deps.runtime.store;
  const { config } = deps.runtime;
  const stats = new FeedStats(db, config.timeZone);
  const sections = config.sections.map((section) => section.slug);
  const agencies = async () => (await db.selectFrom('agencies').select('id').orderBy('id').execute()).map((row) => row.id);
  const feedOf = async (request: FastifyRequest) => stats.feed((request.params as { feed: string }).feed);

  const formProps = async (
    csrf: string,
    feed: Feed | null,
    values: Partial<Record<string, string>>,
    errors: FieldErrors,
  ): Promise<FeedFormProps> => {
    return {
      csrf,
      action: feed === null ? '/admin/feeds' : `/admin/feeds/${feed.id}`,
      values,
      errors,
      isNew: feed === null,
      hasCredentials: feed !== null && feed.credentials !== null,
      agencies: await agencies(),
      sections,
    };
  };

  app.get('/', { config: { access: 'viewer' } }, async (request, reply) => {
    const feeds = await stats.feeds();
    const activity = await stats.activity(new Date());
    return sendView(
      reply,
      <FeedsDashboard page={pageContext(deps, request, reply, 'feeds')} feeds={feeds} activity={activity} empty={NO_ACTIVITY} />,
    );
  });

  app.get('/feeds/new', { config: { access: 'admin' } }, async (request, reply) => {
    const page = pageContext(deps, request, reply, 'feeds');
    const defaults = {
      transport: 'http',
      format: 'auto',
      interval_seconds: '60',
      mode: 'auto',
      zone: config.timeZone,
      default_section: sections[0] ?? '',
    };
    return sendView(reply, <NewFeedView page={page} form={await formProps(page.csrf, null, defaults, {})} />);
  });

  app.post('/feeds', { config: { access: 'admin' } }, async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    const parsed = parseFeedForm(body, { agencies: await agencies(), sections, existing: null });
    const taken = 'values' in parsed && (await stats.feed(parsed.values.id)) !== undefined;
    if ('errors' in parsed || taken) {
      const errors = 'errors' in parsed ? parsed.errors : { id: 'a feed with this id already exists' };
      const page = pageContext(deps, request, reply, 'feeds', 'The feed was not added: see the fields marked below.');
      return sendView(reply.code(400), <NewFeedView page={page} form={await formProps(page.csrf, null, echo(body), errors)} />);
    }
    const now = new Date().toISOString();
    const { credentials, ...values } = parsed.values;
    await db
      .insertInto('feeds')
      .values({ ...values, credentials: credentials ?? null, created_at: now, updated_at: now })
      .execute();
    await audit(deps, request, { action: 'feed.add', target: `feed:${values.id}`, detail: described(parsed.values) });
    return redirectDone(reply, `/admin/feeds/${values.id}`, 'feed-saved');
  });

  app.get('/feeds/:feed', { config: { access: 'viewer' } }, async (request, reply) => {
    const feed = await feedOf(request);
    if (feed === undefined) return reply.code(404).type('text/plain; charset=utf-8').send('No such feed.');
    const page = pageContext(deps, request, reply, 'feeds');
    const activity = (await stats.activity(new Date(), feed.id)).get(feed.id) ?? NO_ACTIVITY;
    return sendView(
      reply,
      <FeedDetail page={page} feed={feed} activity={activity} form={await formProps(page.csrf, feed, formValuesOf(feed), {})} />,
    );
  });

  app.post('/feeds/:feed', { config: { access: 'admin' } }, async (request, reply) => {
    const feed = await feedOf(request);
    if (feed === undefined) return reply.code(404).type('text/plain; charset=utf-8').send('No such feed.');
    const body = request.body as Record<string, unknown>;
    const parsed = parseFeedForm(body, { agencies: await agencies(), sections, existing: feed });
    if ('errors' in parsed) {
      const page = pageContext(deps, request, reply, 'feeds', 'The feed was not saved: see the fields marked below.');
      const activity = (await stats.activity(new Date(), feed.id)).get(feed.id) ?? NO_ACTIVITY;
      const form = await formProps(page.csrf, feed, echo(body), parsed.errors);
      return sendView(reply.code(400), <FeedDetail page={page} feed={feed} activity={activity} form={form} />);
    }
    const { id: _id, credentials, ...values } = parsed.values;
    await db
      .updateTable('feeds')
      .set({ ...values, ...(credentials === undefined ? {} : { credentials }), updated_at: new Date().toISOString() })
      .where('id', '=', feed.id)
      .execute();
    await audit(deps, request, { action: 'feed.edit', target: `feed:${feed.id}`, detail: described(parsed.values) });
    return redirectDone(reply, `/admin/feeds/${feed.id}`, 'feed-saved');
  });

  for (const [action, paused] of [
    ['pause', 1],
    ['resume', 0],
  ] as const) {
    app.post(`/feeds/:feed/${action}`, { config: { access: 'admin' } }, async (request, reply) => {
      const feed = await feedOf(request);
      if (feed === undefined) return reply.code(404).type('text/plain; charset=utf-8').send('No such feed.');
      // Resuming makes the feed due at once rather than waiting out a backoff from before the pause.
      await db
        .updateTable('feeds')
        .set({ paused, updated_at: new Date().toISOString(), ...(paused === 0 ? { next_poll_at: null } : {}) })
        .where('id', '=', feed.id)
        .execute();
      await audit(deps, request, { action: `feed.${action}`, target: `feed:${feed.id}` });
      return redirectDone(reply, `/admin/feeds/${feed.id}`, paused ? 'feed-paused' : 'feed-resumed');
    });
  }

  app.post('/feeds/:feed/delete', { config: { access: 'admin' } }, async (request, reply) => {
    const feed = await feedOf(request);
    if (feed === undefined) return reply.code(404).type('text/plain; charset=utf-8').send('No such feed.');
    if ((request.body as { confirm?: unknown }).confirm !== 'on') {
      return reply.code(400).type('text/plain; charset=utf-8').send('Tick the box to confirm the deletion.');
    }
    await db.deleteFrom('feeds').where('id', '=', feed.id).execute();
    await audit(deps, request, { action: 'feed.delete', target: `feed:${feed.id}`, detail: { location: feed.location } });
    return redirectDone(reply, '/admin', 'feed-deleted');
  });
}

function formValuesOf(feed: Feed): Partial<Record<string, string>> {
  return {
    agency_id: feed.agency_id,
    transport: feed.transport,
    location: feed.location,
    format: feed.format,
    interval_seconds: String(feed.interval_seconds),
    mode: feed.mode,
    default_section: feed.default_section,
    language: feed.language ?? '',
    zone: feed.zone,
    status_map: feed.status_map ?? '',
    allow_private: feed.allow_private === 1 ? 'on' : '',
  };
}

/** What was submitted, shown back after an error; never the credentials. */
function echo(body: Record<string, unknown>): Partial<Record<string, string>> {
  const values: Partial<Record<string, string>> = {};
  for (const [key, value] of Object.entries(body))
    if (key !== 'credentials' && key !== '_csrf' && typeof value === 'string') values[key] = value;
  return values;
}

/** The change for the audit log: every setting, but of the credentials only whether they changed. */
function described(values: FeedFormValues): Record<string, unknown> {
  const { credentials, ...rest } = values;
  return { ...rest, credentials: credentials === undefined ? 'kept' : credentials === null ? 'removed' : 'replaced' };
}
