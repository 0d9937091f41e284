import type { StoryImage } from '../../media/index.ts';
import type { RelatedLists } from '../../related/index.ts';
import { formatReaderTime, isoWithOffset } from '../format-time.ts';
import type { Article } from '../reader.ts';
import type { PageSeo } from '../seo/meta.tsx';
import { StoryCards } from './cards.tsx';
import { Layout, type SiteInfo } from './layout.tsx';
import { Picture } from './picture.tsx';

export interface ArticleViewProps {
  site: SiteInfo;
  article: Article;
  related: RelatedLists;
  /** The story's lead photo; a story without one shows none, and no empty frame. */
  lead: StoryImage | null;
  canonical: string;
  zone: string;
  zoneLabel: string;
  sectionNames: Map<string, string>;
  appUrl: string;
  /** `apple-itunes-app` content (iOS Smart App Banner) when a native iOS app is configured. */
  appBanner?: string | null;
  seo: PageSeo;
}

/** The reference article page, every element in the reference's order. */
export function ArticleView(props: ArticleViewProps) {
  const { story, revision, agency } = props.article;
  const updated = new Date(story.updated_at);
  const sectionName = props.sectionNames.get(story.section) ?? story.section;
  const bodyStartsWithDateline = revision.dateline === null || revision.body_text.startsWith(revision.dateline);
  const lang = story.language ?? undefined;
  return (
    <Layout
      site={props.site}
      title={`${story.headline} | ${props.site.name}`}
      description={story.teaser}
      canonical={props.canonical}
      current={story.section}
      seo={props.seo}
      head={props.appBanner ? <meta name="apple-itunes-app" content={props.appBanner} /> : undefined}
    >
      <article class="article" lang={lang}>
        <h1>{story.headline}</h1>
        <p class="byline">
          By {agency.byline} | Updated:{' '}
          <time datetime={isoWithOffset(updated, props.zone)}>{formatReaderTime(updated, props.zone, props.zoneLabel)}</time>
        </p>
        <p class="teaser">{story.teaser}</p>
        <a class="open-app" href={props.appUrl}>
          Open in App
        </a>
        {props.lead !== null && <Picture image={props.lead} variant="lead" eager fallbackAlt={story.headline} />}
        <div class="body">
          {!bodyStartsWithDateline && <p class="dateline">{revision.dateline}</p>}
          <div dangerouslySetInnerHTML={{ __html: revision.body_html }} />
        </div>
        <p class="disclaimer">
          <strong>Disclaimer:</strong> {agency.disclaimer}
        </p>
      </article>
      <section class="related" aria-labelledby="related-across">
        <h2 id="related-across">Related Stories</h2>
        <StoryCards stories={props.related.across} sectionNames={props.sectionNames} />
      </section>
      <section class="related" aria-labelledby="related-section">
        <h2 id="related-section">{sectionName} Related Stories</h2>
        <StoryCards stories={props.related.sameSection} sectionNames={props.sectionNames} />
      </section>
    </Layout>
  );
}
