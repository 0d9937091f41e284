/** The domain's words: wire items, the normalized items and routes ingest makes of them, their lifecycle and identity, slugs, datelines, teasers and dates. Pure functions, no I/O. Other areas import from here only. */
export * from './dateline.ts';
export * from './dates.ts';
export * from './dedupe.ts';
export * from './identity.ts';
export * from './lifecycle.ts';
export * from './normalized-item.ts';
export * from './route.ts';
export * from './simhash.ts';
export * from './slug.ts';
export * from './status-map.ts';
export * from './story-status.ts';
export * from './teaser.ts';
export * from './wire-item.ts';
