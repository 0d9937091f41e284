import { NINJS_SCHEMA_URI } from './ninjs.ts';

/**
 * The OpenAPI 3.1 description of /api/v1, written by hand so it reads as documentation; a test
 * compares it with the routes the server really has, in both directions.
 */

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown, description: string) => ({ description, content: { 'application/json': { schema } } });
const errors = {
  '304': { description: 'Not modified: the If-None-Match ETag still matches.' },
  '400': json(ref('Error'), 'A parameter is not valid; the message names it.'),
  '401': json(ref('Error'), 'No API key, or a key that does not exist or was revoked.'),
  '429': {
    ...json(ref('Error'), "Too many requests for this key's per-minute limit."),
    headers: { 'Retry-After': { description: 'Seconds until the limit resets.', schema: { type: 'integer' } } },
  },
};
const okHeaders = {
  ETag: { description: 'Send back in If-None-Match to get 304 when nothing changed.', schema: { type: 'string' } },
  'Cache-Control': { description: 'How long the answer may be reused (private: it answers one key).', schema: { type: 'string' } },
  'X-RateLimit-Limit': { description: "The key's requests per minute.", schema: { type: 'integer' } },
  'X-RateLimit-Remaining': { description: 'Requests left in this minute.', schema: { type: 'integer' } },
};
const query = (name: string, description: string, schema: Record<string, unknown> = { type: 'string' }) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
});
const limit = (max: number) => query('limit', 'How many items to return.', { type: 'integer', minimum: 1, maximum: max, default: 20 });

export function openApiDocument(options: { siteName: string; siteUrl: string; maxPageSize: number }): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: `${options.siteName} content API`,
      version: '1.0.0',
      description:
        'Read-only access to the published stories. Killed, held and embargoed stories never appear; a killed story answers 410. Each key has a per-minute request limit.',
    },
    servers: [{ url: new URL('/api/v1', options.siteUrl).href }],
    security: [{ bearer: [] }, { apiKeyHeader: [] }],
    paths: {
      '/stories': {
        get: {
          operationId: 'listStories',
          summary: 'Published stories, newest first',
          parameters: [
            query('section', 'Only this section (slug).'),
            query('city', 'Only this city (slug).'),
            query('tag', 'Only stories with this tag.'),
            query('agency', 'Only this agency (id).'),
            query('updated_since', 'Only stories updated at or after this time.', { type: 'string', format: 'date-time' }),
            query('cursor', 'The next_cursor of the previous page.'),
            limit(options.maxPageSize),
          ],
          responses: { '200': { ...json(ref('StoryList'), 'One page of stories.'), headers: okHeaders }, ...errors },
        },
      },
      '/stories/{id}': {
        get: {
          operationId: 'getStory',
          summary: 'One story as IPTC ninjs 2.1',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }],
          responses: {
            '200': { ...json(ref('Ninjs'), 'The story.'), headers: okHeaders },
            '404': json(ref('Error'), 'No published story has this id.'),
            '410': json(ref('Error'), 'The story was killed: remove it wherever it is shown.'),
            ...errors,
          },
        },
      },
      '/sections': {
        get: {
          operationId: 'listSections',
          summary: "The site's sections",
          responses: { '200': { ...json(listOf(ref('Section')), 'Every section.'), headers: okHeaders }, ...errors },
        },
      },
      '/cities': {
        get: {
          operationId: 'listCities',
          summary: 'Cities with published stories, most active first',
          responses: { '200': { ...json(listOf(ref('City')), 'Every city.'), headers: okHeaders }, ...errors },
        },
      },
      '/search': {
        get: {
          operationId: 'searchStories',
          summary: 'Full-text search over published stories',
          parameters: [
            {
              name: 'q',
              in: 'query',
              required: true,
              description: 'Words to find.',
              schema: { type: 'string', minLength: 1, maxLength: 200 },
            },
            query('page', 'Page number, from 1.', { type: 'integer', minimum: 1, maximum: 100, default: 1 }),
            limit(options.maxPageSize),
          ],
          responses: { '200': { ...json(ref('SearchResults'), 'Matching stories, best first.'), headers: okHeaders }, ...errors },
        },
      },
      '/openapi.json': {
        get: {
          operationId: 'openApi',
          summary: 'This document',
          security: [],
          responses: { '200': json({ type: 'object' }, 'The OpenAPI 3.1 document.') },
        },
      },
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'Authorization: Bearer <key>' },
        apiKeyHeader: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
      },
      schemas: {
        Error: { type: 'object', required: ['error'], properties: { error: { type: 'string' } } },
        StorySummary: {
          type: 'object',
          required: ['id', 'headline', 'teaser', 'section', 'agency', 'updated_at', 'url', 'href'],
          properties: {
            ...STORY_CARD_PROPERTIES,
            language: { type: ['string', 'null'] },
            agency: { type: 'string' },
            first_published_at: { type: ['string', 'null'], format: 'date-time' },
          },
        },
        StoryList: {
          type: 'object',
          required: ['data', 'next_cursor'],
          properties: { data: { type: 'array', items: ref('StorySummary') }, next_cursor: { type: ['string', 'null'] } },
        },
        Ninjs: { $ref: NINJS_SCHEMA_URI, description: 'An IPTC ninjs 2.1 news item.' },
        Section: {
          type: 'object',
          required: ['slug', 'name', 'url'],
          properties: { slug: { type: 'string' }, name: { type: 'string' }, url: { type: 'string', format: 'uri' } },
        },
        City: {
          type: 'object',
          required: ['slug', 'stories', 'url'],
          properties: { slug: { type: 'string' }, stories: { type: 'integer' }, url: { type: 'string', format: 'uri' } },
        },
        SearchHit: {
          type: 'object',
          required: ['id', 'headline', 'teaser', 'section', 'updated_at', 'url', 'href', 'snippet_html'],
          properties: {
            ...STORY_CARD_PROPERTIES,
            snippet_html: { type: 'string', description: 'A passage of the body, HTML-escaped, matched words in <mark>.' },
          },
        },
        SearchResults: {
          type: 'object',
          required: ['data', 'total', 'page'],
          properties: {
            data: { type: 'array', items: ref('SearchHit') },
            total: { type: 'integer' },
            page: { type: 'integer' },
          },
        },
      },
    },
  };
}

/** What a story summary and a search hit both say of a story. */
const STORY_CARD_PROPERTIES = {
  id: { type: 'integer' },
  headline: { type: 'string' },
  teaser: { type: 'string' },
  section: { type: 'string' },
  city: { type: ['string', 'null'] },
  updated_at: { type: 'string', format: 'date-time' },
  url: { type: 'string', format: 'uri', description: 'The article on the site.' },
  href: { type: 'string', format: 'uri', description: 'The full story in this API.' },
};

function listOf(items: unknown) {
  return { type: 'object', required: ['data'], properties: { data: { type: 'array', items } } };
}
