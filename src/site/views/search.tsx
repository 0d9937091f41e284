import { storyPath } from '../../domain/index.ts';
import type { EpaperPageHit } from '../../epaper/index.ts';
import type { SearchHit } from '../../store/index.ts';
import { robotsMeta } from '../seo/robots-policy.ts';
import { Layout, type SiteInfo } from './layout.tsx';

export interface SearchViewProps {
  site: SiteInfo;
  canonical: string;
  query: string;
  hits: SearchHit[];
  /** Print e-paper pages whose text has every word. */
  epaperHits: EpaperPageHit[];
  total: number;
  page: number;
  pageSize: number;
  sectionNames: Map<string, string>;
}

/** Search results with highlighted passages; a clear message when there is nothing to show. */
export function SearchView(props: SearchViewProps) {
  const { query, total, page } = props;
  const title = query === '' ? 'Search' : `Search: ${query}`;
  const pages = Math.ceil(total / props.pageSize);
  const href = (target: number): string => `/search?q=${encodeURIComponent(query)}${target > 1 ? `&page=${target}` : ''}`;
  return (
    <Layout
      site={props.site}
      title={`${title} | ${props.site.name}`}
      description={`Search the news on ${props.site.name}.`}
      canonical={props.canonical}
      current="search"
      seo={{ robots: robotsMeta('noindex') }}
    >
      <h1>Search</h1>
      <form class="search-form" action="/search" method="get" role="search">
        <label for="search-q">Search the news</label>
        <input id="search-q" name="q" type="search" value={query} />
        <button type="submit">Search</button>
      </form>
      {query === '' ? (
        <p>Type one or more words to find stories by their headline or text.</p>
      ) : total === 0 ? (
        <p class="notice" role="status">
          No stories match “{query}”. Try fewer or different words.
        </p>
      ) : (
        <>
          <p role="status">
            {total === 1 ? '1 story' : `${total} stories`} match “{query}”{pages > 1 ? ` (page ${page} of ${pages})` : ''}.
          </p>
          <ol class="cards">
            {props.hits.map((hit) => (
              <li>
                <span class="label">{props.sectionNames.get(hit.story.section) ?? hit.story.section}</span>
                <a href={storyPath(hit.story)} lang={hit.story.language ?? undefined}>
                  {hit.story.headline}
                </a>
                <p class="snippet" lang={hit.story.language ?? undefined} dangerouslySetInnerHTML={{ __html: hit.snippetHtml }} />
              </li>
            ))}
          </ol>
          {pages > 1 && (
            <nav class="pager" aria-label="Result pages">
              {page > 1 ? (
                <a href={href(page - 1)} rel="prev">
                  ← Previous results
                </a>
              ) : (
                <span />
              )}
              {page < pages && (
                <a href={href(page + 1)} rel="next">
                  More results →
                </a>
              )}
            </nav>
          )}
        </>
      )}
      {props.epaperHits.length > 0 && (
        <section aria-labelledby="epaper-hits">
          <h2 id="epaper-hits">From the e-paper</h2>
          <ol class="cards">
            {props.epaperHits.map((hit) => (
              <li>
                <a href={hit.path}>
                  {hit.editionName} edition, {hit.dateLabel}, page {hit.page}
                </a>
                <p class="snippet">{hit.snippet}</p>
              </li>
            ))}
          </ol>
        </section>
      )}
    </Layout>
  );
}
