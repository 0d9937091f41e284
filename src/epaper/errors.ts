/**
 * A PDF or a request the e-paper refuses: not a PDF, encrypted, broken, over a limit, an
 * unknown edition or date. The message names the file and the reason and is safe to show.
 */
export class EpaperInputError extends Error {
  override name = 'EpaperInputError';
}
