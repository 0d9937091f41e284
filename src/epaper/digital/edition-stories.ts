import type { Kysely } from 'kysely';
import { storyPath } from '../../domain/index.ts';
import type { Database } from '../../store/index.ts';
import { dayBounds } from '../day.ts';

/** One story as the digital edition prints it. */
export interface PrintStory {
  id: number;
  section: string;
  headline: string;
  byline: string;
  dateline: string | null;
  body: string;
  disclaimer: string;
  /** Site path of the story, printed so a reader can find it online. */
  path: string;
}

export interface StorySelection {
  /** The edition's city slug: its city stories lead the paper. */
  city: string;
  date: string;
  zone: string;
  sections: { slug: string; name: string }[];
  perSection: number;
}

/**
 * The day's top stories for one edition: the edition city's own stories first, then the
 * latest of each section. Only published stories: held, killed and duplicate copy never print.
 */
export async function selectEditionStories(db: Kysely<Database>, selection: StorySelection): Promise<PrintStory[]> {
  const { start, end } = dayBounds(selection.date, selection.zone);
  const base = db
    .selectFrom('stories')
    .innerJoin('revisions', 'revisions.id', 'stories.current_revision_id')
    .innerJoin('agencies', 'agencies.id', 'stories.agency_id')
    .select([
      'stories.id',
      'stories.section',
      'stories.slug',
      'stories.headline',
      'stories.dateline',
      'revisions.byline',
      'revisions.body_text',
      'agencies.byline as agency_byline',
      'agencies.disclaimer',
    ])
    .where('stories.status', '=', 'published')
    .where('stories.first_published_at', '>=', start.toISOString())
    .where('stories.first_published_at', '<', end.toISOString())
    .orderBy('stories.updated_at', 'desc')
    .orderBy('stories.id', 'desc');
  const chosen = new Map<number, Awaited<ReturnType<typeof base.execute>>[number]>();
  for (const row of await base.where('stories.city', '=', selection.city).limit(selection.perSection).execute()) chosen.set(row.id, row);
  for (const section of selection.sections) {
    const rows = await base
      .where('stories.section', '=', section.slug)
      .limit(selection.perSection + chosen.size)
      .execute();
    for (const row of rows.filter((candidate) => !chosen.has(candidate.id)).slice(0, selection.perSection)) chosen.set(row.id, row);
  }
  return [...chosen.values()].map((row) => ({
    id: row.id,
    section: row.section,
    headline: row.headline,
    byline: row.byline ?? row.agency_byline,
    dateline: row.dateline,
    body: row.body_text,
    disclaimer: row.disclaimer,
    path: storyPath({ section: row.section, slug: row.slug, id: row.id }),
  }));
}
