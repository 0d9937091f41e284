/**
 * Lighthouse (mobile emulation, its default) on an article page, with Debian's Chromium:
 *   npx tsx bench/site/lighthouse.ts
 * Needs the `lighthouse@12.2.3` dev dependency (13 needs Node 22). Prints the four category
 * scores as JSON; the goal is 100 for accessibility, best practices and SEO, ≥ 95 for performance.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { storyPath } from '../../src/domain/slug.ts';
import { CHROMIUM_PATH } from '../../test/support/browser.ts';
import { createTestSite } from '../../test/support/runtime.ts';
import { idOf, publishSamples, SITE_TEST_CONFIG } from '../../test/support/site-support.ts';

const LIGHTHOUSE = path.resolve('node_modules/.bin/lighthouse');
const work = mkdtempSync(path.join(os.tmpdir(), 'wiredesk-lighthouse-'));
const site = await createTestSite(SITE_TEST_CONFIG);
try {
  const ids = await publishSamples(site.runtime);
  const story = await site.runtime.store.db
    .selectFrom('stories')
    .selectAll()
    .where('id', '=', idOf(ids, 'nna-tech-1'))
    .executeTakeFirstOrThrow();
  const base = await site.app.listen({ port: 0, host: '127.0.0.1' });
  const report = path.join(work, 'report.json');
  await promisify(execFile)(
    LIGHTHOUSE,
    [
      `${base}${storyPath(story)}`,
      '--quiet',
      '--output=json',
      `--output-path=${report}`,
      '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run',
    ],
    { env: { ...process.env, CHROME_PATH: CHROMIUM_PATH }, maxBuffer: 64 * 1024 * 1024 },
  );
  const categories = (JSON.parse(readFileSync(report, 'utf8')) as { categories: Record<string, { score: number | null }> }).categories;
  console.log(
    JSON.stringify(
      Object.fromEntries(Object.entries(categories).map(([name, { score }]) => [name, score === null ? null : Math.round(score * 100)])),
    ),
  );
} finally {
  await site.close();
  rmSync(work, { recursive: true, force: true });
}
