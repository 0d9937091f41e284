import type { Kysely, Transaction } from 'kysely';
import {
  type Decision,
  decide,
  minhash,
  type NormalizedItem,
  type Route,
  type Signature,
  type StoryStatus,
  signatureBands,
  signatureFromHex,
  signatureToHex,
  simhash,
  similarity,
  slugify,
  toHex,
} from '../domain/index.ts';
import type { Agency, Database, Feed, Story } from '../store/index.ts';
import { isPostgres, lockFor } from '../store/index.ts';
import type { PublishBus, PublishEvent, PublishEventType } from './events.ts';

/**
 * Carries out the agency's lifecycle on the store: one transaction per item, then an event
 * for every change a reader could see. The rules themselves live in domain/lifecycle.ts.
 */

export interface PublisherOptions {
  /** Near-duplicates are looked for among stories stored within this window. */
  duplicateWindowHours: number;
  /** Two texts whose estimated Jaccard similarity (MinHash, domain/dedupe.ts) reaches this are the same copy. */
  duplicateMinSimilarity: number;
  now?: () => Date;
}

export type Outcome =
  | { action: 'ignored'; storyId: number | null; reason: string }
  | { action: 'created'; storyId: number; status: StoryStatus; duplicateOf: number | null }
  | { action: 'history'; storyId: number }
  | { action: 'updated'; storyId: number; status: StoryStatus; textChanged: boolean };

type Db = Kysely<Database> | Transaction<Database>;

export class Publisher {
  readonly #db: Kysely<Database>;
  readonly #bus: PublishBus;
  readonly #options: PublisherOptions;
  readonly #now: () => Date;
  /** Whether other writers can change the same story at the same time (PostgreSQL): stories are then read FOR UPDATE. */
  readonly #concurrentWriters: boolean;

  constructor(db: Kysely<Database>, bus: PublishBus, options: PublisherOptions) {
    this.#db = db;
    this.#bus = bus;
    this.#options = options;
    this.#now = options.now ?? (() => new Date());
    this.#concurrentWriters = isPostgres(db);
  }

