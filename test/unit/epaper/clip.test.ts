import { describe, expect, it } from 'vitest';
import { formatClipRegion, parseClipRegion } from '../../../src/epaper/clip.ts';
import { parsePageImageName } from '../../../src/epaper/page-images.ts';

describe('clip regions', () => {
  it('reads a region as fractions of the page', () => {
    expect(parseClipRegion('0.1,0.25,0.4,0.3')).toEqual({ x: 0.1, y: 0.25, w: 0.4, h: 0.3 });
  });

  it('refuses regions off the page, too small, or not numbers', () => {
    for (const bad of [
      '0.7,0.1,0.5,0.2',
      '0.1,0.1,0.01,0.5',
      '-0.1,0,0.5,0.5',
      '0.1,0.1,0.5',
      'a,b,c,d',
      '1e1,0,0.5,0.5',
      undefined,
      ['0,0,1,1'],
    ]) {
      expect(parseClipRegion(bad), String(bad)).toBeNull();
    }
  });

  it('gives one region one spelling, so one clip has one URL', () => {
    expect(formatClipRegion({ x: 0.123456, y: 0.5, w: 0.25, h: 0.333333 })).toBe('0.1235,0.5,0.25,0.3333');
  });
});

describe('page image names', () => {
  it('names only page renditions, so an image URL can never reach another file', () => {
    expect(parsePageImageName('p12-normal.webp')).toEqual({ page: 12, rendition: 'normal', format: 'webp' });
    expect(parsePageImageName('p1-thumb.jpg')).toEqual({ page: 1, rendition: 'thumb', format: 'jpg' });
    for (const bad of ['edition.pdf', '../p1-thumb.jpg', 'p0-large.jpg', 'p1-huge.jpg', 'p1-large.png', 'p1-large.jpg.exe']) {
      expect(parsePageImageName(bad), bad).toBeNull();
    }
  });
});
