import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiKeys } from '../api/index.ts';
import { type AdminDeps, audit, field, identityOf, idParam, pageContext, redirectDone, sendView } from './context.ts';
import { ApiKeysView, type NewKey } from './views/api-keys.tsx';

/** Content-API keys (admin): list, make (the secret shown once, on the answer itself), revoke. */
export function apiKeyRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const keys = new ApiKeys(deps.runtime.store.db);
  const defaultRate = deps.runtime.config.app.api.defaultRatePerMinute;

  const show = async (request: FastifyRequest, reply: FastifyReply, created: NewKey | null, error: string | null = null) =>
    sendView(
      reply,
      <ApiKeysView
        page={pageContext(deps, request, reply, 'api-keys', error)}
        keys={await keys.list()}
        created={created}
        defaultRate={defaultRate}
      />,
    );

  app.get('/api-keys', { config: { access: 'admin' } }, async (request, reply) => show(request, reply, null));

  // Answered with the page itself, not a redirect: the secret must not travel in a URL or be stored to show later.
  app.post('/api-keys', { config: { access: 'admin' } }, async (request, reply) => {
    const name = field(request, 'name').trim();
    const rate = Number(field(request, 'rate'));
    try {
      const made = await keys.create(name, rate, `console:${identityOf(request).user.email}`);
      await audit(deps, request, { action: 'apikey.create', target: `apikey:${made.id}`, detail: { name, ratePerMinute: rate } });
      return show(request, reply.code(201), { id: made.id, name, key: made.key });
    } catch (error) {
      return show(request, reply.code(400), null, (error as Error).message);
    }
  });

  app.post('/api-keys/:id/revoke', { config: { access: 'admin' } }, async (request, reply) => {
    const id = idParam(request);
    if (id === null) return reply.code(404).send('No such key.');
    const revoked = await keys.revoke(id);
    if (revoked) await audit(deps, request, { action: 'apikey.revoke', target: `apikey:${id}` });
    return redirectDone(reply, '/admin/api-keys', revoked ? 'api-key-revoked' : 'not-changed');
  });
}
