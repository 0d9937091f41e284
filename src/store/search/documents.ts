import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import { indexableText } from './query.ts';

/** Writes the dialect-neutral search documents; each engine's index follows them. */
export async function upsertDocument(
  db: Kysely<Database>,
  storyId: number,
  headline: string,
  body: string,
  language: string | null,
): Promise<void> {
  const values = { headline: indexableText(headline), body: indexableText(body), language, indexed_at: new Date().toISOString() };
  await db
    .insertInto('search_documents')
    .values({ story_id: storyId, ...values })
    .onConflict((oc) => oc.column('story_id').doUpdateSet(values))
    .execute();
}

export async function deleteDocument(db: Kysely<Database>, storyId: number): Promise<void> {
  await db.deleteFrom('search_documents').where('story_id', '=', storyId).execute();
}
