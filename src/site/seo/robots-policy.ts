/**
 * What search engines may do with a page. Syndicated agency copy appears on many sites, so each
 * agency carries an indexing policy: `index` (default), `noindex-news` (kept out of Google News
 * only) or `noindex` (kept out of search). Every page allows large image previews.
 */
export type IndexingPolicy = 'index' | 'noindex-news' | 'noindex';

export interface RobotsMeta {
  /** The `robots` meta content. */
  robots: string;
  /** True when Googlebot-News must not index the page. */
  noindexNews: boolean;
}

const PREVIEW = 'max-image-preview:large';

export function robotsMeta(policy: IndexingPolicy): RobotsMeta {
  return {
    robots: policy === 'noindex' ? `noindex, follow, ${PREVIEW}` : `index, follow, ${PREVIEW}`,
    noindexNews: policy !== 'index',
  };
}

/** An agency's stored policy; anything unknown is treated as the safe default, `index`. */
export function indexingPolicyOf(value: string): IndexingPolicy {
  return value === 'noindex' || value === 'noindex-news' ? value : 'index';
}
