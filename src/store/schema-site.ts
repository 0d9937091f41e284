/**
 * Tables of the public site. `search_documents` is the dialect-neutral text of every published
 * story that search can find; each engine indexes it its own way (SQLite: an FTS5 table kept in
 * step by triggers; PostgreSQL: tsvector + GIN).
 */
export interface SearchDocumentTable {
  story_id: number;
  headline: string;
  body: string;
  language: string | null;
  indexed_at: string;
}

export interface SiteTables {
  search_documents: SearchDocumentTable;
}
