import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { MediaRejected, probeImage, renderImage } from '../../../src/media/image.ts';
import { pngClaiming, samplePhoto, truncatedPhoto } from './sample-pictures.ts';

const LIMIT = 50_000_000;

describe('probeImage', () => {
  it('reads format and size of a real picture', async () => {
    expect(await probeImage(await samplePhoto(1600, 1000), LIMIT)).toEqual({ format: 'jpeg', width: 1600, height: 1000 });
  });

  it('refuses bytes that are not a picture', async () => {
    const page = Buffer.from('<!DOCTYPE html><html><body><p>Sign in to see this photo</p></body></html>');
    await expect(probeImage(page, LIMIT)).rejects.toThrow(MediaRejected);
    await expect(probeImage(page, LIMIT)).rejects.toThrow(/^not a picture/);
  });

  it('refuses SVG, which is a document, not a picture', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>');
    await expect(probeImage(svg, LIMIT)).rejects.toThrow('not a picture format Wiredesk serves: svg');
  });

  it('refuses a decompression bomb from its header, before decoding it', async () => {
    await expect(probeImage(await pngClaiming(60_000, 60_000), LIMIT)).rejects.toThrow(
      'picture is 60000×60000 pixels (3600.0 megapixels); the limit is 50.0 megapixels',
    );
  });
});

describe('renderImage', () => {
  it('makes each format at the asked width, keeping the aspect ratio', async () => {
    const photo = await samplePhoto(1600, 1000);
    for (const [format, sharpName] of [
      ['avif', 'heif'],
      ['webp', 'webp'],
      ['jpg', 'jpeg'],
    ] as const) {
      const facts = await sharp(await renderImage(photo, 640, format, LIMIT)).metadata();
      expect([facts.format, facts.width, facts.height]).toEqual([sharpName, 640, 400]);
    }
  });

  it('never enlarges a small picture', async () => {
    const facts = await sharp(await renderImage(await samplePhoto(300, 200), 640, 'jpg', LIMIT)).metadata();
    expect([facts.width, facts.height]).toEqual([300, 200]);
  });

  it('refuses a picture whose pixels are cut short', async () => {
    await expect(renderImage(await truncatedPhoto(), 320, 'jpg', LIMIT)).rejects.toThrow(/^picture could not be decoded/);
  });
});
