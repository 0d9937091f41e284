import { isoWithOffset } from '../format-time.ts';
import type { Article } from '../reader.ts';
import { newsArticleJsonLd, type PublisherInfo } from './json-ld.ts';
import type { PageSeo } from './meta.tsx';
import { indexingPolicyOf, robotsMeta } from './robots-policy.ts';

/** An article's search-engine facts: its agency's indexing policy, NewsArticle data, article times. */
export function articleSeo(
  article: Article,
  options: { canonical: string; agencyUrl: string; sectionName: string; zone: string; publisher: PublisherInfo },
): PageSeo {
  const { story } = article;
  return {
    type: 'article',
    robots: robotsMeta(indexingPolicyOf(article.agency.indexing_policy)),
    image: options.publisher.fallbackImage,
    jsonLd: newsArticleJsonLd(article, options),
    article: {
      publishedTime: isoWithOffset(new Date(story.first_published_at ?? story.updated_at), options.zone),
      modifiedTime: isoWithOffset(new Date(story.updated_at), options.zone),
      section: options.sectionName,
    },
  };
}