  /** Stores one agency version of a story and publishes, updates, holds or kills it. */
  async apply(feed: Feed, agency: Agency, normalized: NormalizedItem, route: Route): Promise<Outcome> {
    const now = this.#now();
    const events: PublishEvent[] = [];
    const outcome = await this.#db.transaction().execute(async (trx) => {
      // Two nodes taking the same new item wait for each other; once the story exists, every writer
      // reads it FOR UPDATE, so an agency update decided on a stale read cannot undo a kill made meanwhile.
      await lockFor(trx, `wiredesk-story:${agency.id}:${normalized.guid}`);
      const story = await trx
        .selectFrom('stories')
        .selectAll()
        .where('agency_id', '=', agency.id)
        .where('guid', '=', normalized.guid)
        .$if(this.#concurrentWriters, (query) => query.forUpdate())
        .executeTakeFirst();
      const decision = decide(story === undefined ? null : await heldStory(trx, story), incomingOf(normalized), {
        now,
        review: feed.mode === 'review',
      });
      return this.#carryOut(trx, { feed, agency, normalized, route, story, decision, now, events });
    });
    for (const event of events) this.#bus.emit(event);
    return outcome;
  }

  async #carryOut(trx: Transaction<Database>, step: Step): Promise<Outcome> {
    const { decision, story, now } = step;
    switch (decision.kind) {
      case 'ignore':
        if (story !== undefined && story.status === 'killed') {
          await recordEvent(trx, 'ignored', story.id, step.feed.id, { reason: decision.reason }, now);
        }
        return { action: 'ignored', storyId: story?.id ?? null, reason: decision.reason };
      case 'create':
        return this.#create(trx, step, decision.status);
      case 'history': {
        const storyId = (story as Story).id;
        await insertRevision(trx, storyId, step);
        await recordEvent(trx, 'history', storyId, step.feed.id, { version: step.normalized.item.version }, now);
        return { action: 'history', storyId };
      }
      case 'update':
        return this.#update(trx, step, story as Story, decision);
    }
  }

  async #create(trx: Transaction<Database>, step: Step, initial: StoryStatus): Promise<Outcome> {
    const { normalized, route, agency, feed, now } = step;
    const signature = minhash(normalized.bodyText);
    const duplicate = initial === 'killed' ? null : await this.#findDuplicate(trx, signature, now);
    // The same copy from two agencies is published once: the agency with the better priority wins.
    let status = initial;
    let duplicateOf: number | null = null;
    let demoted: Story | null = null;
    if (duplicate !== null) {
      const theirs = await trx.selectFrom('agencies').select('priority').where('id', '=', duplicate.agency_id).executeTakeFirst();
      if (theirs !== undefined && theirs.priority <= agency.priority) {
        status = 'duplicate';
        duplicateOf = duplicate.id;
      } else if (duplicate.status === 'published' || duplicate.status === 'held') {
        demoted = duplicate;
      }
    }
    const visibleAt = publicationTime(normalized, now);
    const inserted = await trx
      .insertInto('stories')
      .values({
        agency_id: agency.id,
        guid: normalized.guid,
        feed_id: feed.id,
        slug: slugify(normalized.headline),
        section: route.section,
        city: route.city,
        status,
        headline: normalized.headline,
        teaser: normalized.teaser,
        dateline: normalized.dateline,
        language: normalized.language,
        first_published_at: status === 'published' ? visibleAt : null,
        updated_at: visibleAt,
        embargo_until: normalized.item.embargo?.toISOString() ?? null,
        killed_at: status === 'killed' ? now.toISOString() : null,
        kill_reason: status === 'killed' ? 'killed by the agency before publication' : null,
        duplicate_of: duplicateOf,
        // The related-stories engine compares stories by SimHash; duplicates are found by MinHash.
        simhash: toHex(simhash(normalized.bodyText)),
        created_at: now.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const storyId = inserted.id;
    const revisionId = await insertRevision(trx, storyId, step);
    await trx.updateTable('stories').set({ current_revision_id: revisionId }).where('id', '=', storyId).execute();
    await replaceTags(trx, storyId, route.tags);
    if (status !== 'killed') {
      await trx
        .insertInto('story_bands')
        .values(signatureBands(signature).map((band) => ({ band, story_id: storyId, created_at: now.toISOString() })))
        .execute();
      await trx
        .insertInto('story_signatures')
        .values({ story_id: storyId, minhash: signatureToHex(signature) })
        .execute();
    }
    await recordEvent(trx, eventNameFor(status), storyId, feed.id, duplicateOf === null ? null : { duplicate_of: duplicateOf }, now);
    if (demoted !== null) {
      await trx.updateTable('stories').set({ status: 'duplicate', duplicate_of: storyId }).where('id', '=', demoted.id).execute();
      await recordEvent(
        trx,
        'duplicate',
        demoted.id,
        demoted.feed_id,
        { duplicate_of: storyId, reason: 'a higher-priority agency sent the same copy' },
        now,
      );
      step.events.push(eventOf('unpublished', demoted, await tagsOf(trx, demoted.id), now));
    }
    if (status === 'published')
      step.events.push(eventOf('published', { section: route.section, city: route.city, id: storyId }, route.tags, now));
    return { action: 'created', storyId, status, duplicateOf };
  }

  async #update(trx: Transaction<Database>, step: Step, story: Story, decision: Extract<Decision, { kind: 'update' }>): Promise<Outcome> {
    const { normalized, route, feed, now } = step;
    const revisionId = await insertRevision(trx, story.id, step);
    const wasVisible = story.status === 'published';
    const becomesVisible = decision.status === 'published';
    const killed = decision.status === 'killed';
    const visibleAt = publicationTime(normalized, now);
    // A kill is kept in history but does not become the story's text: the last real version
    // stays current, so a kill reversed by an editor shows the story, not the kill notice.
    const content = killed
      ? {}
      : {
          headline: normalized.headline,
          teaser: normalized.teaser,
          dateline: normalized.dateline,
          language: normalized.language,
          current_revision_id: revisionId,
          // "Updated" moves only when the words changed, and never backwards.
          updated_at: decision.textChanged && visibleAt > story.updated_at ? visibleAt : story.updated_at,
          embargo_until: normalized.item.embargo?.toISOString() ?? null,
        };
    await trx
      .updateTable('stories')
      .set({
        ...content,
        status: decision.status,
        first_published_at: story.first_published_at ?? (becomesVisible ? visibleAt : null),
        killed_at: killed ? now.toISOString() : null,
        kill_reason: killed ? normalized.teaser || 'killed by the agency' : null,
      })
      .where('id', '=', story.id)
      .execute();
    const oldTags = await tagsOf(trx, story.id);
    if (!killed) await replaceTags(trx, story.id, route.tags);
    await recordEvent(
      trx,
      killed ? 'killed' : decision.textChanged ? 'updated' : 'revised',
      story.id,
      feed.id,
      { status: decision.status },
      now,
    );
    const tags = [...new Set([...oldTags, ...route.tags])];
    if (killed && wasVisible) step.events.push(eventOf('killed', story, tags, now));
    else if (becomesVisible) step.events.push(eventOf(wasVisible ? 'updated' : 'published', story, tags, now));
    else if (wasVisible) step.events.push(eventOf('unpublished', story, tags, now));
    return { action: 'updated', storyId: story.id, status: decision.status, textChanged: decision.textChanged };
  }

  /** The most similar live story within the window that shares an LSH band and reaches the similarity bar. */
  async #findDuplicate(trx: Db, signature: Signature, now: Date): Promise<Story | null> {
    const since = new Date(now.getTime() - this.#options.duplicateWindowHours * 3_600_000).toISOString();
    // Two steps, so every engine looks candidates up by band first (a join lets a planner
    // without statistics scan all live stories instead: quadratic over a big backlog).
    const banded = await trx
      .selectFrom('story_bands')
      .select('story_id')
      .distinct()
      .where('band', 'in', signatureBands(signature))
      .where('created_at', '>=', since)
      .execute();
    if (banded.length === 0) return null;
    const candidates = await trx
      .selectFrom('stories')
      .innerJoin('story_signatures', 'story_signatures.story_id', 'stories.id')
      .selectAll('stories')
      .select('story_signatures.minhash')
      .where(
        'stories.id',
        'in',
        banded.map((row) => row.story_id),
      )
      .where('stories.status', 'in', ['published', 'held', 'embargoed'])
      .execute();
    let best: Story | null = null;
    let bestSimilarity = this.#options.duplicateMinSimilarity;
    for (const { minhash: hex, ...candidate } of candidates) {
      const score = similarity(signature, signatureFromHex(hex));
      if (score >= bestSimilarity) {
        best = candidate;
        bestSimilarity = score;
      }
    }
    return best;
  }

  /** Kills a story everywhere: used by the console and the CLI, as the agency's kill is. */
  async kill(storyId: number, reason: string, by: string): Promise<boolean> {
    return this.#setVisibility(storyId, 'killed', { reason, by });
  }

  /** Reverses a kill made by mistake. */
  async restore(storyId: number, by: string): Promise<boolean> {
    return this.#setVisibility(storyId, 'published', { by });
  }

  /** Publishes a story an editor approved from the review queue. */
  async publishHeld(storyId: number, by: string): Promise<boolean> {
    return this.#setVisibility(storyId, 'published', { by }, ['held']);
  }

  /**
   * Releases every embargoed story whose time has come, returning how many: to the site, or
   * to the review queue when its feed is in review mode (the embargo never bypasses the editor).
   */
  async releaseDueEmbargoes(): Promise<number> {
    const now = this.#now();
    const due = await this.#db
      .selectFrom('stories')
      .leftJoin('feeds', 'feeds.id', 'stories.feed_id')
      .select(['stories.id', 'feeds.mode'])
      .where('stories.status', '=', 'embargoed')
      .where('stories.embargo_until', '<=', now.toISOString())
      .execute();
    let released = 0;
    for (const { id, mode } of due) {
      const done =
        mode === 'review'
          ? await this.#holdForReview(id, now)
          : await this.#setVisibility(id, 'published', { by: 'embargo' }, ['embargoed']);
      if (done) released++;
    }
    return released;
  }

  async #holdForReview(storyId: number, now: Date): Promise<boolean> {
    return this.#db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('stories')
        .set({ status: 'held' })
        .where('id', '=', storyId)
        .where('status', '=', 'embargoed')
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      await recordEvent(trx, 'held', storyId, null, { by: 'embargo', reason: 'embargo over; the feed is in review mode' }, now);
      return true;
    });
  }

  /** The next embargo time still ahead, so the scheduler can sleep until then. */
  async nextEmbargo(): Promise<Date | null> {
    const row = await this.#db
      .selectFrom('stories')
      .select((eb) => eb.fn.min('embargo_until').as('next'))
      .where('status', '=', 'embargoed')
      .executeTakeFirst();
    return row?.next ? new Date(row.next) : null;
  }

  async #setVisibility(
    storyId: number,
    status: 'published' | 'killed',
    detail: { reason?: string; by: string },
    onlyFrom?: StoryStatus[],
  ): Promise<boolean> {
    const now = this.#now();
    const events: PublishEvent[] = [];
    const changed = await this.#db.transaction().execute(async (trx) => {
      const story = await trx
        .selectFrom('stories')
        .selectAll()
        .where('id', '=', storyId)
        .$if(this.#concurrentWriters, (query) => query.forUpdate())
        .executeTakeFirst();
      if (story === undefined || story.status === status) return false;
      if (onlyFrom !== undefined && !onlyFrom.includes(story.status as StoryStatus)) return false;
      const at = now.toISOString();
      await trx
        .updateTable('stories')
        .set(
          status === 'killed'
            ? { status, killed_at: at, kill_reason: detail.reason ?? null }
            : { status, killed_at: null, kill_reason: null, first_published_at: story.first_published_at ?? story.embargo_until ?? at },
        )
        .where('id', '=', storyId)
        .execute();
      const type = status === 'killed' ? 'killed' : story.status === 'killed' ? 'restored' : 'published';
      await recordEvent(trx, type, storyId, null, detail, now);
      const tags = await tagsOf(trx, storyId);
      if (status === 'killed' && story.status === 'published') events.push(eventOf('killed', story, tags, now));
      if (status === 'published') events.push(eventOf(type === 'restored' ? 'restored' : 'published', story, tags, now));
      return true;
    });
    for (const event of events) this.#bus.emit(event);
    return changed;
  }
}

