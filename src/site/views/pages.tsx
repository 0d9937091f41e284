import type { ComponentChildren } from 'preact';
import type { StoryCard } from '../reader.ts';
import { robotsMeta } from '../seo/robots-policy.ts';
import { Pager, StoryCards } from './cards.tsx';
import { Layout, type SiteInfo } from './layout.tsx';

interface PageBase {
  site: SiteInfo;
  canonical: string;
}

export function HomeView(
  props: PageBase & { top: StoryCard[]; blocks: { slug: string; name: string; stories: StoryCard[] }[]; description: string },
) {
  return (
    <Layout
      site={props.site}
      title={`${props.site.name}: latest news`}
      description={props.description}
      canonical={props.canonical}
      current="home"
    >
      <h1>Latest news</h1>
      <StoryCards stories={props.top} teasers />
      <div class="blocks">
        {props.blocks.map((block) => (
          <section aria-labelledby={`block-${block.slug}`}>
            <h2 id={`block-${block.slug}`}>
              <a href={`/${block.slug}`}>{block.name}</a>
            </h2>
            <StoryCards stories={block.stories} />
          </section>
        ))}
      </div>
    </Layout>
  );
}

export function ListingView(
  props: PageBase & {
    title: string;
    heading: string;
    description: string;
    current?: string;
    stories: StoryCard[];
    page: number;
    hasNext: boolean;
    basePath: string;
    intro?: ComponentChildren;
    /** The RSS feed that follows this list, if it has one. */
    feedPath?: string;
  },
) {
  const pageSuffix = props.page > 1 ? ` (page ${props.page})` : '';
  return (
    <Layout
      site={props.site}
      title={`${props.title}${pageSuffix} | ${props.site.name}`}
      description={props.description}
      canonical={props.canonical}
      current={props.current}
      head={
        <>
          {props.page > 1 && <link rel="prev" href={props.page === 2 ? props.basePath : `${props.basePath}?page=${props.page - 1}`} />}
          {props.hasNext && <link rel="next" href={`${props.basePath}?page=${props.page + 1}`} />}
          {props.feedPath !== undefined && (
            <link rel="alternate" type="application/rss+xml" title={`${props.heading} (RSS)`} href={props.feedPath} />
          )}
        </>
      }
    >
      <h1>
        {props.heading}
        {pageSuffix}
      </h1>
      {props.intro}
      {props.stories.length === 0 ? <p>No stories here yet.</p> : <StoryCards stories={props.stories} teasers />}
      <Pager basePath={props.basePath} page={props.page} hasNext={props.hasNext} />
    </Layout>
  );
}

export function CityIndex(props: { cities: { city: string; name: string; stories: number }[] }) {
  return (
    <section aria-labelledby="cities">
      <h2 id="cities">Cities</h2>
      <ul class="chips">
        {props.cities.map((entry) => (
          <li>
            <a href={`/city/${encodeURIComponent(entry.city)}`}>
              {entry.name} <span class="meta">({entry.stories})</span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** 404 and 410 both help the reader on: a search box and the latest stories. */
export function MissingView(props: PageBase & { gone: boolean; latest: StoryCard[]; headline?: string }) {
  const title = props.gone ? 'This story has been withdrawn' : 'Page not found';
  return (
    <Layout
      site={props.site}
      title={`${title} | ${props.site.name}`}
      description={title}
      canonical={props.canonical}
      seo={{ robots: robotsMeta('noindex') }}
    >
      <h1>{title}</h1>
      <p class="notice">
        {props.gone
          ? 'The agency withdrew this story, so it is no longer available on this site.'
          : 'We could not find the page you asked for. It may have moved, or the address may be mistyped.'}
      </p>
      <form action="/search" method="get" role="search">
        <label for="q">Search the news </label>
        <input id="q" name="q" type="search" />
        <button type="submit">Search</button>
      </form>
      <h2>Latest stories</h2>
      <StoryCards stories={props.latest} />
    </Layout>
  );
}

export function TextPage(props: PageBase & { title: string; description: string; current?: string; children: ComponentChildren }) {
  return (
    <Layout
      site={props.site}
      title={`${props.title} | ${props.site.name}`}
      description={props.description}
      canonical={props.canonical}
      current={props.current}
    >
      <h1>{props.title}</h1>
      {props.children}
    </Layout>
  );
}
