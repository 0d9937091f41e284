import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * Wiredesk is Apache-2.0 and ships with its runtime dependencies: each must carry a permissive
 * licence. Three deliberate, documented exceptions, none linked into our code as GPL would be:
 * - libvips (LGPL-3.0), the image library sharp loads as a separate shared library;
 * - web-push (MPL-2.0, file-level copyleft), used unmodified for Web Push as the app issue asks;
 * - the Noto Sans Devanagari font files (SIL OFL-1.1, the package's code MIT), embedded
 *   (subset) in digital e-paper PDFs, which the OFL allows in any document, commercial included.
 */
const PERMISSIVE = /^(MIT|ISC|Apache-2\.0|BSD-2-Clause|BSD-3-Clause|0BSD|BlueOak-1\.0\.0|Zlib|CC0-1\.0|Unlicense|Python-2\.0)$/;
const EXCEPTIONS: Record<string, RegExp> = {
  '@img/sharp-libvips-': /LGPL-3\.0-or-later/,
  '@img/sharp-': /LGPL-3\.0-or-later/,
  'web-push': /^MPL-2\.0$/,
  '@expo-google-fonts/noto-sans-devanagari': /^MIT AND OFL-1\.1$/,
};

function isAllowed(expression: string): boolean {
  const clean = expression.replace(/[()]/g, '');
  // "A OR B": one permissive choice is enough. "A AND B": every part must be permissive.
  if (clean.includes(' OR ')) return clean.split(' OR ').some((part) => isAllowed(part.trim()));
  return clean.split(' AND ').every((part) => PERMISSIVE.test(part.trim()));
}

describe('runtime dependency licences', () => {
  it('are permissive, apart from the documented exceptions', () => {
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
      packages: Record<string, { dev?: boolean; license?: string }>;
    };
    const offenders: string[] = [];
    for (const [location, entry] of Object.entries(lock.packages)) {
      if (location === '' || entry.dev === true) continue;
      const name = location.replace(/^.*node_modules\//, '');
      const licence = entry.license ?? 'UNKNOWN';
      if (isAllowed(licence)) continue;
      const exception = Object.entries(EXCEPTIONS).find(([prefix]) => name.startsWith(prefix));
      if (exception?.[1].test(licence)) continue;
      offenders.push(`${name}: ${licence}`);
    }
    expect(offenders).toEqual([]);
  });
});
