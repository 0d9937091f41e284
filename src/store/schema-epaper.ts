import type { Generated, Selectable } from 'kysely';

/**
 * The e-paper (src/epaper/): one edition per (edition slug, date), either the print PDF an
 * editor added or the digital edition compiled from the day's stories. Its files live in
 * `<dataDir>/epaper/<version>/`; a replacement gets a new version folder and the row is
 * switched in one transaction, so readers see the old edition or the new one, never a mix.
 */
export interface EpaperEditionTable {
  id: Generated<number>;
  /** The configured edition slug ("pune"). */
  edition: string;
  /** The newspaper's date, YYYY-MM-DD. */
  date: string;
  /** print | digital */
  kind: string;
  /** Name of the folder holding this edition's PDF and page images; changes on every replace. */
  version: string;
  page_count: number;
  bytes: number;
  /** sha256 of the PDF. */
  sha256: string;
  created_at: string;
  updated_at: string;
}

export interface EpaperPageTable {
  edition_id: number;
  /** 1-based page number. */
  page: number;
  /** Size of the largest rendering, for width/height attributes and clip geometry. */
  width: number;
  height: number;
  /** The page's text as extracted from the PDF, for search and the text view. */
  text: string;
}

/** Stories printed in a digital edition: a kill or update finds the editions to recompile. */
export interface EpaperEditionStoryTable {
  edition_id: number;
  story_id: number;
}

export interface EpaperTables {
  epaper_editions: EpaperEditionTable;
  epaper_pages: EpaperPageTable;
  epaper_edition_stories: EpaperEditionStoryTable;
}

export type EpaperEdition = Selectable<EpaperEditionTable>;
export type EpaperPage = Selectable<EpaperPageTable>;
