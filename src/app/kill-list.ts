import type { Kysely } from 'kysely';
import { storyPath } from '../domain/index.ts';
import type { Database } from '../store/index.ts';

/**
 * What the service worker asks while online. It names the stories it holds; the answer lists
 * the ones no longer published (killed, withheld, unpublished or unknown), which it purges.
 * Asking about what the worker holds, rather than listing every kill since a date, keeps the
 * answer small and never hands out the slugs of killed stories.
 */
export const MAX_KILL_LIST_IDS = 200;

export function parseStoryIds(raw: unknown): number[] | null {
  if (typeof raw !== 'string') return raw === undefined ? [] : null;
  if (raw === '') return [];
  const parts = raw.split(',');
  if (parts.length > MAX_KILL_LIST_IDS || !parts.every((part) => /^\d{1,15}$/.test(part))) return null;
  return [...new Set(parts.map(Number))];
}

export async function goneStoryIds(db: Kysely<Database>, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const published = await db.selectFrom('stories').select('id').where('id', 'in', ids).where('status', '=', 'published').execute();
  const live = new Set(published.map((row) => row.id));
  return ids.filter((id) => !live.has(id));
}

/** The front page's top stories, which the worker keeps readable offline. */
export async function topStoryPaths(db: Kysely<Database>, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('stories')
    .select(['id', 'section', 'slug'])
    .where('status', '=', 'published')
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(storyPath);
}
