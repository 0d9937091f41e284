/**
 * Tables of the photos area (src/media/): every picture stored once by the sha256 of its
 * bytes, and which pictures each story shows. The files themselves live under
 * `<dataDir>/media/`; these rows say what they are and who may see them.
 */

/** One original picture, validated by sharp, stored at `<dataDir>/media/originals/<sha256>`. */
export interface MediaAssetTable {
  sha256: string;
  /** What sharp read: jpeg | png | webp | heif | gif | tiff … */
  format: string;
  /** Pixel size as a reader sees it (after EXIF orientation). */
  width: number;
  height: number;
  bytes: number;
  created_at: string;
}

/**
 * A picture of a story, in the agency's order: position 0 is the first picture the agency
 * sent, and the lowest position present is the lead photo. Only pictures that were fetched
 * and validated have a row; failures are `media_failed` events.
 */
export interface StoryMediaTable {
  story_id: number;
  position: number;
  /** The URL the agency gave; a later revision naming the same URL reuses the stored picture. */
  source_url: string;
  sha256: string;
  caption: string | null;
  credit: string | null;
  created_at: string;
}

export interface MediaTables {
  media_assets: MediaAssetTable;
  story_media: StoryMediaTable;
}
