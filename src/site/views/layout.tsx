import type { ComponentChildren } from 'preact';
import { brandImage } from '../seo/brand-images.ts';
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
  const navSections = site.sections.filter((section) => section.slug !== 'city');
  const seo: PageSeo = { type: 'website', robots: robotsMeta('index'), image: brandImage(site.url, 'card.png'), ...props.seo };
  const lang = props.lang ?? site.language;
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
        <meta name="description" content={props.description} />
        <link rel="canonical" href={props.canonical} />
        <link rel="icon" href="data:," />
        <link rel="manifest" href="/manifest.webmanifest" />
        {site.themeColor !== undefined && <meta name="theme-color" content={site.themeColor} />}
        <script src="/app.js" defer />
        <link rel="alternate" type="application/rss+xml" title={`${site.name} (RSS)`} href="/feeds/rss.xml" />
        <SeoMeta
          seo={seo}
          siteName={site.name}
          title={props.title}
          description={props.description}
          canonical={props.canonical}
          locale={lang.replace('-', '_')}
        />
        {props.head}
        <style dangerouslySetInnerHTML={{ __html: SITE_CSS }} />
      </head>
      <body>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header class="masthead">
          <div class="wrap">
            <a class="brand" href="/">
              {site.name}
            </a>
            <nav aria-label="Sections">
              <ul>
                <NavItem href="/" label="Home" current={props.current === 'home'} />
                {navSections.map((section) => (
                  <NavItem href={`/${section.slug}`} label={section.name} current={props.current === section.slug} />
                ))}
                <NavItem href="/city" label="City" current={props.current === 'city'} />
                <NavItem href="/epaper" label="Epaper" current={props.current === 'epaper'} />
                <NavItem href="/search" label="Search" current={props.current === 'search'} />
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" class="wrap">
          {props.children}
        </main>
        <footer class="footer">
          <div class="wrap">
            <p>{site.name} publishes news agency copy as the agencies send it, without changing a word.</p>
            <ul class="footer-links">
              <li>
                <a href="/about">About us</a>
              </li>
              <li>
                <a href="/contact">Contact</a>
              </li>
              <li>
                <a href="/editorial-policy">Editorial policy</a>
              </li>
              <li>
                <a href="/feeds/rss.xml">RSS</a>
              </li>
              <li>
                <a href="/feeds/atom.xml">Atom</a>
              </li>
              <li>
                <a href="/feeds/feed.json">JSON Feed</a>
              </li>
            </ul>
          </div>
        </footer>
      </body>
    </html>
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
