import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { renderImage } from './image.ts';
import type { TaskLimiter } from './limiter.ts';
import type { RenditionFormat } from './renditions.ts';

/**
 * Pictures on disk, content-addressed: `<root>/originals/ab/<sha256>` holds the agency's bytes
 * once however many stories show them, and `<root>/renditions/ab/<sha256>/<width>.<format>`
 * each size made from it. Renditions are made on first request and kept: a URL's bytes never
 * change, so a file that exists is the answer. Every write lands under a temporary name and is
 * renamed into place, so a reader never sees half a file.
 */
export class MediaFiles {
  readonly #making = new Map<string, Promise<string>>();

  constructor(
    private readonly root: string,
    private readonly encoders: TaskLimiter,
    private readonly maxPixels: number,
  ) {}

  originalPath(sha256: string): string {
    return path.join(this.root, 'originals', sha256.slice(0, 2), sha256);
  }

  renditionPath(sha256: string, width: number, format: RenditionFormat): string {
    return path.join(this.root, 'renditions', sha256.slice(0, 2), sha256, `${width}.${format}`);
  }

  async saveOriginal(sha256: string, bytes: Buffer): Promise<void> {
    const target = this.originalPath(sha256);
    if (await exists(target)) return;
    await writeAtomically(target, bytes);
  }

  async saveRendition(sha256: string, width: number, format: RenditionFormat, bytes: Buffer): Promise<void> {
    await writeAtomically(this.renditionPath(sha256, width, format), bytes);
  }

  /** Encodes one rendition through the shared encoder limit (used before the original is stored, too). */
  encode(bytes: Buffer, width: number, format: RenditionFormat): Promise<Buffer> {
    return this.encoders.run(() => renderImage(bytes, width, format, this.maxPixels));
  }

  /**
   * The path of a rendition, made now from the stored original if it is not on disk yet. Two
   * requests for the same new rendition share one encode.
   */
  rendition(sha256: string, width: number, format: RenditionFormat): Promise<string> {
    const target = this.renditionPath(sha256, width, format);
    const pending = this.#making.get(target);
    if (pending !== undefined) return pending;
    const making = (async () => {
      if (await exists(target)) return target;
      const original = await readFile(this.originalPath(sha256));
      await this.saveRendition(sha256, width, format, await this.encode(original, width, format));
      return target;
    })().finally(() => this.#making.delete(target));
    this.#making.set(target, making);
    return making;
  }
}

async function exists(file: string): Promise<boolean> {
  return (await stat(file).catch(() => null)) !== null;
}

async function writeAtomically(target: string, bytes: Buffer): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, bytes);
    await rename(temporary, target);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}
