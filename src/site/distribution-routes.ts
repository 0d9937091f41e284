import type { FastifyInstance } from 'fastify';
import { storyPath } from '../domain/index.ts';
import { surrogateKey } from './cache/keys.ts';
import type { RenderedPage } from './cache/page-cache.ts';
import type { SiteContext } from './context.ts';
import { isoWithOffset } from './format-time.ts';
import type { AddRoute } from './routes.tsx';
import { BRAND_IMAGE_NAMES, brandImagePng } from './seo/brand-images.ts';
import { atomXml, FEED_ENTRY_LIMIT, type FeedInfo, jsonFeed, rssXml } from './seo/feeds.ts';
import {
  daySitemapNames,
  NEWS_SITEMAP_HOURS,
  NEWS_SITEMAP_MAX_URLS,
  newsLanguage,
  newsSitemapXml,
  parseDaySitemapName,
  robotsTxt,
  SITEMAP_MAX_URLS,
  sitemapIndexXml,
  urlsetXml,
} from './seo/sitemaps.ts';

/** What crawlers and feed readers fetch: robots.txt, sitemaps, outgoing feeds, the brand images. */
export function registerDistributionRoutes(route: AddRoute, ctx: SiteContext, app: FastifyInstance): void {
  const { reader, config, absolute } = ctx;
  const text = (contentType: string, body: string, keys: string[], status = 200): RenderedPage => ({
    status,
    contentType,
    body,
    keys,
    lastModified: new Date(),
  });
  const notFound = (): RenderedPage => text('text/plain; charset=utf-8', 'Not found\n', [], 404);

  route('/robots.txt', async () => text('text/plain; charset=utf-8', robotsTxt(config.siteUrl), []));

  route('/sitemap.xml', async () => {
    const days = await reader.sitemapDays();
    const sitemaps = days.flatMap((day) =>
      daySitemapNames(day.day, day.stories).map((name) => ({ loc: absolute(`/sitemaps/${name}`), lastmod: day.lastmod })),
    );
    return text('application/xml; charset=utf-8', sitemapIndexXml(sitemaps), [surrogateKey.sitemaps]);
  });

  route('/sitemaps/news.xml', async () => {
    const since = new Date(Date.now() - NEWS_SITEMAP_HOURS * 3600_000);
    const stories = await reader.newsStories(since, NEWS_SITEMAP_MAX_URLS);
    const entries = stories.map((story) => ({
      loc: absolute(storyPath(story)),
      publicationName: config.siteName,
      language: newsLanguage(story.language, config.language),
      publicationDate: isoWithOffset(new Date(story.first_published_at ?? story.updated_at), config.timeZone),
      title: story.headline,
    }));
    return text('application/xml; charset=utf-8', newsSitemapXml(entries), [surrogateKey.sitemaps]);
  });

  route('/sitemaps/:name', async (request) => {
    const wanted = parseDaySitemapName((request.params as { name: string }).name);
    if (wanted === null) return notFound();
    const stories = await reader.sitemapStories(wanted.day, wanted.chunk * SITEMAP_MAX_URLS, SITEMAP_MAX_URLS);
    if (stories.length === 0) return notFound();
    const urls = stories.map((story) => ({ loc: absolute(storyPath(story)), lastmod: story.updated_at }));
    return text('application/xml; charset=utf-8', urlsetXml(urls), [surrogateKey.sitemaps]);
  });

  const feedInfo = (section: { slug: string; name: string } | null): FeedInfo => {
    const base = section === null ? '/feeds' : `/feeds/${section.slug}`;
    return {
      title: section === null ? config.siteName : `${section.name} | ${config.siteName}`,
      description: section === null ? config.siteDescription : `The latest ${section.name} news on ${config.siteName}.`,
      siteUrl: config.siteUrl,
      homeUrl: absolute(section === null ? '/' : `/${section.slug}`),
      selfUrl: { rss: absolute(`${base}/rss.xml`), atom: absolute(`${base}/atom.xml`), json: absolute(`${base}/feed.json`) },
      language: config.language,
    };
  };
  const formats = {
    'rss.xml': { contentType: 'application/rss+xml; charset=utf-8', build: rssXml },
    'atom.xml': { contentType: 'application/atom+xml; charset=utf-8', build: atomXml },
    'feed.json': { contentType: 'application/feed+json; charset=utf-8', build: jsonFeed },
  } as const;
  const feed = async (sectionSlug: string | null, file: string): Promise<RenderedPage> => {
    const format = formats[file as keyof typeof formats];
    const section = sectionSlug === null ? null : config.sections.find((candidate) => candidate.slug === sectionSlug);
    if (format === undefined || section === undefined) return notFound();
    const entries = await reader.feedEntries({ limit: FEED_ENTRY_LIMIT, ...(section === null ? {} : { section: section.slug }) });
    const keys = section === null ? [surrogateKey.feeds] : [surrogateKey.section(section.slug)];
    return text(format.contentType, format.build(feedInfo(section), entries), keys);
  };
  route('/feeds/:file', async (request) => feed(null, (request.params as { file: string }).file));
  route('/feeds/:section/:file', async (request) => {
    const params = request.params as { section: string; file: string };
    return feed(params.section, params.file);
  });

  // The brand images never change while the process runs: served directly, cached for a day.
  for (const name of BRAND_IMAGE_NAMES) {
    app.get(`/${name}`, async (_request, reply) =>
      reply
        .type('image/png')
        .header('cache-control', 'public, max-age=86400')
        .send(await brandImagePng(name)),
    );
  }
}
