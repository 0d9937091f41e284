import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { PageAnswer } from './http.ts';

/**
 * Rendered responses kept in memory, bounded in bytes (body plus its gzip and brotli forms),
 * least recently used first out. Each page names its surrogate keys (the stories, sections,
 * cities and tags it shows), so a publish event purges exactly the pages that show the story.
 */
export interface RenderedPage {
  status: number;
  contentType: string;
  body: string;
  /** Surrogate keys, e.g. `story-12`, `section-technology`, `home`. */
  keys: string[];
  lastModified: Date;
}

export type Encoding = 'br' | 'gzip' | 'identity';

export interface PreparedPage {
  status: number;
  contentType: string;
  keys: string[];
  lastModified: Date;
  etag: string;
  /** Header values made once per page rather than on every request. */
  headerValues: { lastModified: string; surrogateKey: string };
  /** The body in each encoding, made when first needed (all three at once for a cached page). */
  bodies: Partial<Record<Encoding, Buffer>>;
  /** Replies already made for this page, by variant (see http.ts answerFor). */
  answers: Map<string, PageAnswer>;
}

export function preparePage(rendered: RenderedPage): PreparedPage {
  const identity = Buffer.from(rendered.body, 'utf8');
  return {
    status: rendered.status,
    contentType: rendered.contentType,
    keys: rendered.keys,
    lastModified: rendered.lastModified,
    // Weak: the gzip and brotli bodies are the same representation, byte-different.
    etag: `W/"${createHash('sha1').update(identity).digest('base64url')}"`,
    headerValues: { lastModified: rendered.lastModified.toUTCString(), surrogateKey: rendered.keys.join(' ') },
    bodies: { identity },
    answers: new Map(),
  };
}

/**
 * The body in an encoding, compressed when first asked for. A page nobody stored is compressed
 * for this one response, so for speed (gzip level 1, brotli quality 1: about half the time of
 * the stored settings on an article, for 5–10 % more bytes); a page going into the cache is
 * compressed hard once by `compressForStorage` and served many times.
 */
export function bodyIn(page: PreparedPage, encoding: Encoding): Buffer {
  const body = page.bodies[encoding] ?? compress(page.bodies.identity as Buffer, encoding, 'once');
  page.bodies[encoding] = body;
  return body;
}

/** Gives a page its gzip and brotli bodies at the settings worth paying for a page served many times. */
function compressForStorage(page: PreparedPage): void {
  const identity = page.bodies.identity as Buffer;
  page.bodies.gzip = compress(identity, 'gzip', 'stored');
  page.bodies.br = compress(identity, 'br', 'stored');
}

function compress(identity: Buffer, encoding: Encoding, use: 'once' | 'stored'): Buffer {
  if (encoding === 'identity') return identity;
  if (encoding === 'gzip') return gzipSync(identity, { level: use === 'stored' ? 9 : 1 });
  return brotliCompressSync(identity, {
    params: {
      // Quality 5 gets within a few per cent of 11 on a page at a tenth of the time; 7–9 are
      // far slower still here. Stored pages are compressed on every cache fill, so time matters.
      [constants.BROTLI_PARAM_QUALITY]: use === 'stored' ? 5 : 1,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: identity.length,
    },
  });
}

function sizeOf(page: PreparedPage): number {
  return Object.values(page.bodies).reduce((sum, body) => sum + body.length, 0);
}

export class PageCache {
  readonly #entries = new Map<string, { page: PreparedPage; bytes: number; expires: number }>();
  readonly #byKey = new Map<string, Set<string>>();
  #bytes = 0;
  #purges = 0;
  /** Requests answered from the cache and requests that had to render, for /metrics. */
  readonly lookups = { hit: 0, miss: 0 };

  constructor(
    private readonly maxBytes: number,
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get enabled(): boolean {
    return this.maxBytes > 0;
  }

  get bytes(): number {
    return this.#bytes;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(url: string): PreparedPage | undefined {
    const entry = this.#entries.get(url);
    if (entry === undefined) return undefined;
    if (entry.expires <= this.now()) {
      this.#delete(url);
      return undefined;
    }
    // Re-insert: a Map iterates in insertion order, so the front is always the least recently used.
    this.#entries.delete(url);
    this.#entries.set(url, entry);
    return entry.page;
  }

  count(result: 'hit' | 'miss'): void {
    this.lookups[result]++;
  }

  /** Taken before rendering and handed to set(): a page rendered while a purge ran is not stored. */
  ticket(): number {
    return this.#purges;
  }

  /**
   * Stores a page with every encoding made up front. A page larger than the whole budget is not
   * kept, nor one whose render began before the latest purge: it may show a story just killed.
   */
  set(url: string, page: PreparedPage, ticket: number): void {
    if (!this.enabled || ticket !== this.#purges) return;
    compressForStorage(page);
    const bytes = sizeOf(page) + url.length;
    if (bytes > this.maxBytes) return;
    this.#delete(url);
    while (this.#bytes + bytes > this.maxBytes) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#delete(oldest);
    }
    this.#entries.set(url, { page, bytes, expires: this.now() + this.maxAgeMs });
    this.#bytes += bytes;
    for (const key of page.keys) {
      let urls = this.#byKey.get(key);
      if (urls === undefined) {
        urls = new Set();
        this.#byKey.set(key, urls);
      }
      urls.add(url);
    }
  }

  /** Removes every page carrying any of the keys; returns the URLs removed. */
  purge(keys: Iterable<string>): string[] {
    this.#purges++;
    const urls = new Set<string>();
    for (const key of keys) for (const url of this.#byKey.get(key) ?? []) urls.add(url);
    for (const url of urls) this.#delete(url);
    return [...urls];
  }

  #delete(url: string): void {
    const entry = this.#entries.get(url);
    if (entry === undefined) return;
    this.#entries.delete(url);
    this.#bytes -= entry.bytes;
    for (const key of entry.page.keys) {
      const urls = this.#byKey.get(key);
      urls?.delete(url);
      if (urls?.size === 0) this.#byKey.delete(key);
    }
  }
}
