import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type FetchLimits, fetchFeedOnce } from '../ingest/index.ts';
import type { Feed } from '../store/index.ts';
import { MediaRejected } from './image.ts';

/**
 * The bytes of one picture, fetched under the rules of the feed that named it. An http(s)
 * picture goes through the feed transport's own fetch (size cap, timeouts, redirects, the
 * private-address guard unless the feed allows it); the feed's credentials go with it only to
 * the feed's own origin. A `file:` picture is read only for a watch-folder feed and only from
 * inside that feed's folder: an agency drops pictures beside the XML.
 */

export interface SourceOptions {
  limits: FetchLimits;
  /** The folder a watch-folder feed reads, as the watch folder itself resolves it. */
  folderOf: (feed: Feed) => string;
}

export async function fetchPictureBytes(url: string, feed: Feed, options: SourceOptions): Promise<Buffer> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new MediaRejected('the URL is not a valid absolute URL');
  }
  if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return fetchOverHttp(parsed, feed, options.limits);
  if (parsed.protocol === 'file:') return readFromDropFolder(parsed, feed, options);
  throw new MediaRejected(`pictures are fetched over http, https or from the watch folder, not ${parsed.protocol}`);
}

async function fetchOverHttp(url: URL, feed: Feed, limits: FetchLimits): Promise<Buffer> {
  const sameOrigin = originOf(feed.location) === url.origin;
  const result = await fetchFeedOnce(
    { ...feed, location: url.href, credentials: sameOrigin ? feed.credentials : null, etag: null, last_modified: null },
    { limits, conditional: false },
  );
  if (result.kind !== 'body') throw new MediaRejected(`HTTP ${result.status} without a body`);
  return result.bytes;
}

function originOf(location: string): string | null {
  try {
    return new URL(location).origin;
  } catch {
    return null;
  }
}

/**
 * The watch folder moves each file it has taken into `processed/` or `failed/`, possibly
 * before the picture is read: the picture is looked for in all three places.
 */
async function readFromDropFolder(url: URL, feed: Feed, options: SourceOptions): Promise<Buffer> {
  if (feed.transport !== 'folder') throw new MediaRejected(`a ${feed.transport} feed may not name local files`);
  const folder = options.folderOf(feed);
  const file = fileURLToPath(url);
  if (!isInside(folder, file)) throw new MediaRejected("the file is outside the feed's watch folder");
  const directory = path.dirname(file);
  const name = path.basename(file);
  for (const candidate of [file, path.join(directory, 'processed', name), path.join(directory, 'failed', name)]) {
    const info = await stat(candidate).catch(() => null);
    if (info === null || !info.isFile()) continue;
    // A symbolic link dropped in the folder must not reach a file outside it.
    if (!isInside(await realpath(folder), await realpath(candidate)))
      throw new MediaRejected("the file is outside the feed's watch folder");
    if (info.size > options.limits.maxBodyBytes) {
      throw new MediaRejected(`file is ${info.size} bytes; the limit is ${options.limits.maxBodyBytes}`);
    }
    return readFile(candidate);
  }
  throw new MediaRejected(`no file ${name} in the watch folder`);
}

function isInside(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}
