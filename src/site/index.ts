/**
 * The public site's surface for the rest of Wiredesk: the plugin, the page cache and its front
 * door, the surrogate keys other areas tag and purge by, content negotiation, and the page frame
 * the app and the e-paper render their pages in.
 */

export { createFrontDoor } from './cache/front-door.ts';
export { chooseEncoding } from './cache/http.ts';
export { keysForEvent, surrogateKey } from './cache/keys.ts';
export { type Encoding, PageCache } from './cache/page-cache.ts';
export { sitePlugin } from './routes.tsx';
export { openIndexedSearch } from './search-indexer.ts';
export { robotsMeta } from './seo/robots-policy.ts';
export { Layout, type SiteInfo } from './views/layout.tsx';
