import sharp from 'sharp';

/**
 * The site's own images for structured data and link previews: a publisher logo (Google wants a
 * raster logo no taller than 60 px) and a 1200×630 card used when a story has no photo. Drawn
 * from shapes, not text, so they look the same on any machine whatever fonts it has.
 */
export interface BrandImage {
  url: string;
  width: number;
  height: number;
}

export type BrandImageName = 'logo.png' | 'card.png';

const SIZES: Record<BrandImageName, { width: number; height: number }> = {
  'logo.png': { width: 600, height: 60 },
  'card.png': { width: 1200, height: 630 },
};

export const BRAND_IMAGE_NAMES = Object.keys(SIZES) as BrandImageName[];

export function brandImage(siteUrl: string, name: BrandImageName): BrandImage {
  return { url: new URL(`/${name}`, siteUrl).href, ...SIZES[name] };
}

/** A "W" drawn as a stroke inside a box of the given size at (x, y). */
function mark(x: number, y: number, size: number): string {
  const points = [
    [0, 0.1],
    [0.25, 0.9],
    [0.5, 0.35],
    [0.75, 0.9],
    [1, 0.1],
  ]
    .map(([px = 0, py = 0]) => `${x + px * size},${y + py * size}`)
    .join(' ');
  return `<polyline points="${points}" fill="none" stroke="#fff" stroke-width="${size / 8}" stroke-linejoin="round" stroke-linecap="round"/>`;
}

function svgOf(name: BrandImageName): string {
  const { width, height } = SIZES[name];
  const body =
    name === 'logo.png'
      ? `<rect width="60" height="60" rx="8" fill="#b3131b"/>${mark(10, 10, 40)}<rect x="76" y="24" width="500" height="12" rx="6" fill="#111"/>`
      : `<rect width="${width}" height="${height}" fill="#fff"/><rect y="${height - 40}" width="${width}" height="40" fill="#b3131b"/><rect x="450" y="165" width="300" height="300" rx="40" fill="#b3131b"/>${mark(495, 210, 210)}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${body}</svg>`;
}

const rendered = new Map<BrandImageName, Promise<Buffer>>();

/** The PNG bytes, drawn once per process. */
export function brandImagePng(name: BrandImageName): Promise<Buffer> {
  let png = rendered.get(name);
  if (png === undefined) {
    png = sharp(Buffer.from(svgOf(name)))
      .png({ compressionLevel: 9 })
      .toBuffer();
    rendered.set(name, png);
  }
  return png;
}
