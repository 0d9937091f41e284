import type { ComponentChildren, VNode } from 'preact';
import { jsxTemplate } from 'preact/jsx-runtime';
import { render } from 'preact-render-to-string';
import { type BrandImage, brandImage } from '../seo/brand-images.ts';
import { type PageSeo, SeoMeta } from '../seo/meta.tsx';
import { robotsMeta } from '../seo/robots-policy.ts';
import { SITE_CSS } from './styles.ts';

export interface NavSection {
  slug: string;
  name: string;
}

export interface SiteInfo {
  name: string;
  url: string;
  language: string;
  /** Sections in the navigation (the City section is shown as "City"). */
  sections: NavSection[];
  /** Browser UI colour (theme-color meta), the app's theme colour from config.app. */
  themeColor?: string;
}

export interface LayoutProps {
  site: SiteInfo;
  title: string;
  description: string;
  /** Absolute canonical URL of this page. */
  canonical: string;
  /** Navigation entry to mark as current ("home", a section slug, "city", "epaper"). */
  current?: string;
  lang?: string;
  /** Search-engine and link-preview facts; by default an indexable `website` page with the site's card image. */
  seo?: Partial<PageSeo>;
  /** Extra tags for <head> (rel links). */
  head?: ComponentChildren;
  children: ComponentChildren;
}

export function Layout(props: LayoutProps) {
  const { site } = props;
  const parts = staticPartsOf(site);
  const seo: PageSeo = { type: 'website', robots: INDEX, image: parts.cardImage, ...props.seo };
  const lang = props.lang ?? site.language;
  return (
    <html lang={lang}>
      <head>
        {parts.headStart}
        <title>{props.title}</title>
        <meta name="description" content={props.description} />
        <link rel="canonical" href={props.canonical} />
        {parts.headLinks}
        <SeoMeta
          seo={seo}
          siteName={site.name}
          title={props.title}
          description={props.description}
          canonical={props.canonical}
          locale={lang.replace('-', '_')}
        />
        {props.head}
        {parts.style}
      </head>
      <body>
        {parts.mastheads.get(props.current ?? '') ?? parts.mastheads.get('')}
        <main id="main" class="wrap">
          {props.children}
        </main>
        {parts.footer}
      </body>
    </html>
  );
}

const INDEX = robotsMeta('index');

/**
 * The parts of every page that depend only on the site's configuration, rendered to HTML once
 * per SiteInfo and put into each page as they are: they were about half of rendering a page's
 * layout. The masthead is kept once per navigation entry it can mark as current, and once with
 * none marked (for any other `current`, which marks nothing).
 */
interface StaticParts {
  headStart: VNode;
  headLinks: VNode;
  style: VNode;
  mastheads: Map<string, VNode>;
  footer: VNode;
  cardImage: BrandImage;
}

const staticParts = new WeakMap<SiteInfo, StaticParts>();

function staticPartsOf(site: SiteInfo): StaticParts {
  let parts = staticParts.get(site);
  if (parts === undefined) {
    const entries = navEntries(site);
    const mastheads = new Map([['', prerendered(<Masthead site={site} entries={entries} current="" />)]]);
    for (const entry of entries) mastheads.set(entry.key, prerendered(<Masthead site={site} entries={entries} current={entry.key} />));
    parts = {
      headStart: prerendered(
        <>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
        </>,
      ),
      headLinks: prerendered(
        <>
          <link rel="icon" href="data:," />
          <link rel="manifest" href="/manifest.webmanifest" />
          {site.themeColor !== undefined && <meta name="theme-color" content={site.themeColor} />}
          <script src="/app.js" defer />
          <link rel="alternate" type="application/rss+xml" title={`${site.name} (RSS)`} href="/feeds/rss.xml" />
        </>,
      ),
      style: prerendered(<style dangerouslySetInnerHTML={{ __html: SITE_CSS }} />),
      mastheads,
      footer: prerendered(<Footer site={site} />),
      cardImage: brandImage(site.url, 'card.png'),
    };
    staticParts.set(site, parts);
  }
  return parts;
}

/** Markup rendered now, to be put into later renders unchanged (preact's precompiled-template node). */
function prerendered(view: VNode): VNode {
  return jsxTemplate([render(view)]);
}

interface NavEntry {
  /** What `current` names to mark this entry. */
  key: string;
  href: string;
  label: string;
}

function navEntries(site: SiteInfo): NavEntry[] {
  return [
    { key: 'home', href: '/', label: 'Home' },
    ...site.sections
      .filter((section) => section.slug !== 'city')
      .map((section) => ({ key: section.slug, href: `/${section.slug}`, label: section.name })),
    { key: 'city', href: '/city', label: 'City' },
    { key: 'epaper', href: '/epaper', label: 'Epaper' },
    { key: 'search', href: '/search', label: 'Search' },
  ];
}

function Masthead(props: { site: SiteInfo; entries: NavEntry[]; current: string }) {
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="masthead">
        <div class="wrap">
          <a class="brand" href="/">
            {props.site.name}
          </a>
          <nav aria-label="Sections">
            <ul>
              {props.entries.map((entry) => (
                <NavItem href={entry.href} label={entry.label} current={props.current === entry.key} />
              ))}
            </ul>
          </nav>
        </div>
      </header>
    </>
  );
}

const FOOTER_LINKS = [
  ['/about', 'About us'],
  ['/contact', 'Contact'],
  ['/editorial-policy', 'Editorial policy'],
  ['/feeds/rss.xml', 'RSS'],
  ['/feeds/atom.xml', 'Atom'],
  ['/feeds/feed.json', 'JSON Feed'],
] as const;

function Footer(props: { site: SiteInfo }) {
  return (
    <footer class="footer">
      <div class="wrap">
        <p>{props.site.name} publishes news agency copy as the agencies send it, without changing a word.</p>
        <ul class="footer-links">
          {FOOTER_LINKS.map(([href, label]) => (
            <li>
              <a href={href}>{label}</a>
            </li>
          ))}
        </ul>
      </div>
    </footer>
  );
}

function NavItem(props: { href: string; label: string; current: boolean }) {
  return (
    <li>
      <a href={props.href} aria-current={props.current ? 'page' : undefined}>
        {props.label}
      </a>
    </li>
  );
}
