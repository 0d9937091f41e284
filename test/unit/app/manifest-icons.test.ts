import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ICONS, renderIcons } from '../../../src/app/icons.ts';
import { webAppManifest } from '../../../src/app/manifest.ts';
import { loadConfig } from '../../../src/config.ts';

describe('the web app manifest', () => {
  const config = loadConfig({ env: {}, file: null, overrides: { siteName: 'Lantern Daily', app: { themeColor: '#123456' } as never } });

  it('makes an installable standalone app in the configured colours', () => {
    const manifest = webAppManifest(config);
    expect(manifest).toMatchObject({
      name: 'Lantern Daily',
      short_name: 'Lantern Daily',
      display: 'standalone',
      start_url: '/?source=pwa',
      scope: '/',
      theme_color: '#123456',
      background_color: '#ffffff',
    });
    const icons = manifest.icons as { sizes: string; purpose: string }[];
    for (const size of ['192x192', '512x512']) {
      for (const purpose of ['any', 'maskable']) expect(icons).toContainEqual(expect.objectContaining({ sizes: size, purpose }));
    }
  });
});

describe('the app icons', () => {
  it('are PNGs of the sizes the manifest names, drawn in the theme colour', async () => {
    const icons = await renderIcons('#123456');
    expect([...icons.keys()]).toEqual(ICONS.map((icon) => icon.path));
    for (const icon of ICONS) {
      const png = icons.get(icon.path) as Buffer;
      const meta = await sharp(png).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['png', icon.size, icon.size]);
      // The centre of the top edge is background: the theme colour on every kind of icon.
      const { data } = await sharp(png)
        .extract({ left: icon.size / 2, top: 2, width: 1, height: 1 })
        .raw()
        .toBuffer({ resolveWithObject: true });
      expect([...data.subarray(0, 3)]).toEqual([0x12, 0x34, 0x56]);
    }
  });

  it('fill the whole square when maskable, and have transparent rounded corners otherwise', async () => {
    const icons = await renderIcons('#123456');
    const corner = async (path: string) => {
      const { data, info } = await sharp(icons.get(path) as Buffer)
        .ensureAlpha()
        .extract({ left: 0, top: 0, width: 1, height: 1 })
        .raw()
        .toBuffer({ resolveWithObject: true });
      return data[info.channels - 1];
    };
    expect(await corner('/app/icons/maskable-512.png')).toBe(255);
    expect(await corner('/app/icons/icon-512.png')).toBe(0);
  });
});
