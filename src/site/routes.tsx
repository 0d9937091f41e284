import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { openInApp } from '../app/index.ts';
import { storyIdFromSegment, storyPath } from '../domain/index.ts';
import { searchEpaperPages } from '../epaper/index.ts';
import { largestJpeg, leadImageOf } from '../media/index.ts';
import type { Runtime } from '../runtime.ts';
import { type CachePolicy, type RouteResult, serveCached } from './cache/http.ts';
import { keysForEvent, storyKeys, surrogateKey } from './cache/keys.ts';
import type { PageCache } from './cache/page-cache.ts';
import { createSiteContext, htmlPage, pageOf, type SiteContext } from './context.ts';
import { registerDistributionRoutes } from './distribution-routes.ts';
import type { Article } from './reader.ts';
import { articleSeo } from './seo/article-seo.ts';
import { AboutText, AgencyText, ContactText, EditorialPolicyText } from './views/about.tsx';
import { ArticleView } from './views/article.tsx';
import { CityIndex, HomeView, ListingView, MissingView, TextPage } from './views/pages.tsx';
import { SearchView } from './views/search.tsx';

/** A route's renderer: the page for a request, rendered only when the page cache misses. */
export type Renderer = (request: FastifyRequest) => Promise<RouteResult>;
export type AddRoute = (path: string, renderer: Renderer) => void;

const SEARCH_PAGE_SIZE = 10;

/**
 * The public site: home, sections, cities, tags, articles, search, the transparency pages,
 * feeds and sitemaps. Every page goes through the page cache, which the publish bus purges.
 */
export async function sitePlugin(app: FastifyInstance, options: { runtime: Runtime; pageCache: PageCache }): Promise<void> {
  const ctx = createSiteContext(options.runtime);
  const { config } = ctx;
  const cache = options.pageCache;
  const policy: CachePolicy = config.pageCache;
  const unsubscribe = options.runtime.bus.on((event) => {
    cache.purge(keysForEvent(event));
  });
  app.addHook('onClose', async () => unsubscribe());

  const serve = (request: FastifyRequest, reply: FastifyReply, renderer: Renderer): Promise<FastifyReply> =>
    serveCached(request, reply, cache, policy, () => renderer(request));
  const route: AddRoute = (path, renderer) => app.get(path, (request, reply) => serve(request, reply, renderer));

  registerPageRoutes(route, ctx);
  registerDistributionRoutes(route, ctx, app);
  // Search results are never cached: the query space is unbounded, and a kill must leave search at once.
  app.get('/search', async (request, reply) => {
    const result = await renderSearch(ctx, request);
    return reply.header('cache-control', 'no-cache').type(result.contentType).code(result.status).send(result.body);
  });
  app.setNotFoundHandler((request, reply) => serve(request, reply, () => missingPage(ctx, request.url, false)));
}

