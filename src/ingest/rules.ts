import type { Kysely } from 'kysely';
import type { NormalizedItem, Route } from '../domain/index.ts';
import { slugify } from '../domain/index.ts';
import type { Database, Feed, RoutingRuleRow } from '../store/index.ts';
import { citySlug } from './route.ts';

/**
 * Routing rules, set in the console and applied on top of the default route during ingest.
 * A rule matches when every condition it names holds (feed, agency, any of its subject codes,
 * any of its keywords, the dateline place). Rules run in order: the first matching rule that
 * names a section sets the section, likewise the city; every matching rule adds its tags.
 */

export interface RoutingRule {
  id: number;
  name: string;
  position: number;
  enabled: boolean;
  feedId: string | null;
  agencyId: string | null;
  subjects: string[];
  keywords: string[];
  place: string | null;
  section: string | null;
  city: string | null;
  tags: string[];
}

/** What rules look at, from an item on its way in or from a stored revision. */
export interface RouteFacts {
  feedId: string | null;
  agencyId: string;
  subjects: string[];
  keywords: string[];
  headline: string;
  place: string | null;
}

const MAX_TAGS = 12;

export function ruleOfRow(row: RoutingRuleRow): RoutingRule {
  return {
    id: row.id,
    name: row.name,
    position: row.position,
    enabled: row.enabled === 1,
    feedId: row.feed_id,
    agencyId: row.agency_id,
    subjects: parseList(row.subjects),
    keywords: parseList(row.keywords),
    place: row.place,
    section: row.section,
    city: row.city,
    tags: parseList(row.tags),
  };
}

function parseList(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
}

const lower = (value: string): string => value.trim().toLowerCase();
const lastSegment = (label: string): string => label.split(/[/:]/).pop()?.trim() ?? label;

function matchesSubject(wanted: string, subjects: string[]): boolean {
  const target = lower(wanted);
  return subjects.some((subject) => lower(subject) === target || lower(lastSegment(subject)) === target);
}

/** A keyword matches an agency keyword, or the same words in the headline (whole words, any case). */
function matchesKeyword(wanted: string, facts: RouteFacts): boolean {
  const target = lower(wanted);
  if (target === '') return false;
  if (facts.keywords.some((keyword) => lower(keyword) === target)) return true;
  const escaped = target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, 'iu').test(facts.headline);
}

export function ruleMatches(rule: RoutingRule, facts: RouteFacts): boolean {
  if (!rule.enabled) return false;
  if (rule.feedId !== null && rule.feedId !== facts.feedId) return false;
  if (rule.agencyId !== null && rule.agencyId !== facts.agencyId) return false;
  if (rule.subjects.length > 0 && !rule.subjects.some((subject) => matchesSubject(subject, facts.subjects))) return false;
  if (rule.keywords.length > 0 && !rule.keywords.some((keyword) => matchesKeyword(keyword, facts))) return false;
  if (rule.place !== null) {
    if (facts.place === null) return false;
    if (lower(rule.place) !== lower(facts.place) && citySlug(rule.place) !== citySlug(facts.place)) return false;
  }
  return true;
}

/** The route after the rules, in their order. The default route is kept where no rule speaks. */
export function applyRules(route: Route, facts: RouteFacts, rules: readonly RoutingRule[]): Route {
  let section: string | null = null;
  let city: string | null = null;
  const tags = new Set(route.tags);
  for (const rule of [...rules].sort((a, b) => a.position - b.position || a.id - b.id)) {
    if (!ruleMatches(rule, facts)) continue;
    section ??= rule.section;
    city ??= rule.city === null ? null : citySlug(rule.city);
    for (const tag of rule.tags) {
      const slug = slugify(tag);
      if (slug !== 'story') tags.add(slug);
    }
  }
  return { section: section ?? route.section, city: city ?? route.city, tags: [...tags].slice(0, MAX_TAGS) };
}

export function factsOfItem(feed: Pick<Feed, 'id' | 'agency_id'>, normalized: NormalizedItem): RouteFacts {
  return {
    feedId: feed.id,
    agencyId: feed.agency_id,
    subjects: normalized.item.subjects,
    keywords: normalized.item.keywords,
    headline: normalized.headline,
    place: normalized.place,
  };
}

/**
 * The stored rules, read at most every few seconds: an ingest of thousands of items does not
 * query them per item, and a change made on another node is seen within the same few seconds.
 */
export class RoutingRules {
  #cached: { rules: RoutingRule[]; at: number } | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly ttlMs = 5000,
  ) {}

  async all(): Promise<RoutingRule[]> {
    const rows = await this.db.selectFrom('routing_rules').selectAll().orderBy('position').orderBy('id').execute();
    return rows.map(ruleOfRow);
  }

  async active(): Promise<RoutingRule[]> {
    const now = Date.now();
    if (this.#cached === null || now - this.#cached.at > this.ttlMs) {
      this.#cached = { rules: (await this.all()).filter((rule) => rule.enabled), at: now };
    }
    return this.#cached.rules;
  }

  /** Called after a rule is changed here, so this node applies it from the next item on. */
  invalidate(): void {
    this.#cached = null;
  }

  /** The pipeline's route hook. */
  async adjust(route: Route, normalized: NormalizedItem, feed: Feed): Promise<Route> {
    const rules = await this.active();
    return rules.length === 0 ? route : applyRules(route, factsOfItem(feed, normalized), rules);
  }
}
