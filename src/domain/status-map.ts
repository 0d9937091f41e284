/**
 * Agencies say "this is a correction" or "kill this story" in many ways: IPTC qcodes
 * (`sig:correction`, `stat:canceled`), NITF management-status values, or words at the
 * start of an RSS headline (`KILL:`, `CORRECTED-`, `UPDATE 2-`). A StatusMap turns those
 * words into Wiredesk's two axes, signal and pubstatus. Pure: no I/O.
 */
import type { PubStatus, Signal } from './wire-item.ts';

export interface StatusEffect {
  signal?: Signal;
  pubstatus?: PubStatus;
}

/** Keyed by lower-cased status word. */
export type StatusMap = Record<string, StatusEffect>;

const KILL: StatusEffect = { signal: 'kill', pubstatus: 'canceled' };
const CORRECTION: StatusEffect = { signal: 'correction' };
const UPDATE: StatusEffect = { signal: 'update' };

export const DEFAULT_STATUS_MAP: Readonly<StatusMap> = Object.freeze({
  // IPTC pubStatus (NewsML-G2 qcodes, ninjs values) and NITF management-status.
  'stat:usable': { pubstatus: 'usable' },
  'stat:withheld': { pubstatus: 'withheld' },
  'stat:canceled': KILL,
  usable: { pubstatus: 'usable' },
  withheld: { pubstatus: 'withheld' },
  canceled: KILL,
  cancelled: KILL,
  // NITF's "embargoed" is deliberately absent: the release time travels as date.release (the embargo).
  // IPTC signal qcodes.
  'sig:update': UPDATE,
  'sig:correction': CORRECTION,
  'sig:kill': KILL,
  // Words agencies put in headlines, categories or status fields.
  kill: KILL,
  killed: KILL,
  withdrawn: KILL,
  withdraw: KILL,
  'mandatory kill': KILL,
  correction: CORRECTION,
  corrected: CORRECTION,
  corrects: CORRECTION,
  update: UPDATE,
  updated: UPDATE,
  updates: UPDATE,
  refile: UPDATE,
  refiled: UPDATE,
  // A flash: a new story, said urgently. Listed so it is recognised rather than ignored.
  urgent: { signal: 'new' },
  flash: { signal: 'new' },
});

/** The defaults overlaid with a feed's own words (a feed's entry replaces the default for that word). */
export function mergeStatusMap(feedMap: StatusMap | null | undefined): StatusMap {
  const merged: StatusMap = { ...DEFAULT_STATUS_MAP };
  for (const [word, effect] of Object.entries(feedMap ?? {})) merged[word.trim().toLowerCase()] = effect;
  return merged;
}

const SIGNAL_RANK: Record<Signal, number> = { new: 0, update: 1, correction: 2, kill: 3 };
const PUBSTATUS_RANK: Record<PubStatus, number> = { usable: 0, withheld: 1, canceled: 2 };

export interface ResolvedStatus {
  signal: Signal;
  pubstatus: PubStatus;
}

/**
 * Combines every status word an item carries. The strongest word wins on each axis
 * (kill > correction > update > new; canceled > withheld > usable), so a stray "update"
 * can never mask a kill. A kill and a cancellation imply each other: an agency that
 * cancels an item wants it taken down, which is Wiredesk's kill path.
 */
export function resolveStatus(words: Iterable<string>, map: StatusMap): ResolvedStatus {
  let signal: Signal = 'new';
  let pubstatus: PubStatus = 'usable';
  for (const word of words) {
    const effect = map[word.trim().toLowerCase()];
    if (!effect) continue;
    if (effect.signal && SIGNAL_RANK[effect.signal] > SIGNAL_RANK[signal]) signal = effect.signal;
    if (effect.pubstatus && PUBSTATUS_RANK[effect.pubstatus] > PUBSTATUS_RANK[pubstatus]) pubstatus = effect.pubstatus;
  }
  if (signal === 'kill') pubstatus = 'canceled';
  if (pubstatus === 'canceled') signal = 'kill';
  return { signal, pubstatus };
}

/**
 * Status words at the start of an RSS-agency headline: `KILL: …`, `MANDATORY KILL - …`,
 * `WITHDRAWN: …`, `CORRECTED-…`, `CORRECTION: …`, `UPDATE 2-…`, `REFILE-…`, `URGENT: …`.
 * Several may be stacked (`REFILE-UPDATE 1-…`). Only words followed by a separator count, so a
 * headline that merely begins with "Update" as an ordinary word ("Update your phone now") is left alone.
 */
export function headlineStatusWords(headline: string): string[] {
  const words: string[] = [];
  let rest = headline.trimStart();
  for (;;) {
    const m = HEADLINE_PREFIX_RE.exec(rest);
    if (!m?.[1]) return words;
    words.push(m[1].toLowerCase().replace(/\s+/g, ' '));
    rest = rest.slice(m[0].length);
  }
}

const HEADLINE_PREFIX_RE =
  /^(mandatory\s+kill|kill|killed|withdrawn|corrected|correction|update|updated|refile|urgent|flash)(?:\s+\d+)?\s*(?:[:\-–—|]|\s+[-–—:])\s*/i;
