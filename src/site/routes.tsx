import type { FastifyInstance, FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';
import { storyIdFromSegment, storyPath } from '../domain/slug.ts';
import type { Runtime } from '../runtime.ts';
import { type Article, SiteReader } from './reader.ts';
import { ArticleView } from './views/article.tsx';
import type { SiteInfo } from './views/layout.tsx';
import { CityIndex, HomeView, ListingView, MissingView, TextPage } from './views/pages.tsx';

/** The public site: home, sections, cities, articles, and pages that help a lost reader on. */
export async function sitePlugin(app: FastifyInstance, options: { runtime: Runtime }): Promise<void> {
  const { config } = options.runtime;
  const reader = new SiteReader(options.runtime.store.db);
  const site: SiteInfo = { name: config.siteName, url: config.siteUrl, language: config.language, sections: config.sections };
  const sectionNames = new Map(config.sections.map((section) => [section.slug, section.name]));
  const absolute = (path: string): string => new URL(path, config.siteUrl).href;
  const pageOf = (query: unknown): number => {
    const raw = (query as { page?: string }).page;
    const page = raw === undefined ? 1 : Number(raw);
    return Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : Number.NaN;
  };

  const sendMissing = async (reply: FastifyReply, url: string, gone: boolean): Promise<FastifyReply> => {
    const latest = await reader.latest({ limit: 8 });
    return sendPage(reply.code(gone ? 410 : 404), <MissingView site={site} canonical={absolute(url)} gone={gone} latest={latest.items} />);
  };

  app.get('/', async (_request, reply) => {
    const top = await reader.latest({ limit: 10 });
    const topIds = top.items.map((story) => story.id);
    const blocks = await Promise.all(
      config.sections.map(async (section) => ({
        ...section,
        stories: (await reader.latest({ limit: 5, section: section.slug, excludeIds: topIds })).items,
      })),
    );
    return sendPage(
      reply,
      <HomeView site={site} canonical={absolute('/')} top={top.items} blocks={blocks} description={config.siteDescription} />,
    );
  });

  app.get('/city', async (request, reply) => {
    const page = pageOf(request.query);
    if (Number.isNaN(page)) return sendMissing(reply, request.url, false);
    const cities = await Promise.all(
      (await reader.cities()).map(async (entry) => ({ ...entry, name: (await reader.cityName(entry.city)) ?? entry.city })),
    );
    const citySection = sectionNames.has('city');
    const stories = citySection
      ? await reader.latest({ limit: config.pageSize, page, section: 'city' })
      : { items: [], page, hasNext: false };
    return sendPage(
      reply,
      <ListingView
        site={site}
        canonical={absolute(page > 1 ? `/city?page=${page}` : '/city')}
        title="City news"
        heading="City"
        description={`News from the cities, by dateline, on ${config.siteName}.`}
        current="city"
        stories={stories.items}
        page={page}
        hasNext={stories.hasNext}
        basePath="/city"
        intro={<CityIndex cities={cities} />}
      />,
    );
  });

  app.get('/app', async (_request, reply) =>
    sendPage(
      reply,
      <TextPage
        site={site}
        canonical={absolute('/app')}
        title={`The ${config.siteName} app`}
        description={`Read ${config.siteName} in its app.`}
      >
        <p>
          {config.siteName} works as an app on your phone: open this site in your browser and choose “Add to Home screen” (Android) or
          “Share → Add to Home Screen” (iPhone). Stories you open are then one tap away.
        </p>
      </TextPage>,
    ),
  );

  app.get<{ Params: { section: string } }>('/:section', async (request, reply) => {
    const name = sectionNames.get(request.params.section);
    const page = pageOf(request.query);
    if (name === undefined || Number.isNaN(page)) return sendMissing(reply, request.url, false);
    const stories = await reader.latest({ limit: config.pageSize, page, section: request.params.section });
    if (page > 1 && stories.items.length === 0) return sendMissing(reply, request.url, false);
    const basePath = `/${request.params.section}`;
    return sendPage(
      reply,
      <ListingView
        site={site}
        canonical={absolute(page > 1 ? `${basePath}?page=${page}` : basePath)}
        title={`${name} news`}
        heading={name}
        description={`The latest ${name} news on ${config.siteName}.`}
        current={request.params.section}
        stories={stories.items}
        page={page}
        hasNext={stories.hasNext}
        basePath={basePath}
      />,
    );
  });

  app.get<{ Params: { section: string; segment: string } }>('/:section/:segment', async (request, reply) => {
    const { section, segment } = request.params;
    const id = storyIdFromSegment(segment);
    if (id !== null) {
      const found = await reader.story(id);
      if (found.kind === 'gone') return sendMissing(reply, request.url, true);
      if (found.kind === 'moved') return reply.redirect(storyPath(found.to), 301);
      if (found.kind === 'published') {
        const path = storyPath(found.article.story);
        // A changed section or a mistyped slug still finds the story, at its one canonical URL.
        if (decodeURIComponent(request.url.split('?')[0] ?? '') !== decodeURIComponent(path)) return reply.redirect(path, 301);
        return sendArticle(reply, found.article, path);
      }
    }
    if (section === 'city') return sendCity(reply, request.url, segment, pageOf(request.query));
    return sendMissing(reply, request.url, false);
  });

  async function sendArticle(reply: FastifyReply, article: Article, path: string): Promise<FastifyReply> {
    const related = await options.runtime.related.listsFor(article.story);
    return sendPage(
      reply,
      <ArticleView
        site={site}
        article={article}
        related={related}
        canonical={absolute(path)}
        zone={config.timeZone}
        zoneLabel={config.zoneLabel}
        sectionNames={sectionNames}
        appUrl="/app"
      />,
    );
  }

  async function sendCity(reply: FastifyReply, url: string, city: string, page: number): Promise<FastifyReply> {
    const name = await reader.cityName(city);
    if (name === null || Number.isNaN(page)) return sendMissing(reply, url, false);
    const stories = await reader.latest({ limit: config.pageSize, page, city });
    const basePath = `/city/${encodeURIComponent(city)}`;
    return sendPage(
      reply,
      <ListingView
        site={site}
        canonical={absolute(page > 1 ? `${basePath}?page=${page}` : basePath)}
        title={`${name} news`}
        heading={name}
        description={`The latest news from ${name} on ${config.siteName}.`}
        current="city"
        stories={stories.items}
        page={page}
        hasNext={stories.hasNext}
        basePath={basePath}
      />,
    );
  }

  app.setNotFoundHandler(async (request, reply) => sendMissing(reply, request.url, false));
}

export function sendPage(reply: FastifyReply, view: VNode): FastifyReply {
  return reply.type('text/html; charset=utf-8').send(`<!doctype html>${render(view)}`);
}
