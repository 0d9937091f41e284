import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { storyPath } from '../domain/index.ts';
import type { Runtime } from '../runtime.ts';
import { ApiContent, type StoryFilters } from './content.ts';
import { decodeCursor } from './cursor.ts';
import { sendJson } from './http-cache.ts';
import { ApiKeys } from './keys.ts';
import { toNinjs } from './ninjs.ts';
import { openApiDocument } from './openapi.ts';
import { MemoryRateLimiter, SharedRateLimiter } from './rate-limit.ts';

/** How long clients may reuse an answer: lists move every minute; one story's text rarely. */
const LIST_MAX_AGE = 30;
const STORY_MAX_AGE = 60;
const STATIC_MAX_AGE = 300;
const MAX_SEARCH_PAGE = 100;

const slug = z.string().regex(/^[\p{L}\p{M}\p{N}-]{1,100}$/u, 'a slug');

/**
 * The read-only content API, registered under /api/v1. Every route but the OpenAPI document
 * needs an API key (Authorization: Bearer … or X-Api-Key) and counts against its limit.
 */
export async function apiPlugin(app: FastifyInstance, options: { runtime: Runtime }): Promise<void> {
  const { config, store, search } = options.runtime;
  const apiBase = new URL('/api/v1', config.siteUrl).href;
  const content = new ApiContent(store.db, { siteUrl: config.siteUrl, apiBase });
  const keys = new ApiKeys(store.db);
  // Many nodes share PostgreSQL: a key's limit is counted there, for the whole cluster.
  const limiter = store.dialect === 'postgres' ? new SharedRateLimiter(store.db) : new MemoryRateLimiter();
  const sectionNames = new Map(config.sections.map((section) => [section.slug, section.name]));
  const absolute = (path: string) => new URL(path, config.siteUrl).href;
  const maxPage = config.app.api.maxPageSize;
  const limitSchema = z.coerce.number().int().min(1).max(maxPage).default(Math.min(20, maxPage));
  const openApi = openApiDocument({ siteName: config.siteName, siteUrl: config.siteUrl, maxPageSize: maxPage });

  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.url === `${app.prefix}/openapi.json`) return;
    const presented = apiKeyOf(request);
    const key = presented === null ? null : await keys.verify(presented);
    if (key === null) {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer realm="api"')
        .send({ error: presented === null ? 'an API key is required (Authorization: Bearer <key>)' : 'this API key is not valid' });
    }
    const decision = await limiter.take(key.id, key.ratePerMinute);
    reply.header('x-ratelimit-limit', decision.limit).header('x-ratelimit-remaining', decision.remaining);
    if (!decision.allowed) {
      return reply
        .code(429)
        .header('retry-after', decision.resetSeconds)
        .send({ error: `rate limit of ${decision.limit} requests per minute reached; retry in ${decision.resetSeconds} s` });
    }
  });

  app.setNotFoundHandler(async (request, reply) => reply.code(404).send({ error: `no such API route: ${request.method} ${request.url}` }));

  app.get('/openapi.json', async (request, reply) => sendJson(request, reply, openApi, STATIC_MAX_AGE));

  const storiesQuery = z.object({
    section: slug.optional(),
    city: slug.optional(),
    tag: z.string().min(1).max(100).optional(),
    agency: slug.optional(),
    updated_since: z.iso.datetime({ offset: true }).optional(),
    cursor: z.string().optional(),
    limit: limitSchema,
  });
  app.get('/stories', async (request, reply) => {
    const parsed = parseQuery(storiesQuery, request, reply);
    if (parsed === null) return reply;
    const cursor = parsed.cursor === undefined ? null : decodeCursor(parsed.cursor);
    if (parsed.cursor !== undefined && cursor === null) return badRequest(reply, 'cursor: not a cursor this API returned');
    const filters: StoryFilters = {
      section: parsed.section,
      city: parsed.city,
      tag: parsed.tag,
      agency: parsed.agency,
      updatedSince: parsed.updated_since === undefined ? undefined : new Date(parsed.updated_since).toISOString(),
    };
    const page = await content.stories(filters, parsed.limit, cursor);
    return sendJson(request, reply, { data: page.items, next_cursor: page.nextCursor }, LIST_MAX_AGE);
  });

  app.get<{ Params: { id: string } }>('/stories/:id', async (request, reply) => {
    const id = /^\d{1,15}$/.test(request.params.id) ? Number(request.params.id) : null;
    if (id === null) return badRequest(reply, `id: "${request.params.id}" is not a story id`);
    const found = await content.story(id);
    if (found.kind === 'gone') return reply.code(410).send({ error: `story ${id} was killed` });
    if (found.kind === 'missing') return reply.code(404).send({ error: `no published story ${id}` });
    const sectionName = sectionNames.get(found.source.story.section) ?? found.source.story.section;
    return sendJson(request, reply, toNinjs(found.source, { siteUrl: config.siteUrl, apiBase, sectionName }), STORY_MAX_AGE);
  });

  app.get('/sections', async (request, reply) =>
    sendJson(
      request,
      reply,
      { data: config.sections.map((section) => ({ slug: section.slug, name: section.name, url: absolute(`/${section.slug}`) })) },
      STATIC_MAX_AGE,
    ),
  );

  app.get('/cities', async (request, reply) => {
    const cities = await content.cities();
    const data = cities.map((city) => ({ ...city, url: absolute(`/city/${encodeURIComponent(city.slug)}`) }));
    return sendJson(request, reply, { data }, LIST_MAX_AGE);
  });

  const searchQuery = z.object({
    q: z.string().trim().min(1).max(200),
    page: z.coerce.number().int().min(1).max(MAX_SEARCH_PAGE).default(1),
    limit: limitSchema,
  });
  app.get('/search', async (request, reply) => {
    const parsed = parseQuery(searchQuery, request, reply);
    if (parsed === null) return reply;
    const results = await search.search(parsed.q, parsed.page, parsed.limit);
    const data = results.hits.map((hit) => ({
      id: hit.story.id,
      headline: hit.story.headline,
      teaser: hit.story.teaser,
      section: hit.story.section,
      city: hit.story.city,
      updated_at: hit.story.updated_at,
      url: absolute(storyPath(hit.story)),
      href: `${apiBase}/stories/${hit.story.id}`,
      snippet_html: hit.snippetHtml,
    }));
    return sendJson(request, reply, { data, total: results.total, page: parsed.page }, LIST_MAX_AGE);
  });
}

function apiKeyOf(request: FastifyRequest): string | null {
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  const header = request.headers['x-api-key'];
  return bearer ?? (typeof header === 'string' && header !== '' ? header : null);
}

function parseQuery<T extends z.ZodType>(schema: T, request: FastifyRequest, reply: FastifyReply): z.infer<T> | null {
  const parsed = schema.safeParse(request.query);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  void badRequest(reply, `${issue?.path.join('.') || 'query'}: ${issue?.message ?? 'invalid'}`);
  return null;
}

function badRequest(reply: FastifyReply, message: string): FastifyReply {
  return reply.code(400).send({ error: message });
}