function registerPageRoutes(route: AddRoute, ctx: SiteContext): void {
  const { config, reader, site, sectionNames, absolute } = ctx;

  route('/', async () => {
    const top = await reader.latest({ limit: 10 });
    const topIds = top.items.map((story) => story.id);
    const blocks = await Promise.all(
      config.sections.map(async (section) => ({
        ...section,
        stories: (await reader.latest({ limit: 5, section: section.slug, excludeIds: topIds })).items,
      })),
    );
    return htmlPage(
      <HomeView site={site} canonical={absolute('/')} top={top.items} blocks={blocks} description={config.siteDescription} />,
      [surrogateKey.home, ...storyKeys([...top.items, ...blocks.flatMap((block) => block.stories)])],
    );
  });

  route('/city', async (request) => {
    const page = pageOf(request.query);
    if (Number.isNaN(page)) return missingPage(ctx, request.url, false);
    const cities = await Promise.all(
      (await reader.cities()).map(async (entry) => ({ ...entry, name: (await reader.cityName(entry.city)) ?? entry.city })),
    );
    const stories = sectionNames.has('city')
      ? await reader.latest({ limit: config.pageSize, page, section: 'city' })
      : { items: [], page, hasNext: false };
    return htmlPage(
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
      [surrogateKey.cities, surrogateKey.section('city'), ...storyKeys(stories.items)],
    );
  });

  route('/app', async () =>
    htmlPage(
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
      [],
    ),
  );

  route('/about', async () =>
    htmlPage(
      <TextPage site={site} canonical={absolute('/about')} title="About us" description={`Who publishes ${config.siteName} and how.`}>
        <AboutText siteName={config.siteName} agencies={await reader.agencies()} />
      </TextPage>,
      [],
    ),
  );

  route('/contact', async () =>
    htmlPage(
      <TextPage site={site} canonical={absolute('/contact')} title="Contact" description={`How to reach the ${config.siteName} desk.`}>
        <ContactText siteName={config.siteName} email={config.contactEmail} />
      </TextPage>,
      [],
    ),
  );

  route('/editorial-policy', async () =>
    htmlPage(
      <TextPage
        site={site}
        canonical={absolute('/editorial-policy')}
        title="Editorial policy"
        description={`How ${config.siteName} publishes, updates and withdraws agency stories.`}
      >
        <EditorialPolicyText siteName={config.siteName} />
      </TextPage>,
      [],
    ),
  );

  route('/agency/:id', async (request) => {
    const agency = await reader.agency((request.params as { id: string }).id);
    if (agency === null) return missingPage(ctx, request.url, false);
    return htmlPage(
      <TextPage
        site={site}
        canonical={absolute(`/agency/${agency.id}`)}
        title={agency.name}
        description={`How ${config.siteName} publishes stories from ${agency.name}.`}
      >
        <AgencyText siteName={config.siteName} agency={agency} />
      </TextPage>,
      [],
    );
  });

  route('/tag/:tag', async (request) => {
    const tag = (request.params as { tag: string }).tag;
    const page = pageOf(request.query);
    if (Number.isNaN(page) || !(await reader.tagInUse(tag))) return missingPage(ctx, request.url, false);
    const stories = await reader.latest({ limit: config.pageSize, page, tag });
    if (page > 1 && stories.items.length === 0) return missingPage(ctx, request.url, false);
    const basePath = `/tag/${encodeURIComponent(tag)}`;
    const name = tag.replace(/-/g, ' ');
    return htmlPage(
      <ListingView
        site={site}
        canonical={absolute(page > 1 ? `${basePath}?page=${page}` : basePath)}
        title={`${name} news`}
        heading={`Topic: ${name}`}
        description={`The latest news about ${name} on ${config.siteName}.`}
        stories={stories.items}
        page={page}
        hasNext={stories.hasNext}
        basePath={basePath}
      />,
      [surrogateKey.tag(tag), ...storyKeys(stories.items)],
    );
  });

  route('/:section', async (request) => {
    const section = (request.params as { section: string }).section;
    const name = sectionNames.get(section);
    const page = pageOf(request.query);
    if (name === undefined || Number.isNaN(page)) return missingPage(ctx, request.url, false);
    const stories = await reader.latest({ limit: config.pageSize, page, section });
    if (page > 1 && stories.items.length === 0) return missingPage(ctx, request.url, false);
    const basePath = `/${section}`;
    return htmlPage(
      <ListingView
        site={site}
        canonical={absolute(page > 1 ? `${basePath}?page=${page}` : basePath)}
        title={`${name} news`}
        heading={name}
        description={`The latest ${name} news on ${config.siteName}.`}
        current={section}
        stories={stories.items}
        page={page}
        hasNext={stories.hasNext}
        basePath={basePath}
        feedPath={`/feeds/${section}/rss.xml`}
      />,
      [surrogateKey.section(section), ...storyKeys(stories.items)],
    );
  });

  route('/:section/:segment', async (request) => {
    const { section, segment } = request.params as { section: string; segment: string };
    const id = storyIdFromSegment(segment);
    if (id !== null) {
      const found = await reader.story(id);
      if (found.kind === 'gone') return missingPage(ctx, request.url, true, [surrogateKey.story(id)]);
      if (found.kind === 'moved') return { redirect: storyPath(found.to) };
      if (found.kind === 'published') {
        const path = storyPath(found.article.story);
        // A changed section or a mistyped slug still finds the story, at its one canonical URL.
        if (decodeURIComponent(request.url.split('?')[0] ?? '') !== decodeURIComponent(path)) return { redirect: path };
        return articlePage(ctx, found.article, path);
      }
    }
    if (section === 'city') return cityPage(ctx, request, segment);
    return missingPage(ctx, request.url, false);
  });
}

