import type { RoutingRule } from '../ingest/index.ts';

/**
 * The routing-rule form: lists are typed one per line or comma-separated. A rule must say
 * when it applies and what it does, or it would silently move every story.
 */

export interface RuleFormContext {
  sections: string[];
  feeds: string[];
  agencies: string[];
}

export type RuleFormResult = { rule: RoutingRule } | { error: string };

function list(value: unknown): string[] {
  return typeof value === 'string'
    ? [
        ...new Set(
          value
            .split(/[\n,]/)
            .map((entry) => entry.trim())
            .filter((entry) => entry !== '' && entry.length <= 200),
        ),
      ].slice(0, 50)
    : [];
}

function optional(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, 200) : null;
}

export function parseRuleForm(body: Record<string, unknown>, context: RuleFormContext, id = 0): RuleFormResult {
  const name = optional(body.name);
  if (name === null) return { error: 'Give the rule a name.' };
  const position = Number(optional(body.position) ?? '100');
  if (!Number.isInteger(position) || position < 0 || position > 1_000_000)
    return { error: 'The order must be a whole number (lower runs first).' };
  const feedId = optional(body.feed_id);
  if (feedId !== null && !context.feeds.includes(feedId)) return { error: `There is no feed "${feedId}".` };
  const agencyId = optional(body.agency_id);
  if (agencyId !== null && !context.agencies.includes(agencyId)) return { error: `There is no agency "${agencyId}".` };
  const section = optional(body.section);
  if (section !== null && !context.sections.includes(section)) return { error: `There is no section "${section}".` };
  const rule: RoutingRule = {
    id,
    name,
    position,
    enabled: body.enabled === 'on',
    feedId,
    agencyId,
    subjects: list(body.subjects),
    keywords: list(body.keywords),
    place: optional(body.place),
    section,
    city: optional(body.city),
    tags: list(body.tags),
  };
  if (rule.feedId === null && rule.agencyId === null && rule.subjects.length === 0 && rule.keywords.length === 0 && rule.place === null) {
    return { error: 'Say when the rule applies: a feed, an agency, subject codes, keywords or a dateline place.' };
  }
  if (rule.section === null && rule.city === null && rule.tags.length === 0) {
    return { error: 'Say what the rule does: a section, a city or tags.' };
  }
  return { rule };
}

/** A stored rule as form values. */
export function ruleFormValues(rule: RoutingRule): Record<string, string> {
  return {
    name: rule.name,
    position: String(rule.position),
    enabled: rule.enabled ? 'on' : '',
    feed_id: rule.feedId ?? '',
    agency_id: rule.agencyId ?? '',
    subjects: rule.subjects.join('\n'),
    keywords: rule.keywords.join('\n'),
    place: rule.place ?? '',
    section: rule.section ?? '',
    city: rule.city ?? '',
    tags: rule.tags.join(', '),
  };
}
