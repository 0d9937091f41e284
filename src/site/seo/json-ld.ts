import { isoWithOffset } from '../format-time.ts';
import type { Article } from '../reader.ts';
import type { BrandImage } from './brand-images.ts';

/** The facts about the site that structured data repeats on every article. */
export interface PublisherInfo {
  name: string;
  url: string;
  logo: BrandImage;
  /** Used when the story carries no photo of its own. */
  fallbackImage: BrandImage;
}

/** Google shows at most 110 characters of a NewsArticle headline. */
const MAX_HEADLINE = 110;

/**
 * schema.org NewsArticle for an article page. Times are the ones the page shows, in the site's
 * zone with its offset; the author is the agency, with its page on this site.
 */
export function newsArticleJsonLd(
  article: Article,
  options: { canonical: string; agencyUrl: string; sectionName: string; zone: string; publisher: PublisherInfo; image: BrandImage },
): Record<string, unknown> {
  const { story, agency } = article;
  const published = new Date(story.first_published_at ?? story.updated_at);
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: story.headline.length > MAX_HEADLINE ? `${story.headline.slice(0, MAX_HEADLINE - 1)}…` : story.headline,
    description: story.teaser,
    datePublished: isoWithOffset(published, options.zone),
    dateModified: isoWithOffset(new Date(story.updated_at), options.zone),
    inLanguage: story.language ?? undefined,
    articleSection: options.sectionName,
    isAccessibleForFree: true,
    image: [imageObject(options.image)],
    author: { '@type': 'Organization', name: agency.name, url: options.agencyUrl },
    publisher: {
      '@type': 'Organization',
      name: options.publisher.name,
      url: options.publisher.url,
      logo: imageObject(options.publisher.logo),
    },
    mainEntityOfPage: { '@type': 'WebPage', '@id': options.canonical },
  };
}

function imageObject(image: BrandImage): Record<string, unknown> {
  return { '@type': 'ImageObject', url: image.url, width: image.width, height: image.height };
}

/** JSON for a <script> element: `<` is escaped so no text can close the element early. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
