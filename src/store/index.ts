/** The store: opening and migrating the database, its schema types, the reads every public surface shares, search, and locks. Other areas import from here only. */
export * from './db.ts';
export * from './locks.ts';
export * from './migration-helpers.ts';
export * from './prepared-query.ts';
export * from './published.ts';
export * from './schema.ts';
export * from './schema-admin.ts';
export * from './schema-epaper.ts';
export * from './schema-media.ts';
export * from './schema-related.ts';
export * from './search/index.ts';
export * from './story-card.ts';