interface Step {
  feed: Feed;
  agency: Agency;
  normalized: NormalizedItem;
  route: Route;
  story: Story | undefined;
  decision: Decision;
  now: Date;
  events: PublishEvent[];
}

async function heldStory(db: Db, story: Story) {
  const revisions = await db
    .selectFrom('revisions')
    .select(['id', 'content_hash', 'version', 'version_created_at', 'text_hash', 'headline'])
    .where('story_id', '=', story.id)
    .execute();
  const current = revisions.find((revision) => revision.id === story.current_revision_id) ?? revisions.at(-1);
  return {
    status: story.status as StoryStatus,
    knownContentHashes: new Set(revisions.map((revision) => revision.content_hash)),
    current: {
      version: current?.version ?? null,
      versionCreated: current?.version_created_at ? new Date(current.version_created_at) : null,
      textHash: current?.text_hash ?? '',
      headline: current?.headline ?? story.headline,
    },
  };
}

function incomingOf(normalized: NormalizedItem) {
  const { item } = normalized;
  return {
    version: item.version,
    versionCreated: item.versionCreated,
    contentHash: normalized.contentHash,
    textHash: normalized.textHash,
    headline: normalized.headline,
    signal: item.signal,
    pubstatus: item.pubstatus,
    embargo: item.embargo,
  };
}

