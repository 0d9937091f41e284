import sharp from 'sharp';

/**
 * The app's home-screen icons, drawn at start from one vector mark in the theme colour (no font
 * is needed, so the icons look the same on every server). "maskable" icons fill the whole
 * square and keep the mark inside the central safe zone, because Android crops them to a
 * circle or squircle; "any" icons are a rounded tile shown as is.
 */
export interface IconSpec {
  path: string;
  size: 192 | 512;
  purpose: 'any' | 'maskable';
}

export const ICONS: readonly IconSpec[] = [
  { path: '/app/icons/icon-192.png', size: 192, purpose: 'any' },
  { path: '/app/icons/icon-512.png', size: 512, purpose: 'any' },
  { path: '/app/icons/maskable-192.png', size: 192, purpose: 'maskable' },
  { path: '/app/icons/maskable-512.png', size: 512, purpose: 'maskable' },
];

/** A folded newspaper: masthead bar and three column lines, on a 100-unit grid. */
const MARK =
  '<rect x="28" y="30" width="44" height="9" rx="2"/><rect x="28" y="46" width="44" height="5" rx="2"/><rect x="28" y="56" width="44" height="5" rx="2"/><rect x="28" y="66" width="30" height="5" rx="2"/>';

export function iconSvg(purpose: IconSpec['purpose'], color: string): string {
  // The maskable safe zone is the central circle of 80% diameter: scale the mark into it.
  const tile =
    purpose === 'maskable'
      ? `<rect width="100" height="100" fill="${color}"/><g fill="#fff" transform="translate(15 15) scale(0.7)">${MARK}</g>`
      : `<rect width="100" height="100" rx="20" fill="${color}"/><g fill="#fff">${MARK}</g>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">${tile}</svg>`;
}

/** Every icon as PNG bytes, keyed by its path. */
export async function renderIcons(color: string): Promise<Map<string, Buffer>> {
  const rendered = await Promise.all(
    ICONS.map(async (icon) => {
      const png = await sharp(Buffer.from(iconSvg(icon.purpose, color)), { density: (72 * icon.size) / 100 })
        .resize(icon.size, icon.size)
        .png()
        .toBuffer();
      return [icon.path, png] as const;
    }),
  );
  return new Map(rendered);
}
