import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { type PublishBus, type PublishEvent, recordEvent } from '../publish/index.ts';
import type { Database, Feed, StoryMediaTable } from '../store/index.ts';
import { MediaRejected, probeImage } from './image.ts';
import { TaskLimiter } from './limiter.ts';
import type { MediaFiles } from './media-files.ts';
import { parseRevisionMedia, picturesOf, type WantedPicture } from './pictures.ts';
import { renditionWidths } from './renditions.ts';
import { currentMediaOf, findAsset, pictureFetchedFrom, replaceStoryMedia, saveAsset } from './repository.ts';
import { fetchPictureBytes } from './source.ts';

/**
 * Fetches the pictures of each story the publish bus announces, after the story is already
 * live: ingest never waits for an image server. A picture that cannot be fetched or is not a
 * picture becomes a `media_failed` event with the URL and the reason; the story simply shows
 * no photo. When a story's pictures change, an `updated` event tells page caches to redraw it.
 */

export interface CollectorOptions {
  media: Config['media'];
  limits: Config['limits'];
  /** The folder a watch-folder feed reads (WatchFolder.folderOf). */
  folderOf: (feed: Feed) => string;
  log: Logger;
  now?: () => Date;
}

export interface CollectResult {
  stored: number;
  failed: number;
  /** The story's pictures differ from what it showed before. */
  changed: boolean;
}

const COLLECTED_ON = new Set<PublishEvent['type']>(['published', 'updated', 'restored']);

export class MediaCollector {
  readonly #stories: TaskLimiter;
  /** One collection per story at a time, in event order, so an older revision never wins. */
  readonly #perStory = new Map<number, Promise<void>>();
  readonly #now: () => Date;
  /** The events this collector emitted itself: hearing them back would only fetch failed pictures again. */
  readonly #announced = new WeakSet<PublishEvent>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly files: MediaFiles,
    private readonly bus: PublishBus,
    private readonly options: CollectorOptions,
  ) {
    this.#stories = new TaskLimiter(options.media.fetchConcurrency);
    this.#now = options.now ?? (() => new Date());
  }

  /** Collects on every event that can bring a story new pictures; the bus's `settled()` waits for it. */
  subscribe(): () => void {
    return this.bus.on(async (event) => {
      if (COLLECTED_ON.has(event.type) && !this.#announced.has(event)) await this.refresh(event.storyId);
    });
  }

  /**
   * Collects the story's pictures after any collection of it already under way, and announces
   * a change the way any change is announced: page caches, the CDN and other nodes redraw it.
   */
  async refresh(storyId: number): Promise<CollectResult | null> {
    const previous = this.#perStory.get(storyId) ?? Promise.resolve();
    const run = previous.then(() => this.#stories.run(() => this.collect(storyId)));
    const done = run.then(
      () => undefined,
      () => undefined,
    );
    this.#perStory.set(storyId, done);
    void done.then(() => {
      if (this.#perStory.get(storyId) === done) this.#perStory.delete(storyId);
    });
    const result = await run;
    if (result?.changed) await this.#announce(storyId);
    return result;
  }

  /** Makes the story's stored pictures those of its current revision. */
  async collect(storyId: number): Promise<CollectResult | null> {
    const current = await currentMediaOf(this.db, storyId);
    if (current === null) return null;
    const wanted = picturesOf(parseRevisionMedia(current.media), this.options.media.maxPerStory);
    const before = await this.db.selectFrom('story_media').selectAll().where('story_id', '=', storyId).orderBy('position').execute();
    const rows: StoryMediaTable[] = [];
    let failed = 0;
    for (const picture of wanted) {
      try {
        const sha256 = await this.#stored(picture, current.feed);
        rows.push({ story_id: storyId, ...rowOf(picture), sha256, created_at: this.#now().toISOString() });
      } catch (error) {
        failed++;
        const reason = (error as Error).message;
        this.options.log.warn({ storyId, url: picture.url, reason }, 'picture not taken');
        await recordEvent(this.db, 'media_failed', storyId, current.feed?.id ?? null, { url: picture.url, reason }, this.#now());
      }
    }
    const changed = fingerprint(before) !== fingerprint(rows);
    if (changed) await replaceStoryMedia(this.db, storyId, rows);
    return { stored: rows.length, failed, changed };
  }

  /** The sha256 of the picture, fetched and stored unless this node already holds it. */
  async #stored(picture: WantedPicture, feed: Feed | null): Promise<string> {
    const known = await pictureFetchedFrom(this.db, picture.url);
    if (known !== null && (await stat(this.files.originalPath(known)).catch(() => null)) !== null) return known;
    if (feed === null) throw new MediaRejected('the story has no feed, so no transport rules to fetch its pictures under');
    const bytes = await fetchPictureBytes(picture.url, feed, {
      limits: { ...this.options.limits, maxBodyBytes: this.options.media.maxBytes },
      folderOf: this.options.folderOf,
    });
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const asset = (await findAsset(this.db, sha256)) ?? (await this.#validate(sha256, bytes));
    await this.files.saveOriginal(sha256, bytes);
    return asset.sha256;
  }

  /**
   * sharp reads the header (format, size, pixel limit), then decodes the whole picture into
   * its smallest JPEG rendition: a truncated or corrupt file fails here, not on a reader's
   * first request, and list thumbnails are ready at once.
   */
  async #validate(sha256: string, bytes: Buffer) {
    const facts = await probeImage(bytes, this.options.media.maxPixels);
    const smallest = renditionWidths(facts.width)[0] ?? facts.width;
    const thumbnail = await this.files.encode(bytes, smallest, 'jpg');
    await this.files.saveRendition(sha256, smallest, 'jpg', thumbnail);
    const asset = { sha256, ...facts, bytes: bytes.length, created_at: this.#now().toISOString() };
    await saveAsset(this.db, asset);
    return asset;
  }

  async #announce(storyId: number): Promise<void> {
    const story = await this.db.selectFrom('stories').select(['status', 'section', 'city']).where('id', '=', storyId).executeTakeFirst();
    if (story?.status !== 'published') return;
    const tags = await this.db.selectFrom('story_tags').select('tag').where('story_id', '=', storyId).execute();
    const event: PublishEvent = {
      type: 'updated',
      storyId,
      sections: [story.section],
      cities: story.city === null ? [] : [story.city],
      tags: tags.map((row) => row.tag),
      at: this.#now().toISOString(),
    };
    this.#announced.add(event);
    this.bus.emit(event);
  }
}

function rowOf(picture: WantedPicture) {
  return { position: picture.position, source_url: picture.url, caption: picture.caption, credit: picture.credit };
}

function fingerprint(rows: Pick<StoryMediaTable, 'position' | 'sha256' | 'caption' | 'credit'>[]): string {
  return JSON.stringify(rows.map((row) => [row.position, row.sha256, row.caption, row.credit]));
}
