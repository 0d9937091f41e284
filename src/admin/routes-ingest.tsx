import type { FastifyInstance } from 'fastify';
import { type AdminDeps, audit, idParam, pageContext, redirectDone, sendView } from './context.ts';
import { roleAllows } from './roles.ts';
import { testFetch } from './test-fetch.ts';
import { RejectedItemView, RejectedList, TestFetchView } from './views/ingest.tsx';

/** Rejected items (with the raw item and a retry) and the feeds' "Test fetch". */
export function ingestRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const { runtime } = deps;
  const { db } = runtime.store;
  const columns = ['id', 'feed_id', 'item_ref', 'reason', 'created_at', 'retried_at'] as const;

  app.get('/rejected', { config: { access: 'viewer' } }, async (request, reply) => {
    const raw = (request.query as { feed?: unknown }).feed;
    const feed = typeof raw === 'string' && /^[a-z0-9-]{1,60}$/.test(raw) ? raw : null;
    let query = db.selectFrom('rejected_items').select(columns).orderBy('id', 'desc').limit(200);
    if (feed !== null) query = query.where('feed_id', '=', feed);
    return sendView(reply, <RejectedList page={pageContext(deps, request, reply, 'rejected')} rows={await query.execute()} feed={feed} />);
  });

  app.get('/rejected/:id', { config: { access: 'viewer' } }, async (request, reply) => {
    const id = idParam(request);
    const row = id === null ? undefined : await db.selectFrom('rejected_items').selectAll().where('id', '=', id).executeTakeFirst();
    if (row === undefined) return reply.code(404).type('text/plain; charset=utf-8').send('No such rejected item.');
    const page = pageContext(deps, request, reply, 'rejected');
    return sendView(reply, <RejectedItemView page={page} row={row} canRetry={roleAllows(page.role, 'editor')} />);
  });

  app.post('/rejected/:id/retry', { config: { access: 'editor' } }, async (request, reply) => {
    const id = idParam(request);
    const row = id === null ? undefined : await db.selectFrom('rejected_items').selectAll().where('id', '=', id).executeTakeFirst();
    const feed =
      row?.feed_id == null ? undefined : await db.selectFrom('feeds').selectAll().where('id', '=', row.feed_id).executeTakeFirst();
    if (row === undefined || row.raw === null || feed === undefined) {
      return reply.code(404).type('text/plain; charset=utf-8').send('No such rejected item, or its raw item or feed is gone.');
    }
    // The raw item goes through the whole pipeline again; if it still fails, a new rejection records why.
    const report = await runtime.pipeline.ingest(feed, Buffer.from(row.raw, 'utf8'), {
      charset: 'utf-8',
      baseUrl: null,
      ref: `retry of rejected item ${row.id}`,
    });
    await db.updateTable('rejected_items').set({ retried_at: new Date().toISOString() }).where('id', '=', row.id).execute();
    await audit(deps, request, {
      action: 'rejected.retry',
      target: `rejected:${row.id}`,
      detail: { created: report.created, updated: report.updated, rejected: report.rejected, error: report.error },
    });
    return redirectDone(reply, `/admin/rejected?feed=${feed.id}`, 'retried');
  });

  app.post('/feeds/:feed/test-fetch', { config: { access: 'admin' } }, async (request, reply) => {
    const feed = await db
      .selectFrom('feeds')
      .selectAll()
      .where('id', '=', (request.params as { feed: string }).feed)
      .executeTakeFirst();
    if (feed === undefined) return reply.code(404).type('text/plain; charset=utf-8').send('No such feed.');
    if (feed.transport !== 'http') return reply.code(400).type('text/plain; charset=utf-8').send('Only http feeds can be test-fetched.');
    const result = await testFetch(feed, runtime.config, runtime.rules);
    await audit(deps, request, {
      action: 'feed.test-fetch',
      target: `feed:${feed.id}`,
      detail: { items: result.items.length, rejected: result.rejected.length, error: result.error },
    });
    return sendView(reply, <TestFetchView page={pageContext(deps, request, reply, 'feeds')} feed={feed} result={result} />);
  });
}
