import type { WireMedia } from '../domain/index.ts';

/** One picture of a revision to fetch, with its place in the agency's media list. */
export interface WantedPicture {
  position: number;
  url: string;
  caption: string | null;
  credit: string | null;
}

/** Extensions that name a picture when the agency declared neither a medium nor a MIME type. */
const PICTURE_PATH = /\.(jpe?g|png|webp|avif|gif|tiff?)$/i;

/**
 * The pictures among a revision's media, in the agency's order, at most `max`. Videos and
 * audio are left alone; an undeclared object counts when its URL's path ends like a picture.
 */
export function picturesOf(media: WireMedia[], max: number): WantedPicture[] {
  const wanted: WantedPicture[] = [];
  media.forEach((item, position) => {
    if (wanted.length >= max || !isPicture(item)) return;
    wanted.push({ position, url: item.url, caption: item.caption, credit: item.credit });
  });
  return wanted;
}

function isPicture(media: WireMedia): boolean {
  if (media.kind === 'image') return true;
  if (media.kind !== 'other' || media.mimeType !== null) return false;
  try {
    return PICTURE_PATH.test(new URL(media.url).pathname);
  } catch {
    return false;
  }
}

/** The media list of a stored revision (JSON text); anything unreadable is no media. */
export function parseRevisionMedia(json: string): WireMedia[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter(isWireMedia) : [];
  } catch {
    return [];
  }
}

function isWireMedia(value: unknown): value is WireMedia {
  const media = value as Partial<WireMedia> | null;
  return typeof media === 'object' && media !== null && typeof media.url === 'string' && typeof media.kind === 'string';
}
