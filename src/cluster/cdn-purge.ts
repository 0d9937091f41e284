import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { PublishBus } from '../publish/index.ts';
import { isRemoteEvent } from '../publish/index.ts';
import { keysForEvent } from '../site/index.ts';

/**
 * Tells the CDN to drop every page a publish, update or kill changed, by surrogate key (the
 * same keys the site sends in `Surrogate-Key`). Only the node where the change was made calls
 * the CDN: the others hear of it over NOTIFY and purge only their own page cache.
 *
 * Two request shapes, the two purge APIs CDNs offer for tagged content:
 * - fastly: `POST <url>` with the keys space-separated in a `Surrogate-Key` header and the token
 *   in `Fastly-Key` (Fastly's "purge by surrogate key"; at most 256 keys a call);
 * - cloudflare: `POST <url>` with `{"tags": [...]}` and `Authorization: Bearer <token>`
 *   (Cloudflare's purge_cache by Cache-Tag; at most 30 tags a call).
 */
export type PurgeSettings = Config['cdn'];

const KEYS_PER_CALL = { fastly: 256, cloudflare: 30 } as const;
const ATTEMPTS = 3;

export interface PurgeRequest {
  url: string;
  headers: Record<string, string>;
  body: string | null;
}

/** The HTTP calls that purge these keys, split to the CDN's per-call limit. */
export function purgeRequests(settings: PurgeSettings & { purgeUrl: string }, keys: string[]): PurgeRequest[] {
  const unique = [...new Set(keys)];
  const requests: PurgeRequest[] = [];
  const size = KEYS_PER_CALL[settings.purgeStyle];
  for (let start = 0; start < unique.length; start += size) {
    const batch = unique.slice(start, start + size);
    if (settings.purgeStyle === 'fastly') {
      requests.push({
        url: settings.purgeUrl,
        headers: { 'surrogate-key': batch.join(' '), ...(settings.purgeToken === undefined ? {} : { 'fastly-key': settings.purgeToken }) },
        body: null,
      });
    } else {
      requests.push({
        url: settings.purgeUrl,
        headers: {
          'content-type': 'application/json',
          ...(settings.purgeToken === undefined ? {} : { authorization: `Bearer ${settings.purgeToken}` }),
        },
        body: JSON.stringify({ tags: batch }),
      });
    }
  }
  return requests;
}

/** Subscribes the purge hook to the bus; returns the unsubscribe function (a no-op without a URL). */
export function attachCdnPurge(bus: PublishBus, settings: PurgeSettings, log: Logger): () => void {
  const { purgeUrl } = settings;
  if (purgeUrl === undefined) return () => undefined;
  return bus.on(async (event) => {
    if (isRemoteEvent(event)) return;
    for (const request of purgeRequests({ ...settings, purgeUrl }, keysForEvent(event))) {
      await send(request, settings.purgeTimeoutMs, log, event.storyId);
    }
  });
}

/** A failed purge is retried twice, then logged as an error: the page then lives until its s-maxage ends. */
async function send(request: PurgeRequest, timeoutMs: number, log: Logger, storyId: number): Promise<void> {
  let failure = '';
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    try {
      const response = await fetch(request.url, {
        method: 'POST',
        headers: request.headers,
        body: request.body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.body?.cancel();
      if (response.ok) return;
      failure = `HTTP ${response.status}`;
      if (response.status < 500 && response.status !== 429) break;
    } catch (error) {
      failure = (error as Error).message;
    }
    if (attempt < ATTEMPTS) await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** attempt));
  }
  log.error({ url: request.url, storyId, reason: failure }, 'CDN purge failed');
}
