import type { BrandImage } from './brand-images.ts';
import { scriptJson } from './json-ld.ts';
import type { RobotsMeta } from './robots-policy.ts';

/** What a page tells search engines and link previews about itself. */
export interface PageSeo {
  /** `website` for lists and pages, `article` for stories. */
  type: 'website' | 'article';
  robots: RobotsMeta;
  image: BrandImage;
  /** Structured data for the page, if any. */
  jsonLd?: Record<string, unknown>;
  /** For articles: ISO times with offset, and the section's name. */
  article?: { publishedTime: string; modifiedTime: string; section: string };
}

/** Open Graph, Twitter card, robots and structured data tags for <head>. */
export function SeoMeta(props: { seo: PageSeo; siteName: string; title: string; description: string; canonical: string; locale: string }) {
  const { seo } = props;
  return (
    <>
      <meta name="robots" content={seo.robots.robots} />
      {seo.robots.noindexNews && <meta name="Googlebot-News" content="noindex" />}
      <meta property="og:site_name" content={props.siteName} />
      <meta property="og:type" content={seo.type} />
      <meta property="og:title" content={props.title} />
      <meta property="og:description" content={props.description} />
      <meta property="og:url" content={props.canonical} />
      <meta property="og:locale" content={props.locale} />
      <meta property="og:image" content={seo.image.url} />
      <meta property="og:image:width" content={String(seo.image.width)} />
      <meta property="og:image:height" content={String(seo.image.height)} />
      {seo.article !== undefined && (
        <>
          <meta property="article:published_time" content={seo.article.publishedTime} />
          <meta property="article:modified_time" content={seo.article.modifiedTime} />
          <meta property="article:section" content={seo.article.section} />
        </>
      )}
      <meta name="twitter:card" content="summary_large_image" />
      <meta name="twitter:title" content={props.title} />
      <meta name="twitter:description" content={props.description} />
      <meta name="twitter:image" content={seo.image.url} />
      {seo.jsonLd !== undefined && <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: scriptJson(seo.jsonLd) }} />}
    </>
  );
}
