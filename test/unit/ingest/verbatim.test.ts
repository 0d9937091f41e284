import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../../src/domain/identity.ts';
import { mergeStatusMap } from '../../../src/domain/status-map.ts';
import { parseWire } from '../../../src/ingest/formats/index.ts';
import { NormalizeError, normalize } from '../../../src/ingest/normalize.ts';
import { htmlToText } from '../../../src/ingest/text-content.ts';

/**
 * "Without any modifications to the text": over every fixture the project has (the format
 * fixtures and the demo agency's files), the text a reader sees in the stored body equals the
 * text of the agency's body (script, style and the like removed), and the revision's hash is
 * the hash of that text.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const FOLDERS = ['test/fixtures/formats', 'demo/kpa', 'demo/meridian'];

function fixtureFiles(): string[] {
  return FOLDERS.flatMap((folder) => {
    const dir = path.join(ROOT, folder);
    return readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.join(folder, entry.name));
  });
}

/** Fixtures that are whole-document faults parse to nothing: they have no text to compare. */
function itemsOf(file: string) {
  try {
    return parseWire(readFileSync(path.join(ROOT, file)), 'auto', {
      zone: 'Asia/Kolkata',
      baseUrl: null,
      charset: null,
      statusMap: mergeStatusMap({}),
    }).items;
  } catch {
    return [];
  }
}

describe('the stored text is the agency text', () => {
  const files = fixtureFiles();
  const withItems = files.filter((file) => itemsOf(file).length > 0);

  it('covers every format fixture and the demo agency', () => {
    expect(withItems.length).toBeGreaterThanOrEqual(20);
  });

  it.each(withItems)('%s', (file) => {
    let compared = 0;
    for (const item of itemsOf(file)) {
      let normalized: ReturnType<typeof normalize>;
      try {
        normalized = normalize(item, { feedLanguage: null });
      } catch (error) {
        // A deliberately bad item (no headline, empty body) is rejected: nothing is stored to compare.
        if (error instanceof NormalizeError) continue;
        throw error;
      }
      compared++;
      const agencyText = htmlToText(item.bodyHtml);
      expect(htmlToText(normalized.bodyHtml), `${file} ${item.guid}`).toBe(agencyText);
      expect(normalized.bodyText).toBe(agencyText);
      expect(normalized.textHash).toBe(sha256(agencyText));
    }
    expect(compared).toBeGreaterThan(0);
  });
});
