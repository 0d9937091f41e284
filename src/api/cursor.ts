/**
 * Cursor pagination for "newest first" lists: the cursor is the (updated_at, id) of the last
 * story returned, opaque to clients. Unlike page numbers it never skips or repeats a story when
 * new ones are published between two requests.
 */
export interface Cursor {
  updatedAt: string;
  id: number;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.updatedAt}|${cursor.id}`, 'utf8').toString('base64url');
}

/** The cursor a client sent back, or null when it is not one this API made. */
export function decodeCursor(raw: string): Cursor | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(raw)) return null;
  const match = /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)\|(\d{1,15})$/.exec(Buffer.from(raw, 'base64url').toString('utf8'));
  if (match?.[1] === undefined || match[2] === undefined || Number.isNaN(Date.parse(match[1]))) return null;
  return { updatedAt: match[1], id: Number(match[2]) };
}
