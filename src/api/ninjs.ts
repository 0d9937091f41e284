import { storyPath } from '../domain/index.ts';
import type { Agency, Revision, Story } from '../store/index.ts';

/**
 * One story as IPTC ninjs 2.1 (https://iptc.org/std/ninjs/): the form news apps and partner
 * systems already read. The body is the agency's HTML exactly as published on the site.
 */
export const NINJS_SCHEMA_URI = 'http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json';

export interface NinjsSource {
  story: Story;
  revision: Revision;
  agency: Agency;
  tags: string[];
}

export interface NinjsContext {
  siteUrl: string;
  /** Absolute URL of /api/v1, the namespace of each story's `uri`. */
  apiBase: string;
  sectionName: string;
}

export function toNinjs(source: NinjsSource, context: NinjsContext): Record<string, unknown> {
  const { story, revision, agency, tags } = source;
  const words = revision.body_text.split(/\s+/).filter((word) => word.length > 0).length;
  const ninjs: Record<string, unknown> = {
    uri: `${context.apiBase}/stories/${story.id}`,
    standard: { name: 'ninjs', version: '2.1', schema: NINJS_SCHEMA_URI },
    type: 'text',
    representationtype: 'full',
    profile: 'wiredesk-story',
    version: String(revision.version ?? revision.id),
    firstcreated: story.first_published_at ?? story.updated_at,
    versioncreated: story.updated_at,
    pubstatus: 'usable',
    copyrightholder: agency.name,
    usageterms: agency.disclaimer,
    headlines: [{ role: 'main', value: story.headline }],
    descriptions: [{ role: 'summary', contenttype: 'text/plain', value: story.teaser }],
    bodies: [{ role: 'main', contenttype: 'text/html', value: revision.body_html, charcount: revision.body_text.length, wordcount: words }],
    by: agency.byline,
    subjects: [
      { name: context.sectionName, rel: 'section', literal: story.section },
      ...tags.map((tag) => ({ name: tag, rel: 'tag', literal: tag })),
    ],
    infosources: [{ name: agency.name, role: 'originator', literal: agency.id }],
    altids: [
      { role: 'agency-guid', value: story.guid },
      { role: 'web', value: new URL(storyPath(story), context.siteUrl).href },
    ],
  };
  if (story.language !== null) ninjs.language = story.language;
  if (revision.priority !== null && revision.priority >= 1 && revision.priority <= 9) ninjs.urgency = revision.priority;
  if (revision.place !== null) {
    ninjs.located = revision.place;
    ninjs.places = [{ name: revision.place, rel: 'dateline', ...(story.city === null ? {} : { literal: story.city }) }];
  }
  return ninjs;
}
