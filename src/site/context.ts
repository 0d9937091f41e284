import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';
import type { Config } from '../config.ts';
import type { Runtime } from '../runtime.ts';
import type { RenderedPage } from './cache/page-cache.ts';
import { SiteReader } from './reader.ts';
import { brandImage } from './seo/brand-images.ts';
import type { PublisherInfo } from './seo/json-ld.ts';
import type { SiteInfo } from './views/layout.tsx';

/** What every site route needs, built once per server. */
export interface SiteContext {
  runtime: Runtime;
  config: Config;
  reader: SiteReader;
  site: SiteInfo;
  sectionNames: Map<string, string>;
  publisher: PublisherInfo;
  absolute(path: string): string;
}

export function createSiteContext(runtime: Runtime): SiteContext {
  const { config } = runtime;
  return {
    runtime,
    config,
    reader: new SiteReader(runtime.store.db),
    site: {
      name: config.siteName,
      url: config.siteUrl,
      language: config.language,
      sections: config.sections,
      themeColor: config.app.themeColor,
    },
    sectionNames: new Map(config.sections.map((section) => [section.slug, section.name])),
    publisher: {
      name: config.siteName,
      url: new URL('/', config.siteUrl).href,
      logo: brandImage(config.siteUrl, 'logo.png'),
      fallbackImage: brandImage(config.siteUrl, 'card.png'),
    },
    absolute: (path) => new URL(path, config.siteUrl).href,
  };
}

/** A rendered HTML page, ready for the page cache. */
export function htmlPage(view: VNode, keys: string[], status = 200): RenderedPage {
  return {
    status,
    contentType: 'text/html; charset=utf-8',
    body: `<!doctype html>${render(view)}`,
    keys,
    lastModified: new Date(),
  };
}

/** `?page=N` as a number from 1 to 10,000; NaN for anything else (answered with 404). */
export function pageOf(query: unknown): number {
  const raw = (query as { page?: string }).page;
  const page = raw === undefined ? 1 : Number(raw);
  return Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : Number.NaN;
}
