import sharp, { type Metadata, type Sharp } from 'sharp';
import type { RenditionFormat } from './renditions.ts';

/**
 * Everything Wiredesk asks of sharp: is this really a picture, how big is it, and one
 * rendition of it. Bytes from an agency are untrusted: the pixel count is checked from the
 * header before anything is decoded, and every decode carries the same pixel limit.
 */

/** A picture refused, with the reason recorded in its `media_failed` event. */
export class MediaRejected extends Error {
  override name = 'MediaRejected';
}

export interface ImageFacts {
  format: string;
  /** As a reader sees it, after EXIF orientation. */
  width: number;
  height: number;
}

/** Raster formats agencies send. SVG (a document that can fetch and script) and PDF are refused. */
const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp', 'heif', 'avif', 'gif', 'tiff']);

export async function probeImage(bytes: Buffer, maxPixels: number): Promise<ImageFacts> {
  let metadata: Metadata;
  try {
    // Only the header is read here, so no limit is needed yet: the pixel count is checked below.
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw new MediaRejected(`not a picture: ${(error as Error).message}`);
  }
  const format = metadata.format ?? 'unknown';
  if (!ACCEPTED_FORMATS.has(format)) throw new MediaRejected(`not a picture format Wiredesk serves: ${format}`);
  const { width, height } = metadata.autoOrient;
  if (!(width > 0 && height > 0)) throw new MediaRejected(`picture has no size in its header (${format})`);
  if (width * height > maxPixels) {
    throw new MediaRejected(`picture is ${width}×${height} pixels (${megapixels(width * height)}); the limit is ${megapixels(maxPixels)}`);
  }
  return { format, width, height };
}

/** Encoder settings chosen for size at a quality readers do not notice; AVIF effort 2 keeps a first request near a second. */
const ENCODERS: Record<RenditionFormat, (image: Sharp) => Sharp> = {
  avif: (image) => image.avif({ quality: 50, effort: 2 }),
  webp: (image) => image.webp({ quality: 75 }),
  // JPEG has no transparency: transparent pixels become the page's white, not black.
  jpg: (image) => image.flatten({ background: '#ffffff' }).jpeg({ quality: 78, mozjpeg: true }),
};

/** One rendition: oriented, resized to `width` (never enlarged), metadata stripped, in sRGB. */
export async function renderImage(bytes: Buffer, width: number, format: RenditionFormat, maxPixels: number): Promise<Buffer> {
  const image = sharp(bytes, { limitInputPixels: maxPixels, failOn: 'error' }).autoOrient().resize({ width, withoutEnlargement: true });
  try {
    return await ENCODERS[format](image).toBuffer();
  } catch (error) {
    throw new MediaRejected(`picture could not be decoded: ${(error as Error).message}`);
  }
}

function megapixels(pixels: number): string {
  return `${(pixels / 1_000_000).toFixed(1)} megapixels`;
}
