import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../store/index.ts';

/**
 * Readers' push subscriptions, one per browser and section. What a browser sends is checked
 * before it is kept: the endpoint is a URL this server will later POST to, so it must be an
 * https URL on one of the configured push services.
 */

const base64url = (bytes: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, 'base64url')
    .refine((value) => Buffer.from(value, 'base64url').length === bytes, `${bytes} bytes`);

const browserSubscription = z.object({
  endpoint: z.url({ protocol: /^https$/ }).max(2048),
  keys: z.object({ p256dh: base64url(65), auth: base64url(16) }),
});

const subscriptionSchema = z.object({ section: z.string().min(1), subscription: browserSubscription });

/** A browser's push service replaced its subscription: the old endpoint's sections move to the new one. */
const renewalSchema = z.object({ oldEndpoint: z.string().min(1).max(2048), subscription: browserSubscription });

export interface StoredSubscription {
  id: number;
  endpoint: string;
  p256dh: string;
  auth: string;
}

export class SubscriptionError extends Error {
  override name = 'SubscriptionError';
}

/** True when `host` is one of the push services (a leading dot allows any subdomain of it). */
export function isPushServiceHost(host: string, serviceHosts: readonly string[]): boolean {
  const name = host.toLowerCase();
  return serviceHosts.some((allowed) => (allowed.startsWith('.') ? name.endsWith(allowed) : name === allowed.toLowerCase()));
}

export class PushSubscriptions {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly options: { sections: readonly string[]; serviceHosts: readonly string[] },
  ) {}

  /** Keeps a subscription from a request body; throws SubscriptionError naming what is wrong. */
  async add(body: unknown): Promise<void> {
    const { section, subscription } = this.#parse(subscriptionSchema, body);
    if (!this.options.sections.includes(section)) throw new SubscriptionError(`no section "${section}"`);
    this.#checkService(subscription.endpoint);
    const keys = { p256dh: subscription.keys.p256dh, auth: subscription.keys.auth };
    await this.db
      .insertInto('push_subscriptions')
      .values({ endpoint: subscription.endpoint, section, ...keys, created_at: new Date().toISOString() })
      .onConflict((oc) => oc.columns(['endpoint', 'section']).doUpdateSet(keys))
      .execute();
  }

  /**
   * Moves every section of a subscription the browser replaced (its `pushsubscriptionchange`)
   * to the new subscription, in one transaction; returns how many sections moved (0 when the
   * old endpoint was unknown, e.g. already expired and removed).
   */
  async renew(body: unknown): Promise<number> {
    const { oldEndpoint, subscription } = this.#parse(renewalSchema, body);
    this.#checkService(subscription.endpoint);
    const keys = { p256dh: subscription.keys.p256dh, auth: subscription.keys.auth };
    return this.db.transaction().execute(async (trx) => {
      const sections = await trx.selectFrom('push_subscriptions').select('section').where('endpoint', '=', oldEndpoint).execute();
      if (sections.length === 0) return 0;
      await trx.deleteFrom('push_subscriptions').where('endpoint', '=', oldEndpoint).execute();
      const createdAt = new Date().toISOString();
      await trx
        .insertInto('push_subscriptions')
        .values(sections.map(({ section }) => ({ endpoint: subscription.endpoint, section, ...keys, created_at: createdAt })))
        .onConflict((oc) => oc.columns(['endpoint', 'section']).doUpdateSet(keys))
        .execute();
      return sections.length;
    });
  }

  #parse<T>(schema: z.ZodType<T>, body: unknown): T {
    const parsed = schema.safeParse(body);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    throw new SubscriptionError(`subscription ${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
  }

  /** The endpoint is a URL this server will later POST to: only the configured push services. */
  #checkService(endpoint: string): void {
    const host = new URL(endpoint).host;
    if (!isPushServiceHost(host, this.options.serviceHosts)) throw new SubscriptionError(`${host} is not a known push service`);
  }

  async remove(endpoint: string, section: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('push_subscriptions')
      .where('endpoint', '=', endpoint)
      .where('section', '=', section)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** A section's subscriptions in pages, so a large audience is never loaded at once. */
  async *forSection(section: string, pageSize = 500): AsyncGenerator<StoredSubscription[]> {
    let after = 0;
    for (;;) {
      const page = await this.db
        .selectFrom('push_subscriptions')
        .select(['id', 'endpoint', 'p256dh', 'auth'])
        .where('section', '=', section)
        .where('id', '>', after)
        .orderBy('id')
        .limit(pageSize)
        .execute();
      if (page.length === 0) return;
      yield page;
      after = page[page.length - 1]?.id ?? after;
    }
  }

  /** Forgets an endpoint for every section: the push service said it no longer exists. */
  async expire(endpoint: string): Promise<void> {
    await this.db.deleteFrom('push_subscriptions').where('endpoint', '=', endpoint).execute();
  }

  async markSent(ids: number[], at: string): Promise<void> {
    if (ids.length > 0) await this.db.updateTable('push_subscriptions').set({ last_sent_at: at }).where('id', 'in', ids).execute();
  }
}
