import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database, EpaperEdition, EpaperPage } from '../store/index.ts';

/**
 * The e-paper's rows and folders. An edition is switched in one transaction (old row out, new
 * row, pages and story links in); the old folder is deleted only after the switch committed,
 * so a reader mid-way through the old edition never meets a half-written new one.
 */

export type EditionKind = 'print' | 'digital';

export interface PreparedEdition {
  edition: string;
  date: string;
  kind: EditionKind;
  version: string;
  bytes: number;
  sha256: string;
  pages: Omit<EpaperPage, 'edition_id'>[];
  /** Stories printed in it (digital editions). */
  storyIds: number[];
}

export type InstallResult =
  | { installed: true; edition: EpaperEdition; replaced: EpaperEdition | null }
  | { installed: false; reason: string };

export class EditionStore {
  constructor(
    private readonly db: Kysely<Database>,
    /** `<dataDir>/epaper` */
    readonly root: string,
  ) {}

  folderOf(version: string): string {
    return path.join(this.root, version);
  }

  async find(edition: string, date: string): Promise<EpaperEdition | undefined> {
    return this.db.selectFrom('epaper_editions').selectAll().where('edition', '=', edition).where('date', '=', date).executeTakeFirst();
  }

  async byVersion(version: string): Promise<EpaperEdition | undefined> {
    return this.db.selectFrom('epaper_editions').selectAll().where('version', '=', version).executeTakeFirst();
  }

  async pages(editionId: number): Promise<EpaperPage[]> {
    return this.db.selectFrom('epaper_pages').selectAll().where('edition_id', '=', editionId).orderBy('page').execute();
  }

  /** Dates that have an edition, newest first. */
  async dates(edition: string, limit = 366): Promise<string[]> {
    const rows = await this.db
      .selectFrom('epaper_editions')
      .select('date')
      .where('edition', '=', edition)
      .orderBy('date', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => row.date);
  }

  /** The stories a digital edition prints. */
  async storyIds(editionId: number): Promise<number[]> {
    const rows = await this.db.selectFrom('epaper_edition_stories').select('story_id').where('edition_id', '=', editionId).execute();
    return rows.map((row) => row.story_id);
  }

  /** Digital editions that print any of these stories. */
  async digitalWithStories(storyIds: number[]): Promise<EpaperEdition[]> {
    if (storyIds.length === 0) return [];
    return this.db
      .selectFrom('epaper_editions')
      .selectAll()
      .where('kind', '=', 'digital')
      .where('id', 'in', (eb) => eb.selectFrom('epaper_edition_stories').select('edition_id').where('story_id', 'in', storyIds))
      .execute();
  }

  /** True when a digital edition prints a story that is no longer published (killed, held back, merged). */
  async printsUnpublished(editionId: number): Promise<boolean> {
    const row = await this.db
      .selectFrom('epaper_edition_stories')
      .leftJoin('stories', 'stories.id', 'epaper_edition_stories.story_id')
      .select('epaper_edition_stories.story_id')
      .where('epaper_edition_stories.edition_id', '=', editionId)
      .where((eb) => eb.or([eb('stories.status', 'is', null), eb('stories.status', '!=', 'published')]))
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Makes a prepared edition the current one for its edition and date. A digital edition
   * never replaces a print one: the printed paper is the real thing.
   */
  async install(prepared: PreparedEdition, now: Date): Promise<InstallResult> {
    const at = now.toISOString();
    const result = await this.db.transaction().execute(async (trx): Promise<InstallResult> => {
      const old = await trx
        .selectFrom('epaper_editions')
        .selectAll()
        .where('edition', '=', prepared.edition)
        .where('date', '=', prepared.date)
        .executeTakeFirst();
      if (old !== undefined && old.kind === 'print' && prepared.kind === 'digital') {
        return { installed: false, reason: `${prepared.edition} ${prepared.date} has a print edition` };
      }
      if (old !== undefined) await deleteEditionRows(trx, old.id);
      const row = await trx
        .insertInto('epaper_editions')
        .values({
          edition: prepared.edition,
          date: prepared.date,
          kind: prepared.kind,
          version: prepared.version,
          page_count: prepared.pages.length,
          bytes: prepared.bytes,
          sha256: prepared.sha256,
          created_at: old?.created_at ?? at,
          updated_at: at,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('epaper_pages')
        .values(prepared.pages.map((page) => ({ ...page, edition_id: row.id })))
        .execute();
      if (prepared.storyIds.length > 0) {
        await trx
          .insertInto('epaper_edition_stories')
          .values([...new Set(prepared.storyIds)].map((storyId) => ({ edition_id: row.id, story_id: storyId })))
          .execute();
      }
      return { installed: true, edition: row, replaced: old ?? null };
    });
    if (result.installed && result.replaced !== null) await this.removeFolder(result.replaced.version);
    return result;
  }

  /** Takes an edition off the site: its row first (readers stop seeing it), then its files. */
  async remove(edition: EpaperEdition): Promise<void> {
    await this.db.transaction().execute((trx) => deleteEditionRows(trx, edition.id));
    await this.removeFolder(edition.version);
  }

  async removeFolder(version: string): Promise<void> {
    await rm(this.folderOf(version), { recursive: true, force: true });
  }
}

async function deleteEditionRows(db: Kysely<Database>, editionId: number): Promise<void> {
  // Explicit rather than ON DELETE CASCADE alone: SQLite enforces it only with foreign_keys on.
  await db.deleteFrom('epaper_edition_stories').where('edition_id', '=', editionId).execute();
  await db.deleteFrom('epaper_pages').where('edition_id', '=', editionId).execute();
  await db.deleteFrom('epaper_editions').where('id', '=', editionId).execute();
}
