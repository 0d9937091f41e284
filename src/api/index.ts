/** The content API (read-only, for apps and partners). The signed push ingest lives in ingest.ts. */

export { ingestApiPlugin } from './ingest.ts';
export { type ApiKeyInfo, ApiKeys } from './keys.ts';
export { apiPlugin } from './routes.ts';
