/**
 * The whole feed could not be read (malformed XML, an HTML page, an empty or truncated
 * body, a refused DOCTYPE). Per-item problems are RejectedItems, never this.
 */
export class FeedParseError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FeedParseError';
  }
}
