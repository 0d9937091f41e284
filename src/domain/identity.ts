import { createHash } from 'node:crypto';

/**
 * Identity is (agency, guid). When an agency sends no guid, the identity falls back to a
 * stable hash of the link, then of headline + first-created time: never a random id, so a
 * re-send is recognised as the same story.
 */
export function fallbackGuid(link: string | null, headline: string, firstCreated: Date | null): string | null {
  if (link !== null && link.trim() !== '') return `link:${sha256(link.trim()).slice(0, 32)}`;
  if (headline.trim() !== '' && firstCreated !== null) {
    return `title:${sha256(`${headline.trim()}\u0000${firstCreated.toISOString()}`).slice(0, 32)}`;
  }
  return null;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
