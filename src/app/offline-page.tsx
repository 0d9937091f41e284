import { Layout, robotsMeta, type SiteInfo } from '../site/index.ts';

/** What the service worker shows for a page it has not kept while the reader is offline. */
export function OfflinePage(props: { site: SiteInfo; canonical: string }) {
  return (
    <Layout
      site={props.site}
      title={`You are offline | ${props.site.name}`}
      description="This page has not been saved for reading offline."
      canonical={props.canonical}
      seo={{ robots: robotsMeta('noindex') }}
    >
      <h1>You are offline</h1>
      <p>This page has not been saved on this device. The front page and the stories you opened recently can still be read.</p>
      <p>
        <a href="/">Go to the front page</a>
      </p>
    </Layout>
  );
}
