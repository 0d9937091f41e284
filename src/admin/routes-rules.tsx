import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RoutingRule } from '../ingest/index.ts';
import { type AdminDeps, audit, identityOf, idParam, pageContext, redirectDone, sendView } from './context.ts';
import { Rerouter } from './rerouting.ts';
import { parseRuleForm, ruleFormValues } from './rule-form.ts';
import { RulesView } from './views/rules.tsx';

const NEW_RULE_VALUES = { position: '100', enabled: 'on' };

/** Routing rules: list, write with a preview before saving, delete, and re-apply to stored stories. */
export function ruleRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const { runtime } = deps;
  const { db } = runtime.store;
  const rerouter = new Rerouter(db, runtime.rules, runtime.bus, runtime.config.sections);
  const sectionNames = new Map(runtime.config.sections.map((section) => [section.slug, section.name]));
  const context = async () => ({
    sections: runtime.config.sections.map((section) => section.slug),
    feeds: (await db.selectFrom('feeds').select('id').orderBy('id').execute()).map((row) => row.id),
    agencies: (await db.selectFrom('agencies').select('id').orderBy('id').execute()).map((row) => row.id),
  });

  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    options: { action: string; values: Record<string, string>; error?: string; preview?: Awaited<ReturnType<Rerouter['preview']>> },
  ) => {
    const page = pageContext(deps, request, reply, 'rules', options.error ?? null);
    const choices = await context();
    return sendView(
      reply,
      <RulesView
        page={page}
        rules={await runtime.rules.all()}
        form={{
          csrf: page.csrf,
          action: options.action,
          values: options.values,
          sections: runtime.config.sections,
          feeds: choices.feeds,
          agencies: choices.agencies,
        }}
        preview={options.preview ?? null}
        sectionNames={sectionNames}
      />,
    );
  };

  const stored = async (id: number | null): Promise<RoutingRule | undefined> =>
    id === null ? undefined : (await runtime.rules.all()).find((rule) => rule.id === id);

  /** Preview or save the submitted rule (new when `existing` is null). */
  const submit = async (request: FastifyRequest, reply: FastifyReply, existing: RoutingRule | null) => {
    const body = request.body as Record<string, unknown>;
    const action = existing === null ? '/admin/rules' : `/admin/rules/${existing.id}`;
    const values = Object.fromEntries(Object.entries(body).filter(([, value]) => typeof value === 'string')) as Record<string, string>;
    const parsed = parseRuleForm(body, await context(), existing?.id ?? 0);
    if ('error' in parsed) return show(request, reply.code(400), { action, values, error: parsed.error });
    if (body.intent !== 'save') return show(request, reply, { action, values, preview: await rerouter.preview(parsed.rule) });
    const { rule } = parsed;
    const now = new Date().toISOString();
    const row = {
      position: rule.position,
      name: rule.name,
      enabled: rule.enabled ? 1 : 0,
      feed_id: rule.feedId,
      agency_id: rule.agencyId,
      subjects: JSON.stringify(rule.subjects),
      keywords: JSON.stringify(rule.keywords),
      place: rule.place,
      section: rule.section,
      city: rule.city,
      tags: JSON.stringify(rule.tags),
      updated_at: now,
    };
    const id =
      existing === null
        ? (
            await db
              .insertInto('routing_rules')
              .values({ ...row, created_at: now })
              .returning('id')
              .executeTakeFirstOrThrow()
          ).id
        : existing.id;
    if (existing !== null) await db.updateTable('routing_rules').set(row).where('id', '=', existing.id).execute();
    runtime.rules.invalidate();
    await audit(deps, request, { action: existing === null ? 'rule.add' : 'rule.edit', target: `rule:${id}`, detail: { ...rule, id } });
    return redirectDone(reply, '/admin/rules', 'rule-saved');
  };

  app.get('/rules', { config: { access: 'editor' } }, async (request, reply) =>
    show(request, reply, { action: '/admin/rules', values: NEW_RULE_VALUES }),
  );

  app.post('/rules', { config: { access: 'editor' } }, async (request, reply) => submit(request, reply, null));

  app.get('/rules/:id', { config: { access: 'editor' } }, async (request, reply) => {
    const rule = await stored(idParam(request));
    if (rule === undefined) return reply.code(404).type('text/plain; charset=utf-8').send('No such rule.');
    return show(request, reply, { action: `/admin/rules/${rule.id}`, values: ruleFormValues(rule) });
  });

  app.post('/rules/:id', { config: { access: 'editor' } }, async (request, reply) => {
    const rule = await stored(idParam(request));
    if (rule === undefined) return reply.code(404).type('text/plain; charset=utf-8').send('No such rule.');
    return submit(request, reply, rule);
  });

  app.post('/rules/:id/delete', { config: { access: 'editor' } }, async (request, reply) => {
    const rule = await stored(idParam(request));
    if (rule === undefined) return reply.code(404).type('text/plain; charset=utf-8').send('No such rule.');
    await db.deleteFrom('routing_rules').where('id', '=', rule.id).execute();
    runtime.rules.invalidate();
    await audit(deps, request, { action: 'rule.delete', target: `rule:${rule.id}`, detail: rule });
    return redirectDone(reply, '/admin/rules', 'rule-deleted');
  });

  app.post('/rules/reapply', { config: { access: 'editor' } }, async (request, reply) => {
    const result = await rerouter.reapply(`console:${identityOf(request).user.email}`);
    await audit(deps, request, { action: 'rules.reapply', detail: result });
    return redirectDone(reply, '/admin/rules', 'rules-reapplied');
  });
}
