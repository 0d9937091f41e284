import type { FastifyInstance } from 'fastify';
import { type AdminDeps, audit, field, identityOf, idParam, pageContext, redirectDone, sendView } from './context.ts';
import { DeskQueries } from './desk-queries.ts';
import { ReviewView, StoriesView } from './views/desk.tsx';

const MAX_REASON = 500;

/** The review queue (publish or discard held stories) and kill/restore of any story. */
export function deskRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const desk = new DeskQueries(deps.runtime.store.db);
  const { publisher } = deps.runtime;
  const by = (request: Parameters<typeof identityOf>[0]) => `console:${identityOf(request).user.email}`;

  app.get('/stories', { config: { access: 'editor' } }, async (request, reply) => {
    const raw = (request.query as { q?: unknown }).q;
    const search = typeof raw === 'string' ? raw.slice(0, 300) : '';
    return sendView(
      reply,
      <StoriesView page={pageContext(deps, request, reply, 'stories')} search={search} stories={await desk.find(search, 50)} />,
    );
  });

  app.post('/stories/:id/kill', { config: { access: 'editor' } }, async (request, reply) => {
    const id = idParam(request);
    const reason = field(request, 'reason').slice(0, MAX_REASON);
    if (id === null) return reply.code(404).send('No such story.');
    if (reason === '') return reply.code(400).type('text/plain; charset=utf-8').send('A kill needs a reason: go back and give one.');
    const changed = await publisher.kill(id, reason, by(request));
    if (changed) await audit(deps, request, { action: 'story.kill', target: `story:${id}`, detail: { reason } });
    return redirectDone(reply, `/admin/stories?q=${id}`, changed ? 'killed' : 'not-changed');
  });

  app.post('/stories/:id/restore', { config: { access: 'editor' } }, async (request, reply) => {
    const id = idParam(request);
    if (id === null) return reply.code(404).send('No such story.');
    const changed = (await desk.status(id)) === 'killed' && (await publisher.restore(id, by(request)));
    if (changed) await audit(deps, request, { action: 'story.restore', target: `story:${id}` });
    return redirectDone(reply, `/admin/stories?q=${id}`, changed ? 'restored' : 'not-changed');
  });

  app.post('/stories/:id/breaking', { config: { access: 'editor' } }, async (request, reply) => {
    const id = idParam(request);
    if (id === null) return reply.code(404).send('No such story.');
    const result = await deps.runtime.app.breaking.markBreaking(id, by(request));
    if (result.status === 'sent') {
      const { delivered, removed, failed } = result;
      await audit(deps, request, { action: 'story.breaking', target: `story:${id}`, detail: { delivered, removed, failed } });
    }
    const notice = { sent: 'breaking-sent', 'already-sent': 'breaking-already-sent', 'not-published': 'not-changed' } as const;
    return redirectDone(reply, `/admin/stories?q=${id}`, notice[result.status]);
  });

  app.get('/review', { config: { access: 'editor' } }, async (request, reply) =>
    sendView(reply, <ReviewView page={pageContext(deps, request, reply, 'review')} stories={await desk.held(100)} />),
  );

  app.post('/review/:id/publish', { config: { access: 'editor' } }, async (request, reply) => {
    const id = idParam(request);
    const changed = id !== null && (await publisher.publishHeld(id, by(request)));
    if (changed) await audit(deps, request, { action: 'review.publish', target: `story:${id}` });
    return redirectDone(reply, '/admin/review', changed ? 'published' : 'not-changed');
  });

  app.post('/review/:id/discard', { config: { access: 'editor' } }, async (request, reply) => {
    const id = idParam(request);
    // A discarded story is killed, so a later resend of the same item cannot slip it out unreviewed.
    const changed = id !== null && (await desk.status(id)) === 'held' && (await publisher.kill(id, 'discarded in review', by(request)));
    if (changed) await audit(deps, request, { action: 'review.discard', target: `story:${id}` });
    return redirectDone(reply, '/admin/review', changed ? 'discarded' : 'not-changed');
  });
}
