import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { fetchPictureBytes } from '../../../src/media/source.ts';
import type { Feed } from '../../../src/store/schema.ts';

const root = mkdtempSync(path.join(tmpdir(), 'wiredesk-source-'));
const folder = path.join(root, 'drop', 'sample');
mkdirSync(path.join(folder, 'failed'), { recursive: true });
writeFileSync(path.join(folder, 'beside.jpg'), 'beside');
writeFileSync(path.join(folder, 'failed', 'moved.jpg'), 'moved');
writeFileSync(path.join(root, 'secret.jpg'), 'secret');
symlinkSync(path.join(root, 'secret.jpg'), path.join(folder, 'link.jpg'));

const LIMITS = { maxBodyBytes: 1024, connectTimeoutMs: 1000, fetchTimeoutMs: 1000, maxRedirects: 2 };
const options = { limits: LIMITS, folderOf: () => folder };

function feedOf(transport: string): Feed {
  return { id: 'sample-drop', agency_id: 'sample', transport, location: 'sample' } as Feed;
}

const fileUrl = (file: string) => pathToFileURL(path.join(folder, file)).href;

describe('pictures from the watch folder', () => {
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('reads a picture dropped beside the XML', async () => {
    expect((await fetchPictureBytes(fileUrl('beside.jpg'), feedOf('folder'), options)).toString()).toBe('beside');
  });

  it('finds a picture the watch folder has already moved aside', async () => {
    expect((await fetchPictureBytes(fileUrl('moved.jpg'), feedOf('folder'), options)).toString()).toBe('moved');
  });

  it('refuses files outside the feed folder, by path or by symbolic link', async () => {
    for (const url of [pathToFileURL(path.join(root, 'secret.jpg')).href, fileUrl('link.jpg')]) {
      await expect(fetchPictureBytes(url, feedOf('folder'), options)).rejects.toThrow("the file is outside the feed's watch folder");
    }
  });

  it('refuses local files named by a feed that is not a watch folder', async () => {
    await expect(fetchPictureBytes(fileUrl('beside.jpg'), feedOf('http'), options)).rejects.toThrow('a http feed may not name local files');
  });

  it('says which picture is missing and which schemes are refused', async () => {
    await expect(fetchPictureBytes(fileUrl('gone.jpg'), feedOf('folder'), options)).rejects.toThrow('no file gone.jpg in the watch folder');
    await expect(fetchPictureBytes('ftp://wire.example/a.jpg', feedOf('folder'), options)).rejects.toThrow(/not ftp:/);
  });
});
