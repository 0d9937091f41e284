import type { Agency } from '../../store/index.ts';
import { indexingPolicyOf } from '../seo/robots-policy.ts';

/**
 * The transparency pages Google News expects of a publisher: who runs the site, how to reach it,
 * how stories get here (auto-published agency copy), and one page per agency.
 */

export function AboutText(props: { siteName: string; agencies: Agency[] }) {
  return (
    <>
      <p>
        {props.siteName} is a news site built on agency wire copy. Stories arrive from the news agencies we subscribe to and are published
        here within seconds, in the agencies' own words.
      </p>
      <h2>Our agencies</h2>
      <ul>
        {props.agencies.map((agency) => (
          <li>
            <a href={`/agency/${agency.id}`}>{agency.name}</a>
          </li>
        ))}
      </ul>
      <p>
        Read our <a href="/editorial-policy">editorial policy</a> to learn how stories are published, updated and withdrawn, or{' '}
        <a href="/contact">contact us</a>.
      </p>
    </>
  );
}

export function ContactText(props: { siteName: string; email: string }) {
  return (
    <>
      <p>
        Write to the {props.siteName} desk at <a href={`mailto:${props.email}`}>{props.email}</a> for corrections, complaints, requests to
        withdraw a story, or anything else.
      </p>
      <p>
        Each story comes from a news agency: a correction to the text is made by the agency, and reaches this site as soon as the agency
        sends it. Tell us about an error and we will pass it on.
      </p>
    </>
  );
}

export function EditorialPolicyText(props: { siteName: string }) {
  return (
    <>
      <h2>Auto-published agency copy</h2>
      <p>
        Stories on {props.siteName} are published automatically from the feeds of the news agencies we subscribe to. They are not written or
        edited by our staff: the headline, summary and text are exactly what the agency sent, and each story carries a notice saying so.
      </p>
      <h2>Updates and corrections</h2>
      <p>
        When an agency updates or corrects a story, the new version replaces the old one here and the story's “Updated” time changes.
        Earlier versions are kept in our records.
      </p>
      <h2>Withdrawn stories</h2>
      <p>
        When an agency withdraws (kills) a story, it is removed at once from its page, every list, search, feeds and sitemaps, and its
        address tells visitors and search engines that it is gone.
      </p>
      <h2>Sections, cities and tags</h2>
      <p>Stories are filed into sections, cities and topics by rules based on the agency's own categories and datelines.</p>
    </>
  );
}

const POLICY_TEXT = {
  index: 'Its stories may appear in search engines and news aggregators.',
  'noindex-news': 'Its stories may appear in web search but are kept out of Google News, where the agency’s own copy is listed.',
  noindex: 'Its stories are kept out of search engines: the agency’s copy appears on many sites, and search lists the original.',
} as const;

export function AgencyText(props: { siteName: string; agency: Agency }) {
  const { agency } = props;
  return (
    <>
      <p>
        {agency.name} is a news agency whose stories {props.siteName} publishes automatically. They appear under the byline “By{' '}
        {agency.byline}”.
      </p>
      <h2>How its stories are published</h2>
      <p>Each story from {agency.name} is published as the agency sent it, within seconds of its arrival, and is shown with this notice:</p>
      <blockquote>{agency.disclaimer}</blockquote>
      <p>
        Updates and corrections from {agency.name} replace the earlier version; a story the agency withdraws is removed from this site at
        once. {POLICY_TEXT[indexingPolicyOf(agency.indexing_policy)]}
      </p>
    </>
  );
}