/** The time readers see: the embargo when one is ahead, else the agency's own version time, never in the future. */
function publicationTime(normalized: NormalizedItem, now: Date): string {
  const { item } = normalized;
  if (item.embargo !== null && item.embargo > now) return item.embargo.toISOString();
  const agencyTime = item.versionCreated ?? item.firstCreated;
  // An agency clock ahead of ours must not date a story in the future.
  return (agencyTime === null || agencyTime > now ? now : agencyTime).toISOString();
}

async function insertRevision(trx: Transaction<Database>, storyId: number, step: Step): Promise<number> {
  const { normalized, feed, now } = step;
  const { item } = normalized;
  const row = await trx
    .insertInto('revisions')
    .values({
      story_id: storyId,
      feed_id: feed.id,
      version: item.version,
      version_created_at: item.versionCreated?.toISOString() ?? null,
      first_created_at: item.firstCreated?.toISOString() ?? null,
      received_at: now.toISOString(),
      signal: item.signal,
      pubstatus: item.pubstatus,
      embargo: item.embargo?.toISOString() ?? null,
      headline: normalized.headline,
      byline: normalized.byline,
      dateline: normalized.dateline,
      teaser: normalized.teaser,
      body_html: normalized.bodyHtml,
      body_text: normalized.bodyText,
      text_hash: normalized.textHash,
      content_hash: normalized.contentHash,
      subjects: JSON.stringify(item.subjects),
      keywords: JSON.stringify(item.keywords),
      language: normalized.language,
      place: normalized.place,
      link: item.link,
      media: JSON.stringify(item.media),
      priority: item.priority,
      raw: item.raw,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function replaceTags(trx: Transaction<Database>, storyId: number, tags: string[]): Promise<void> {
  await trx.deleteFrom('story_tags').where('story_id', '=', storyId).execute();
  if (tags.length > 0)
    await trx
      .insertInto('story_tags')
      .values(tags.map((tag) => ({ story_id: storyId, tag })))
      .execute();
}

async function tagsOf(db: Db, storyId: number): Promise<string[]> {
  const rows = await db.selectFrom('story_tags').select('tag').where('story_id', '=', storyId).execute();
  return rows.map((row) => row.tag);
}

export async function recordEvent(
  db: Db,
  type: string,
  storyId: number | null,
  feedId: string | null,
  detail: unknown,
  now: Date,
): Promise<void> {
  await db
    .insertInto('events')
    .values({
      type,
      story_id: storyId,
      feed_id: feedId,
      detail: detail === null ? null : JSON.stringify(detail),
      created_at: now.toISOString(),
    })
    .execute();
}

function eventNameFor(status: StoryStatus): string {
  return status === 'published' ? 'published' : status;
}

function eventOf(
  type: PublishEventType,
  story: { id: number; section: string; city: string | null },
  tags: string[],
  now: Date,
): PublishEvent {
  return {
    type,
    storyId: story.id,
    sections: [story.section],
    cities: story.city === null ? [] : [story.city],
    tags,
    at: now.toISOString(),
  };
}
