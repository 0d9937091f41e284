/**
 * The responsive sizes and formats a stored picture is served in, and their URLs. Pure rules
 * shared by the server (which URLs exist) and the <Picture> component (which URLs to list).
 */

/** Widths in CSS pixels at 1x to 2x on phones and the 720 px article column. */
export const RENDITION_WIDTHS = [320, 640, 960, 1280] as const;

export const RENDITION_FORMATS = ['avif', 'webp', 'jpg'] as const;
export type RenditionFormat = (typeof RENDITION_FORMATS)[number];

export const CONTENT_TYPES: Record<RenditionFormat, string> = {
  avif: 'image/avif',
  webp: 'image/webp',
  jpg: 'image/jpeg',
};

/**
 * The widths a picture `originalWidth` pixels wide is served at: every standard width below
 * it, plus the original width itself when it is narrower than the largest standard width.
 * Pictures are never enlarged.
 */
export function renditionWidths(originalWidth: number): number[] {
  const largest = RENDITION_WIDTHS[RENDITION_WIDTHS.length - 1] ?? originalWidth;
  const below = RENDITION_WIDTHS.filter((width) => width < originalWidth);
  return originalWidth <= largest ? [...below, originalWidth] : [...below];
}

/** The height of a rendition `width` wide, keeping the original's aspect ratio. */
export function heightAt(width: number, original: { width: number; height: number }): number {
  return Math.max(1, Math.round((width * original.height) / original.width));
}

/** The largest JPEG of a picture, absolute-URL-ready: for og:image, twitter:image and JSON-LD `image`. */
export function largestJpeg(image: { sha256: string; width: number; height: number }): { url: string; width: number; height: number } {
  const width = renditionWidths(image.width).at(-1) ?? image.width;
  return { url: renditionUrl(image.sha256, width, 'jpg'), width, height: heightAt(width, image) };
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;

/** The stable, cacheable URL of one rendition: `/media/<sha256>/<width>.<format>`. */
export function renditionUrl(sha256: string, width: number, format: RenditionFormat): string {
  return `/media/${sha256}/${width}.${format}`;
}

/** Parses the file part of a rendition URL (`640.webp`), or null when it names no rendition. */
export function parseRenditionFile(file: string): { width: number; format: RenditionFormat } | null {
  const match = /^([1-9]\d{0,4})\.(avif|webp|jpg)$/.exec(file);
  if (match === null) return null;
  return { width: Number(match[1]), format: match[2] as RenditionFormat };
}
