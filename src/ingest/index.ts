/** Ingest: parsing every wire format, normalizing, routing and de-duplicating items, and the transports that bring them in. Other areas import from here only. */
export * from './formats/index.ts';
export * from './inspect.ts';
export * from './normalize.ts';
export * from './pipeline.ts';
export * from './route.ts';
export * from './rules.ts';
export * from './transports/backoff.ts';
export * from './transports/credentials.ts';
export * from './transports/http-fetch.ts';
export * from './transports/http-poll.ts';
export * from './transports/push.ts';
export * from './transports/watch-folder.ts';
