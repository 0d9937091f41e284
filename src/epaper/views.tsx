import type { ComponentChildren } from 'preact';
import { Layout, type SiteInfo } from '../site/index.ts';
import type { EpaperEdition, EpaperPage } from '../store/index.ts';
import { longDate } from './day.ts';
import { type ImageFormat, pageImageName, RENDITIONS, type Rendition, renditionSize } from './page-images.ts';
import { EPAPER_ROOT, editionPath, filePath, pagePath, pdfPath } from './paths.ts';

/** The e-paper's pages. Everything works without JavaScript; viewer.js adds zoom and pan (OpenSeadragon), swipe, keys and clipping. */

export interface EditionChoice {
  slug: string;
  name: string;
  /** Dates with an edition, newest first. */
  dates: string[];
}

export interface Assets {
  css: string;
  js: string;
  /** OpenSeadragon's build, loaded before viewer.js on the page view only. */
  openseadragon: string;
}

interface Base {
  site: SiteInfo;
  canonical: string;
  assets: Assets;
}

function EpaperLayout(
  props: Base & {
    title: string;
    description: string;
    image?: { url: string; width: number; height: number };
    /** The page view zooms with OpenSeadragon; other pages do not load it. */
    zoom?: boolean;
    children: ComponentChildren;
  },
) {
  return (
    <Layout
      site={props.site}
      title={`${props.title} | ${props.site.name}`}
      description={props.description}
      canonical={props.canonical}
      current="epaper"
      seo={props.image === undefined ? undefined : { image: props.image }}
      head={
        <>
          <link rel="stylesheet" href={props.assets.css} />
          {props.zoom === true && <script src={props.assets.openseadragon} defer />}
          <script src={props.assets.js} defer />
        </>
      }
    >
      {props.children}
    </Layout>
  );
}

