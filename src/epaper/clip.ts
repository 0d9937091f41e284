import sharp from 'sharp';

/**
 * A clip is a rectangle of a page, given as fractions of the page's width and height so it
 * names the same region at every image size: "x,y,w,h", e.g. "0.1,0.25,0.4,0.3".
 */
export interface ClipRegion {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Smallest clip side, as a fraction of the page: smaller is a slip of the finger. */
const MIN_SIDE = 0.02;

export function parseClipRegion(text: unknown): ClipRegion | null {
  if (typeof text !== 'string' || !/^[\d.]+(,[\d.]+){3}$/.test(text)) return null;
  const [x, y, w, h] = text.split(',').map(Number) as [number, number, number, number];
  if ([x, y, w, h].some((value) => !Number.isFinite(value))) return null;
  if (w < MIN_SIDE || h < MIN_SIDE || x < 0 || y < 0 || x + w > 1.0001 || y + h > 1.0001) return null;
  return { x, y, w, h };
}

/** The canonical text of a region (four decimals), so one region has one URL. */
export function formatClipRegion(region: ClipRegion): string {
  return [region.x, region.y, region.w, region.h].map((value) => Number(value.toFixed(4))).join(',');
}

/** Cuts the region out of a page image of the given size, as a JPEG no wider than `maxWidth`. */
export async function cropClip(
  image: string,
  size: { width: number; height: number },
  region: ClipRegion,
  maxWidth: number,
): Promise<Buffer> {
  const left = Math.floor(region.x * size.width);
  const top = Math.floor(region.y * size.height);
  return sharp(image)
    .extract({
      left,
      top,
      width: Math.max(1, Math.min(size.width - left, Math.round(region.w * size.width))),
      height: Math.max(1, Math.min(size.height - top, Math.round(region.h * size.height))),
    })
    .resize({ width: maxWidth, withoutEnlargement: true })
    .jpeg({ quality: 85, mozjpeg: true })
    .toBuffer();
}
