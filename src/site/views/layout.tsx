import type { ComponentChildren } from 'preact';
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
  /** Extra tags for <head> (structured data, robots, rel links). */
  head?: ComponentChildren;
  children: ComponentChildren;
}

export function Layout(props: LayoutProps) {
  const { site } = props;
  const navSections = site.sections.filter((section) => section.slug !== 'city');
  return (
    <html lang={props.lang ?? site.language}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
        <meta name="description" content={props.description} />
        <link rel="canonical" href={props.canonical} />
        <link rel="icon" href="data:," />
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
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" class="wrap">
          {props.children}
        </main>
        <footer class="footer">
          <div class="wrap">
            <p>
              {site.name} publishes news agency copy as the agencies send it. <a href="/">Home</a>
            </p>
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
