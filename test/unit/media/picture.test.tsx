import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { render } from 'preact-render-to-string';
import { afterAll, describe, expect, it } from 'vitest';
import type { StoryImage } from '../../../src/media/index.ts';
import { Picture } from '../../../src/site/views/picture.tsx';

const HASH = 'c0ffee'.padEnd(64, '0');
const PHOTO: StoryImage = {
  sha256: HASH,
  width: 1600,
  height: 1000,
  caption: 'Ferry passengers wait under a "monsoon" sky at the Gateway jetty',
  credit: 'Sample Wire / R. Kulkarni',
};

describe('<Picture>', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'wiredesk-picture-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('renders the lead photo: AVIF and WebP sources, a sized JPEG fallback, caption and credit', () => {
    const html = render(<Picture image={PHOTO} variant="lead" eager />);
    const widths = [320, 640, 960, 1280];
    for (const format of ['avif', 'webp']) {
      const srcset = widths.map((width) => `/media/${HASH}/${width}.${format} ${width}w`).join(', ');
      expect(html).toContain(`<source type="image/${format}" srcset="${srcset}" sizes="(max-width: 752px) calc(100vw - 32px), 720px"/>`);
    }
    expect(html).toContain(`src="/media/${HASH}/960.jpg"`);
    expect(html).toContain(`srcset="${widths.map((width) => `/media/${HASH}/${width}.jpg ${width}w`).join(', ')}"`);
    expect(html).toContain('width="720" height="450"');
    expect(html).toContain('alt="Ferry passengers wait under a &quot;monsoon&quot; sky at the Gateway jetty"');
    expect(html).toContain('fetchpriority="high"');
    expect(html).not.toContain('loading=');
    expect(html).toMatch(
      /<figcaption>Ferry passengers .* jetty <span class="credit">Photo: Sample Wire \/ R\. Kulkarni<\/span><\/figcaption>/,
    );
  });

  it('loads lazily unless told the picture is above the fold', () => {
    const html = render(<Picture image={PHOTO} variant="lead" />);
    expect(html).toContain('loading="lazy"');
    expect(html).not.toContain('fetchpriority');
  });

  it('falls back to the given alt text and leaves out an empty caption', () => {
    const html = render(
      <Picture image={{ ...PHOTO, caption: null, credit: null }} variant="lead" fallbackAlt="Monsoon reaches Mumbai early" />,
    );
    expect(html).toContain('alt="Monsoon reaches Mumbai early"');
    expect(html).not.toContain('<figcaption');
  });

  it('renders a list thumbnail: small widths only, decorative, lazy, no figure', () => {
    const html = render(<Picture image={PHOTO} variant="thumb" />);
    expect(html).toMatch(/^<picture class="thumb">/);
    expect(html).toContain(`srcset="/media/${HASH}/320.webp 320w"`);
    expect(html).not.toContain('640.');
    expect(html).toContain('width="144" height="90"');
    // Preact writes an empty alt as the bare attribute `alt`, which HTML reads as alt="".
    expect(html).toMatch(/ alt[ />]/);
    expect(html).toContain('loading="lazy"');
    expect(html).not.toContain('<figure');
  });

  it('never declares a small picture larger than it is', () => {
    const html = render(<Picture image={{ ...PHOTO, width: 400, height: 300 }} variant="lead" />);
    expect(html).toContain(`srcset="/media/${HASH}/320.avif 320w, /media/${HASH}/400.avif 400w"`);
    expect(html).toContain('width="400" height="300"');
  });

  it('is valid HTML for the Nu HTML Checker', async () => {
    const page = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Pictures</title></head><body><main>${render(
      <Picture image={PHOTO} variant="lead" eager />,
    )}<ul><li><a href="/national/a-story">A story</a>${render(<Picture image={PHOTO} variant="thumb" />)}</li></ul></main></body></html>`;
    const file = path.join(work, 'picture.html');
    writeFileSync(file, page);
    const jar = path.resolve('node_modules/vnu-jar/build/dist/vnu.jar');
    const result = await promisify(execFile)('java', ['-jar', jar, '--format', 'json', '--stdout', '--errors-only', file]).catch(
      // Exit 1 means "errors found"; the report is still on stdout.
      (error: { stdout?: string; code?: number }) => {
        if (error.code === 1 && error.stdout !== undefined) return { stdout: error.stdout };
        throw error;
      },
    );
    const messages = (JSON.parse(result.stdout) as { messages: { message: string }[] }).messages.map((m) => m.message);
    expect(messages).toEqual([]);
  }, 120_000);
});
