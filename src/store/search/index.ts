import type { Store } from '../db.ts';
import type { StoryCard } from '../story-card.ts';
import { PostgresSearch } from './postgres.ts';
import { SqliteSearch } from './sqlite.ts';

/**
 * Full-text search over published stories, behind one small interface so each store engine can
 * use its own index (SQLite FTS5 in sqlite.ts; PostgreSQL tsvector + GIN in postgres.ts). Queries are
 * untrusted reader input: every engine treats them as plain words, never as query syntax.
 */
export interface SearchHit {
  story: StoryCard;
  /** A passage of the body, HTML-escaped, with the matched words in <mark>. */
  snippetHtml: string;
}

export interface SearchResults {
  hits: SearchHit[];
  total: number;
}

export interface SearchEngine {
  /** `page` counts from 1. A query with no words finds nothing. */
  search(query: string, page: number, pageSize: number): Promise<SearchResults>;
  index(storyId: number, headline: string, body: string, language: string | null): Promise<void>;
  remove(storyId: number): Promise<void>;
}

export function openSearch(store: Store): SearchEngine {
  return store.dialect === 'sqlite' ? new SqliteSearch(store.db) : new PostgresSearch(store.db);
}

export { queryWords } from './query.ts';
