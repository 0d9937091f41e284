import type { Agent } from 'node:https';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import webpush, { WebPushError } from 'web-push';
import type { Config } from '../../config.ts';
import { storyPath } from '../../domain/index.ts';
import type { PublishBus } from '../../publish/index.ts';
import type { Database } from '../../store/index.ts';
import type { PushSubscriptions, StoredSubscription } from './subscriptions.ts';
import { vapidKeys } from './vapid.ts';

/**
 * Breaking-news alerts: one Web Push notification per subscriber of the story's section, sent
 * at most once per story whoever asks first (an editor, the CLI, or the FLASH rule). A push
 * service answering 404 or 410 says the subscription is gone for good: it is removed.
 */

export type BreakingResult =
  | { status: 'sent'; delivered: number; removed: number; failed: number }
  | { status: 'already-sent'; sentAt: string }
  | { status: 'not-published' };

/** What the service worker shows; the notification opens `url`. */
export interface BreakingPayload {
  title: string;
  body: string;
  url: string;
  tag: string;
}

/** Revision priority 1 is an agency's FLASH (the most urgent); see the formats' priority mapping. */
export const FLASH_PRIORITY = 1;
const SEND_CONCURRENCY = 16;

export class BreakingNews {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly subscriptions: PushSubscriptions,
    private readonly config: Pick<Config, 'siteName' | 'siteUrl' | 'app'>,
    private readonly log: Logger,
    /** TLS settings for reaching push services (tests trust their loopback service's certificate). */
    private readonly agent?: Agent,
  ) {}

  async markBreaking(storyId: number, by: string): Promise<BreakingResult> {
    const story = await this.db
      .selectFrom('stories')
      .select(['id', 'section', 'slug', 'headline', 'status'])
      .where('id', '=', storyId)
      .executeTakeFirst();
    if (story?.status !== 'published') return { status: 'not-published' };
    const sentAt = new Date().toISOString();
    const claimed = await this.db
      .insertInto('breaking_alerts')
      .values({ story_id: storyId, marked_by: by, sent_at: sentAt })
      .onConflict((oc) => oc.column('story_id').doNothing())
      .executeTakeFirst();
    if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) {
      const earlier = await this.db.selectFrom('breaking_alerts').select('sent_at').where('story_id', '=', storyId).executeTakeFirst();
      return { status: 'already-sent', sentAt: earlier?.sent_at ?? sentAt };
    }
    const payload: BreakingPayload = {
      title: `Breaking · ${this.config.siteName}`,
      body: story.headline,
      url: new URL(storyPath(story), this.config.siteUrl).href,
      tag: `story-${story.id}`,
    };
    const counts = await this.#sendToSection(story.section, JSON.stringify(payload));
    await this.db.updateTable('breaking_alerts').set(counts).where('story_id', '=', storyId).execute();
    this.log.info({ storyId, by, ...counts }, 'breaking news alert sent');
    return { status: 'sent', ...counts };
  }

  /** The routing rule: a story first published at FLASH priority is breaking news by itself. */
  subscribeFlash(bus: PublishBus): () => void {
    return bus.on(async (event) => {
      if (event.type !== 'published') return;
      const revision = await this.db
        .selectFrom('stories')
        .innerJoin('revisions', 'revisions.id', 'stories.current_revision_id')
        .select('revisions.priority')
        .where('stories.id', '=', event.storyId)
        .executeTakeFirst();
      if (revision?.priority === FLASH_PRIORITY) await this.markBreaking(event.storyId, 'rule:flash');
    });
  }

  async #sendToSection(section: string, payload: string): Promise<{ delivered: number; removed: number; failed: number }> {
    const keys = await vapidKeys(this.db);
    const counts = { delivered: 0, removed: 0, failed: 0 };
    for await (const page of this.subscriptions.forSection(section)) {
      const delivered: number[] = [];
      for (let start = 0; start < page.length; start += SEND_CONCURRENCY) {
        const batch = page.slice(start, start + SEND_CONCURRENCY);
        const outcomes = await Promise.all(batch.map((subscription) => this.#sendOne(subscription, payload, keys)));
        outcomes.forEach((outcome, index) => {
          counts[outcome]++;
          if (outcome === 'delivered') delivered.push(batch[index]?.id ?? 0);
        });
      }
      await this.subscriptions.markSent(delivered, new Date().toISOString());
    }
    return counts;
  }

  async #sendOne(
    subscription: StoredSubscription,
    payload: string,
    keys: { publicKey: string; privateKey: string },
  ): Promise<'delivered' | 'removed' | 'failed'> {
    try {
      await webpush.sendNotification(
        { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
        payload,
        {
          vapidDetails: { subject: this.#subject(), publicKey: keys.publicKey, privateKey: keys.privateKey },
          TTL: this.config.app.push.ttlSeconds,
          urgency: 'high',
          timeout: 10_000,
          ...(this.agent === undefined ? {} : { agent: this.agent }),
        },
      );
      return 'delivered';
    } catch (error) {
      if (error instanceof WebPushError && (error.statusCode === 404 || error.statusCode === 410)) {
        await this.subscriptions.expire(subscription.endpoint);
        return 'removed';
      }
      this.log.warn({ err: error, endpoint: new URL(subscription.endpoint).host }, 'push alert not delivered');
      return 'failed';
    }
  }

  #subject(): string {
    return this.config.app.push.subject ?? `mailto:push@${new URL(this.config.siteUrl).hostname}`;
  }
}
