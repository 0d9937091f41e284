import path from 'node:path';
import sharp from 'sharp';
import type { RenderedPage } from './pdf.ts';

/**
 * The images of one e-paper page: a large rendering for zoom, a normal one for reading and a
 * thumbnail for the page strip, each as WebP with a JPEG fallback for browsers without it.
 */

export const RENDITIONS = [
  { name: 'large', width: 1800 },
  { name: 'normal', width: 900 },
  { name: 'thumb', width: 180 },
] as const;

export type Rendition = (typeof RENDITIONS)[number]['name'];
export type ImageFormat = 'webp' | 'jpg';

/** Pages are rendered at the large width, and never taller than this (a scroll-shaped page stays a sane size). */
export const LARGE_WIDTH: number = RENDITIONS[0].width;
export const MAX_HEIGHT = 6000;

/** File name of one page image inside an edition's folder: "p3-normal.webp". */
export function pageImageName(page: number, rendition: Rendition, format: ImageFormat): string {
  return `p${page}-${rendition}.${format}`;
}

const IMAGE_NAME = /^p([1-9]\d{0,3})-(large|normal|thumb)\.(webp|jpg)$/;

/** The parts of a page image name, or null for any other name (so a URL can never reach another file). */
export function parsePageImageName(name: string): { page: number; rendition: Rendition; format: ImageFormat } | null {
  const match = IMAGE_NAME.exec(name);
  if (match === null) return null;
  return { page: Number(match[1]), rendition: match[2] as Rendition, format: match[3] as ImageFormat };
}

/** The width of a rendition for a page whose large rendering is `largeWidth` wide. */
export function renditionWidth(rendition: Rendition, largeWidth: number): number {
  const spec = RENDITIONS.find((entry) => entry.name === rendition) ?? RENDITIONS[0];
  return Math.min(spec.width, largeWidth);
}

/** The pixel size of a rendition of a page whose large rendering is `large`. */
export function renditionSize(rendition: Rendition, large: { width: number; height: number }): { width: number; height: number } {
  const width = renditionWidth(rendition, large.width);
  return { width, height: Math.round((large.height * width) / large.width) };
}

export async function writePageImages(folder: string, page: number, rendered: RenderedPage): Promise<void> {
  const source = sharp(Buffer.from(rendered.pixels.buffer, rendered.pixels.byteOffset, rendered.pixels.byteLength), {
    raw: { width: rendered.width, height: rendered.height, channels: 4 },
  }).removeAlpha();
  await Promise.all(
    RENDITIONS.flatMap((rendition) => {
      const sized = source.clone().resize({ width: renditionWidth(rendition.name, rendered.width), withoutEnlargement: true });
      return [
        sized
          .clone()
          // Effort 2 of 6: a little larger, several times faster to encode a 1800-pixel page.
          .webp({ quality: 80, effort: 2 })
          .toFile(path.join(folder, pageImageName(page, rendition.name, 'webp'))),
        sized
          .clone()
          .jpeg({ quality: 82 })
          .toFile(path.join(folder, pageImageName(page, rendition.name, 'jpg'))),
      ];
    }),
  );
}
