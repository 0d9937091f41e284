import type { StoryStatus } from './story-status.ts';
import type { PubStatus, Signal } from './wire-item.ts';

/**
 * The agency's lifecycle, as pure rules: given what we hold for a story and a version that
 * arrives, decide what happens. The publish layer carries the decision out; nothing here
 * does I/O, so every rule is unit-tested directly.
 */

export interface IncomingVersion {
  version: number | null;
  versionCreated: Date | null;
  contentHash: string;
  textHash: string;
  headline: string;
  signal: Signal;
  pubstatus: PubStatus;
  embargo: Date | null;
}

export interface HeldStory {
  status: StoryStatus;
  /** Content hashes of every revision we hold: an identical re-send changes nothing. */
  knownContentHashes: ReadonlySet<string>;
  current: {
    version: number | null;
    versionCreated: Date | null;
    textHash: string;
    headline: string;
  };
}

export type Decision =
  /** Same bytes as a version we hold (or any version of a killed story): nothing changes. */
  | { kind: 'ignore'; reason: string }
  /** First time we see this story. */
  | { kind: 'create'; status: StoryStatus }
  /** An older version arriving late: kept in history, shown nowhere. */
  | { kind: 'history' }
  /** A newer version: becomes current. `textChanged` moves the visible "Updated" time. */
  | { kind: 'update'; status: StoryStatus; textChanged: boolean };

export interface DecideOptions {
  now: Date;
  /** Feed mode: `review` holds new stories for an editor. */
  review: boolean;
}

export function decide(held: HeldStory | null, incoming: IncomingVersion, options: DecideOptions): Decision {
  if (held === null) return { kind: 'create', status: statusForNew(incoming, options) };
  if (held.status === 'killed') return { kind: 'ignore', reason: 'story was killed; its tombstone keeps it out' };
  if (held.knownContentHashes.has(incoming.contentHash)) return { kind: 'ignore', reason: 'identical re-send' };
  // A kill wins whatever its version number: an agency's kill must never be lost to ordering.
  if (isKill(incoming)) return { kind: 'update', status: 'killed', textChanged: false };
  if (compareVersions(incoming, held.current) <= 0) return { kind: 'history' };
  const textChanged = incoming.textHash !== held.current.textHash || incoming.headline !== held.current.headline;
  return { kind: 'update', status: statusForUpdate(held.status, incoming, options), textChanged };
}

function isKill(incoming: IncomingVersion): boolean {
  return incoming.pubstatus === 'canceled' || incoming.signal === 'kill';
}

function statusForNew(incoming: IncomingVersion, options: DecideOptions): StoryStatus {
  // A kill for a story we never had is still stored: the tombstone keeps later copies out.
  if (isKill(incoming)) return 'killed';
  if (incoming.pubstatus === 'withheld') return 'withheld';
  if (isEmbargoed(incoming, options.now)) return 'embargoed';
  return options.review ? 'held' : 'published';
}

function statusForUpdate(current: StoryStatus, incoming: IncomingVersion, options: DecideOptions): StoryStatus {
  if (isKill(incoming)) return 'killed';
  if (incoming.pubstatus === 'withheld') return 'withheld';
  if (isEmbargoed(incoming, options.now)) return 'embargoed';
  // A story waiting for an editor, or filed as a duplicate, keeps its place: the update only refreshes its text.
  if (current === 'held' || current === 'duplicate') return current;
  if (current === 'withheld' || current === 'embargoed') return options.review ? 'held' : 'published';
  return 'published';
}

export function isEmbargoed(incoming: { embargo: Date | null }, now: Date): boolean {
  return incoming.embargo !== null && incoming.embargo.getTime() > now.getTime();
}

/**
 * Orders two versions of one story: by the agency's version number when both have one,
 * then by the version-created time. Returns > 0 when `a` is newer. Versions we cannot order
 * (neither number nor time) count as newer on arrival: agencies send in order.
 */
export function compareVersions(
  a: { version: number | null; versionCreated: Date | null },
  b: { version: number | null; versionCreated: Date | null },
): number {
  if (a.version !== null && b.version !== null && a.version !== b.version) return a.version - b.version;
  if (a.versionCreated !== null && b.versionCreated !== null) {
    const diff = a.versionCreated.getTime() - b.versionCreated.getTime();
    if (diff !== 0) return diff;
  }
  return 1;
}
