import { describe, expect, it } from 'vitest';
import type { WireMedia } from '../../../src/domain/wire-item.ts';
import { picturesOf } from '../../../src/media/pictures.ts';
import { heightAt, largestJpeg, parseRenditionFile, renditionUrl, renditionWidths } from '../../../src/media/renditions.ts';

const HASH = 'ab'.repeat(32);

describe('rendition sizes and URLs', () => {
  it('serves every standard width below a large original and never enlarges', () => {
    expect(renditionWidths(4000)).toEqual([320, 640, 960, 1280]);
    expect(renditionWidths(1280)).toEqual([320, 640, 960, 1280]);
    expect(renditionWidths(800)).toEqual([320, 640, 800]);
    expect(renditionWidths(200)).toEqual([200]);
  });

  it('keeps the aspect ratio of the original', () => {
    expect(heightAt(640, { width: 1600, height: 1000 })).toBe(400);
    expect(heightAt(320, { width: 3000, height: 2000 })).toBe(213);
  });

  it('names the largest JPEG for social cards and structured data', () => {
    expect(largestJpeg({ sha256: HASH, width: 3000, height: 2000 })).toEqual({ url: `/media/${HASH}/1280.jpg`, width: 1280, height: 853 });
    expect(largestJpeg({ sha256: HASH, width: 500, height: 500 })).toEqual({ url: `/media/${HASH}/500.jpg`, width: 500, height: 500 });
  });

  it('round-trips a rendition URL and refuses anything else', () => {
    expect(renditionUrl(HASH, 640, 'webp')).toBe(`/media/${HASH}/640.webp`);
    expect(parseRenditionFile('640.webp')).toEqual({ width: 640, format: 'webp' });
    expect(parseRenditionFile('1280.jpg')).toEqual({ width: 1280, format: 'jpg' });
    for (const bad of ['640.png', '0640.jpg', '640.jpg.exe', '../640.jpg', '640', '999999.avif'])
      expect(parseRenditionFile(bad)).toBeNull();
  });
});

describe('which media of a revision are pictures', () => {
  const media = (url: string, kind: WireMedia['kind'], mimeType: string | null = null): WireMedia => ({
    url,
    kind,
    mimeType,
    width: null,
    height: null,
    caption: `caption of ${url}`,
    credit: null,
  });

  it('takes images and undeclared picture files in order, skips video and audio, keeps the agency position', () => {
    const wanted = picturesOf(
      [
        media('https://wire.example/clip.mp4', 'video', 'video/mp4'),
        media('https://wire.example/a.jpg', 'image', 'image/jpeg'),
        media('https://wire.example/b.PNG', 'other'),
        media('https://wire.example/notes.pdf', 'other'),
        media('https://wire.example/c', 'other', 'application/octet-stream'),
      ],
      6,
    );
    expect(wanted.map((picture) => [picture.position, picture.url])).toEqual([
      [1, 'https://wire.example/a.jpg'],
      [2, 'https://wire.example/b.PNG'],
    ]);
    expect(wanted[0]?.caption).toBe('caption of https://wire.example/a.jpg');
  });

  it('takes at most the configured number', () => {
    const many = Array.from({ length: 10 }, (_, i) => media(`https://wire.example/${i}.jpg`, 'image'));
    expect(picturesOf(many, 3)).toHaveLength(3);
    expect(picturesOf(many, 0)).toEqual([]);
  });
});
