import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import type { Route } from '../domain/index.ts';
import { applyRules, type RouteFacts, type RoutingRule, type RoutingRules, routeItem } from '../ingest/index.ts';
import { type PublishBus, recordEvent } from '../publish/index.ts';
import type { Database } from '../store/index.ts';

/**
 * Routing rules against stories already stored: what a draft rule would change among the
 * latest stories (preview, nothing written), and re-applying the saved rules to every story.
 */

export interface RouteChange {
  storyId: number;
  headline: string;
  status: string;
  from: Route;
  to: Route;
}

export interface PreviewResult {
  examined: number;
  changes: RouteChange[];
  /** Stories per section they would move to, e.g. technology -> 14. */
  movesBySection: Map<string, number>;
}

interface StoredRoute {
  id: number;
  status: string;
  headline: string;
  section: string;
  city: string | null;
  tags: string[];
  base: Route;
  facts: RouteFacts;
}

const BATCH = 500;
/** Stories a rule can still move: killed and duplicate stories are reachable by nobody. */
const ROUTABLE = ['published', 'held', 'embargoed', 'withheld'];

export class Rerouter {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly rules: RoutingRules,
    private readonly bus: PublishBus,
    private readonly sections: Config['sections'],
  ) {}

  /** What saving `draft` (new, or replacing the rule with its id) would do to the latest stories. */
  async preview(draft: RoutingRule, limit = 200): Promise<PreviewResult> {
    const saved = (await this.rules.all()).filter((rule) => rule.enabled);
    const withDraft = [...saved.filter((rule) => rule.id !== draft.id), { ...draft, enabled: true }];
    const stories = await this.load({ limit, newestFirst: true });
    const changes: RouteChange[] = [];
    const movesBySection = new Map<string, number>();
    for (const story of stories) {
      const before = applyRules(story.base, story.facts, saved);
      const after = applyRules(story.base, story.facts, withDraft);
      if (sameRoute(before, after)) continue;
      changes.push({ storyId: story.id, headline: story.headline, status: story.status, from: before, to: after });
      if (after.section !== before.section) movesBySection.set(after.section, (movesBySection.get(after.section) ?? 0) + 1);
    }
    return { examined: stories.length, changes, movesBySection };
  }

  /** Routes every stored story again with the saved rules; returns how many moved. */
  async reapply(by: string): Promise<{ examined: number; changed: number }> {
    this.rules.invalidate();
    const rules = await this.rules.active();
    let examined = 0;
    let changed = 0;
    for (let after = 0; ; ) {
      const stories = await this.load({ limit: BATCH, afterId: after });
      if (stories.length === 0) break;
      for (const story of stories) {
        examined++;
        const to = applyRules(story.base, story.facts, rules);
        if (!sameRoute({ section: story.section, city: story.city, tags: story.tags }, to)) {
          await this.move(story, to, by);
          changed++;
        }
      }
      after = stories.at(-1)?.id ?? after;
    }
    return { examined, changed };
  }

  private async move(story: StoredRoute, to: Route, by: string): Promise<void> {
    const now = new Date();
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('stories').set({ section: to.section, city: to.city }).where('id', '=', story.id).execute();
      await trx.deleteFrom('story_tags').where('story_id', '=', story.id).execute();
      if (to.tags.length > 0)
        await trx
          .insertInto('story_tags')
          .values(to.tags.map((tag) => ({ story_id: story.id, tag })))
          .execute();
      await recordEvent(
        trx,
        'rerouted',
        story.id,
        null,
        { by, from: { section: story.section, city: story.city }, to: { section: to.section, city: to.city } },
        now,
      );
    });
    if (story.status === 'published') {
      // Both the lists it leaves and the lists it joins must be refreshed.
      this.bus.emit({
        type: 'updated',
        storyId: story.id,
        sections: [...new Set([story.section, to.section])],
        cities: [...new Set([story.city, to.city].filter((city): city is string => city !== null))],
        tags: [...new Set([...story.tags, ...to.tags])],
        at: now.toISOString(),
      });
    }
  }

  private async load(options: { limit: number; newestFirst?: boolean; afterId?: number }): Promise<StoredRoute[]> {
    let query = this.db
      .selectFrom('stories')
      .innerJoin('revisions', 'revisions.id', 'stories.current_revision_id')
      .leftJoin('feeds', 'feeds.id', 'stories.feed_id')
      .select([
        'stories.id',
        'stories.status',
        'stories.headline',
        'stories.section',
        'stories.city',
        'stories.feed_id',
        'stories.agency_id',
        'revisions.subjects',
        'revisions.keywords',
        'revisions.place',
        'feeds.default_section',
      ])
      .where('stories.status', 'in', ROUTABLE)
      .limit(options.limit);
    query = options.newestFirst
      ? query.orderBy('stories.id', 'desc')
      : query.where('stories.id', '>', options.afterId ?? 0).orderBy('stories.id', 'asc');
    const rows = await query.execute();
    const ids = rows.map((row) => row.id);
    const tagRows =
      ids.length === 0 ? [] : await this.db.selectFrom('story_tags').select(['story_id', 'tag']).where('story_id', 'in', ids).execute();
    const tags = new Map<number, string[]>();
    for (const row of tagRows) tags.set(row.story_id, [...(tags.get(row.story_id) ?? []), row.tag]);
    return rows.map((row) => {
      const subjects = JSON.parse(row.subjects) as string[];
      const keywords = JSON.parse(row.keywords) as string[];
      return {
        id: row.id,
        status: row.status,
        headline: row.headline,
        section: row.section,
        city: row.city,
        tags: tags.get(row.id) ?? [],
        base: routeItem(
          { item: { subjects, keywords }, place: row.place },
          { sections: this.sections, defaultSection: row.default_section ?? row.section },
        ),
        facts: { feedId: row.feed_id, agencyId: row.agency_id, subjects, keywords, headline: row.headline, place: row.place },
      };
    });
  }
}

function sameRoute(a: Route, b: Route): boolean {
  return a.section === b.section && a.city === b.city && [...a.tags].sort().join('\n') === [...b.tags].sort().join('\n');
}