async function articlePage(ctx: SiteContext, article: Article, path: string): Promise<RouteResult> {
  const { story, agency } = article;
  const [related, lead] = await Promise.all([ctx.runtime.related.listsFor(story), leadImageOf(ctx.runtime.store.db, story.id)]);
  const canonical = ctx.absolute(path);
  const sectionName = ctx.sectionNames.get(story.section) ?? story.section;
  const seo = articleSeo(article, {
    canonical,
    agencyUrl: ctx.absolute(`/agency/${agency.id}`),
    sectionName,
    zone: ctx.config.timeZone,
    publisher: ctx.publisher,
    photo: lead === null ? null : absoluteImage(ctx, largestJpeg(lead)),
  });
  return htmlPage(
    <ArticleView
      site={ctx.site}
      article={article}
      related={related}
      lead={lead}
      canonical={canonical}
      zone={ctx.config.timeZone}
      zoneLabel={ctx.config.zoneLabel}
      sectionNames={ctx.sectionNames}
      {...openInApp(ctx.config.app, canonical)}
      seo={seo}
    />,
    // The related stories' keys too: killing or updating one of them purges this page.
    storyKeys([story, ...related.across, ...related.sameSection]),
  );
}

function absoluteImage(ctx: SiteContext, image: { url: string; width: number; height: number }) {
  return { ...image, url: ctx.absolute(image.url) };
}

async function cityPage(ctx: SiteContext, request: FastifyRequest, city: string): Promise<RouteResult> {
  const { reader, config } = ctx;
  const page = pageOf(request.query);
  const name = await reader.cityName(city);
  if (name === null || Number.isNaN(page)) return missingPage(ctx, request.url, false);
  const stories = await reader.latest({ limit: config.pageSize, page, city });
  const basePath = `/city/${encodeURIComponent(city)}`;
  return htmlPage(
    <ListingView
      site={ctx.site}
      canonical={ctx.absolute(page > 1 ? `${basePath}?page=${page}` : basePath)}
      title={`${name} news`}
      heading={name}
      description={`The latest news from ${name} on ${config.siteName}.`}
      current="city"
      stories={stories.items}
      page={page}
      hasNext={stories.hasNext}
      basePath={basePath}
    />,
    [surrogateKey.city(city), ...storyKeys(stories.items)],
  );
}

async function renderSearch(ctx: SiteContext, request: FastifyRequest) {
  const raw = (request.query as { q?: unknown }).q;
  const query = typeof raw === 'string' ? raw.trim().slice(0, 200) : '';
  const requested = pageOf(request.query);
  const page = Number.isNaN(requested) ? 1 : requested;
  const results = query === '' ? { hits: [], total: 0 } : await ctx.runtime.search.search(query, page, SEARCH_PAGE_SIZE);
  // Words printed in the e-paper are found too, on the first page of results.
  const epaperHits = query === '' || page > 1 ? [] : await searchEpaperPages(ctx.runtime.store.db, ctx.config.epaper.editions, query, 5);
  const canonical = ctx.absolute(query === '' ? '/search' : `/search?q=${encodeURIComponent(query)}${page > 1 ? `&page=${page}` : ''}`);
  return htmlPage(
    <SearchView
      site={ctx.site}
      canonical={canonical}
      query={query}
      hits={results.hits}
      epaperHits={epaperHits}
      total={results.total}
      page={page}
      pageSize={SEARCH_PAGE_SIZE}
      sectionNames={ctx.sectionNames}
    />,
    [],
  );
}

/** 404 and 410 pages: a search box and the latest stories to help the reader on. */
async function missingPage(ctx: SiteContext, url: string, gone: boolean, keys: string[] = []): Promise<RouteResult> {
  const latest = await ctx.reader.latest({ limit: 8 });
  return htmlPage(
    <MissingView site={ctx.site} canonical={ctx.absolute(url)} gone={gone} latest={latest.items} />,
    [...keys, ...storyKeys(latest.items)],
    gone ? 410 : 404,
  );
}