/** Edition and date pickers: only dates that have an edition are offered. */
export function EditionPicker(props: { editions: EditionChoice[]; edition: string; date: string | null }) {
  const current = props.editions.find((edition) => edition.slug === props.edition) ?? props.editions[0];
  const dates = Object.fromEntries(props.editions.map((edition) => [edition.slug, edition.dates]));
  return (
    <form class="ep-picker" action={EPAPER_ROOT} method="get" data-dates={JSON.stringify(dates)}>
      <label>
        Edition{' '}
        <select name="edition">
          {props.editions.map((edition) => (
            <option value={edition.slug} selected={edition.slug === current?.slug}>
              {edition.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Date{' '}
        <select name="date">
          {(current?.dates ?? []).map((date) => (
            <option value={date} selected={date === props.date}>
              {longDate(date)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">Open</button>
    </form>
  );
}

export function EpaperHome(
  props: Base & {
    editions: EditionChoice[];
    selected: string;
    notice: string | null;
    covers: { choice: EditionChoice; edition: EpaperEdition }[];
  },
) {
  return (
    <EpaperLayout {...props} title="Epaper" description={`Today's newspaper page by page, by city edition, from ${props.site.name}.`}>
      <h1>Epaper</h1>
      {props.notice !== null && <p class="notice">{props.notice}</p>}
      <EditionPicker editions={props.editions} edition={props.selected} date={null} />
      {props.covers.length === 0 ? (
        <p>No edition has been published yet.</p>
      ) : (
        <ul class="ep-covers">
          {props.covers.map(({ choice, edition }) => (
            <li>
              <a href={pagePath(edition.edition, edition.date, 1)}>
                <PageImage edition={edition} page={1} rendition="thumb" alt="" />
                <span class="ep-cover-name">{choice.name}</span>
                <span class="meta">{longDate(edition.date)}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </EpaperLayout>
  );
}

interface EditionBase extends Base {
  editions: EditionChoice[];
  edition: EpaperEdition;
  editionName: string;
  pages: EpaperPage[];
}

function editionTitle(props: { editionName: string; edition: EpaperEdition }): string {
  return `${props.editionName} edition, ${longDate(props.edition.date)}`;
}

/** The whole edition as a list of page images, each a link to its page: the viewer without JavaScript. */
export function EditionView(props: EditionBase) {
  const { edition } = props;
  return (
    <EpaperLayout {...props} title={editionTitle(props)} description={`All ${edition.page_count} pages of the ${editionTitle(props)}.`}>
      <h1>{editionTitle(props)}</h1>
      <EditionPicker editions={props.editions} edition={edition.edition} date={edition.date} />
      <EditionFacts {...props} />
      <ol class="ep-all">
        {props.pages.map((page) => (
          <li>
            <a href={pagePath(edition.edition, edition.date, page.page)}>
              {/* The caption below names the link; the page's text is on the page view. */}
              <PageImage edition={edition} page={page.page} rendition="normal" size={page} alt="" lazy={page.page > 1} />
              <span>Page {page.page}</span>
            </a>
          </li>
        ))}
      </ol>
    </EpaperLayout>
  );
}

function EditionFacts(props: EditionBase) {
  const { edition } = props;
  return (
    <p class="ep-facts">
      {edition.kind === 'digital' ? 'Digital edition compiled from the day’s agency stories. ' : 'Print edition. '}
      {edition.page_count} {edition.page_count === 1 ? 'page' : 'pages'}.{' '}
      <a href={pdfPath(edition.edition, edition.date)} download class="ep-download">
        Download PDF ({megabytes(edition.bytes)})
      </a>
    </p>
  );
}

export function PageView(props: EditionBase & { page: EpaperPage }) {
  const { edition, page } = props;
  const prev = page.page > 1 ? pagePath(edition.edition, edition.date, page.page - 1) : null;
  const next = page.page < edition.page_count ? pagePath(edition.edition, edition.date, page.page + 1) : null;
  const large = (format: ImageFormat): string => filePath(edition.version, pageImageName(page.page, 'large', format));
  return (
    <EpaperLayout
      {...props}
      zoom
      title={`Page ${page.page}, ${editionTitle(props)}`}
      description={`Page ${page.page} of ${edition.page_count} of the ${editionTitle(props)}.`}
    >
      <h1>
        {editionTitle(props)}: page {page.page}
      </h1>
      <EditionPicker editions={props.editions} edition={edition.edition} date={edition.date} />
      <EditionFacts {...props} />
      <div
        class="ep-viewer"
        data-clip={`${pagePath(edition.edition, edition.date, page.page)}/clip`}
        data-levels={JSON.stringify(zoomLevels(edition, page))}
      >
        <nav class="ep-toolbar" aria-label="Pages">
          {prev === null ? (
            <span class="ep-btn" aria-disabled="true">
              ← Previous
            </span>
          ) : (
            <a class="ep-btn" rel="prev" href={prev}>
              ← Previous
            </a>
          )}
          <span class="ep-count">
            Page {page.page} of {edition.page_count}
          </span>
          {next === null ? (
            <span class="ep-btn" aria-disabled="true">
              Next →
            </span>
          ) : (
            <a class="ep-btn" rel="next" href={next}>
              Next →
            </a>
          )}
          <span class="ep-tools" hidden>
            <button type="button" class="ep-btn" data-zoom="out" aria-label="Zoom out">
              −
            </button>
            <button type="button" class="ep-btn" data-zoom="in" aria-label="Zoom in">
              +
            </button>
            <button type="button" class="ep-btn" data-zoom="fit">
              Fit
            </button>
            <button type="button" class="ep-btn" data-clip-toggle aria-pressed="false">
              Clip
            </button>
          </span>
        </nav>
        <div class="ep-stage">
          <a class="ep-full" href={large('jpg')}>
            <PageImage
              edition={edition}
              page={page.page}
              rendition="normal"
              size={page}
              alt={`Page ${page.page} of the ${editionTitle(props)}`}
            />
          </a>
        </div>
        <p class="ep-hint meta" hidden>
          Swipe or use the arrow keys for other pages; pinch, scroll with Ctrl or double-click to zoom; drag to move a zoomed page. Clip:
          press Clip, then drag over the part you want.
        </p>
      </div>
      <nav aria-label="All pages">
        <ol class="ep-thumbs">
          {props.pages.map((entry) => (
            <li>
              <a href={pagePath(edition.edition, edition.date, entry.page)} aria-current={entry.page === page.page ? 'page' : undefined}>
                <PageImage edition={edition} page={entry.page} rendition="thumb" size={entry} alt="" lazy />
                <span>{entry.page}</span>
              </a>
            </li>
          ))}
        </ol>
      </nav>
      <p>
        <a href={editionPath(edition.edition, edition.date)}>All pages as a list</a>
      </p>
      {page.text !== '' && (
        <details class="ep-text">
          <summary>Text of this page</summary>
          <div>
            {page.text.split(/\n{2,}|\n/).map((line) => (
              <p>{line}</p>
            ))}
          </div>
        </details>
      )}
    </EpaperLayout>
  );
}

export function ClipView(
  props: Base & {
    title: string;
    pageHref: string;
    /** The clip image on this site, and the same as an absolute URL for link previews. */
    imagePath: string;
    imageUrl: string;
    shareUrl: string;
    size: { width: number; height: number };
  },
) {
  return (
    <EpaperLayout
      {...props}
      title={`Clip from ${props.title}`}
      description={`A clipping from the ${props.title}.`}
      image={{ url: props.imageUrl, ...props.size }}
    >
      <h1>Clip from the {props.title}</h1>
      <figure class="ep-clip">
        <img src={props.imagePath} width={props.size.width} height={props.size.height} alt={`Clipping from the ${props.title}`} />
      </figure>
      <p>
        <label>
          Link to share this clip <input class="ep-share" type="url" readonly value={props.shareUrl} size={60} />
        </label>
      </p>
      <p>
        <a href={props.imagePath} download>
          Download the clip image
        </a>{' '}
        · <a href={props.pageHref}>Back to the page</a>
      </p>
    </EpaperLayout>
  );
}

/**
 * The page's renditions, smallest first, as levels of OpenSeadragon's legacy-image-pyramid tile
 * source: the viewer shows whichever is sharp enough at the current zoom. Both formats are
 * listed; the script uses the one the browser chose for the <picture>.
 */
function zoomLevels(edition: EpaperEdition, page: EpaperPage): { width: number; height: number; webp: string; jpg: string }[] {
  const url = (rendition: Rendition, format: ImageFormat): string => filePath(edition.version, pageImageName(page.page, rendition, format));
  const levels = [...RENDITIONS]
    .reverse()
    .map(({ name }) => ({ ...renditionSize(name, page), webp: url(name, 'webp'), jpg: url(name, 'jpg') }));
  // A page rendered narrower than a rendition's width has that rendition at the same size as a larger one.
  return levels.filter((level, index) => levels.findIndex((other) => other.width === level.width) === index);
}

/** A page image as WebP with a JPEG fallback; the normal size offers the large one to high-density screens. */
function PageImage(props: {
  edition: EpaperEdition;
  page: number;
  rendition: Rendition;
  alt: string;
  size?: { width: number; height: number };
  lazy?: boolean;
}) {
  const { edition, page, rendition } = props;
  const url = (which: Rendition, format: ImageFormat): string => filePath(edition.version, pageImageName(page, which, format));
  const size = props.size;
  const srcset = (format: ImageFormat): string | undefined =>
    rendition === 'normal' && size !== undefined
      ? `${url('normal', format)} ${renditionSize('normal', size).width}w, ${url('large', format)} ${size.width}w`
      : undefined;
  const { width, height } = size === undefined ? { width: undefined, height: undefined } : renditionSize(rendition, size);
  const sizes = rendition === 'normal' ? '(max-width: 960px) 100vw, 900px' : undefined;
  return (
    <picture>
      <source type="image/webp" srcset={srcset('webp') ?? url(rendition, 'webp')} sizes={sizes} />
      <img
        src={url(rendition, 'jpg')}
        srcset={srcset('jpg')}
        sizes={sizes}
        width={width}
        height={height}
        alt={props.alt}
        loading={props.lazy === true ? 'lazy' : undefined}
        decoding="async"
      />
    </picture>
  );
}

function megabytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
