import { isoWithOffset } from '../format-time.ts';
import type { Article } from '../reader.ts';
import type { BrandImage } from './brand-images.ts';
import { newsArticleJsonLd, type PublisherInfo } from './json-ld.ts';
import type { PageSeo } from './meta.tsx';
import { indexingPolicyOf, robotsMeta } from './robots-policy.ts';

/**
 * An article's search-engine facts: its agency's indexing policy, NewsArticle data, article
 * times, and its image: the story's own lead photo when it has one, else the site's card.
 */
export function articleSeo(
  article: Article,
  options: { canonical: string; agencyUrl: string; sectionName: string; zone: string; publisher: PublisherInfo; photo: BrandImage | null },
): PageSeo {
  const { story } = article;
  const image = options.photo ?? options.publisher.fallbackImage;
  return {
    type: 'article',
    robots: robotsMeta(indexingPolicyOf(article.agency.indexing_policy)),
    image,
    jsonLd: newsArticleJsonLd(article, { ...options, image }),
    article: {
      publishedTime: isoWithOffset(new Date(story.first_published_at ?? story.updated_at), options.zone),
      modifiedTime: isoWithOffset(new Date(story.updated_at), options.zone),
      section: options.sectionName,
    },
  };
}
