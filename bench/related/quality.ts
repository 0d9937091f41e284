/**
 * Precision@5 and recall of the related engine on the labelled evaluation set
 * (test/fixtures/related/stories.json), on a fresh SQLite database.
 *   npx tsx bench/related/quality.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../../src/config.ts';
import { openRuntime } from '../../src/runtime.ts';
import { EVALUATION_AGENCIES, evaluationFeeds, FIXTURE_STORIES, measure, publishFixtures } from '../../test/fixtures/related/evaluation.ts';

const dataDir = mkdtempSync(path.join(tmpdir(), 'wiredesk-related-quality-'));
try {
  const config = loadConfig({
    env: {},
    file: null,
    overrides: { dataDir, demo: false, logLevel: 'silent', agencies: EVALUATION_AGENCIES, feeds: evaluationFeeds() },
  });
  const runtime = await openRuntime(config, { log: pino({ level: 'silent' }), settleMs: 0 });
  const ids = await publishFixtures(runtime, FIXTURE_STORIES);
  const result = await measure(runtime, FIXTURE_STORIES, ids);
  process.stdout.write(`${JSON.stringify({ fixtures: FIXTURE_STORIES.length, ...result })}\n`);
  if (process.argv.includes('--lists')) {
    const keyOf = new Map([...ids].map(([key, id]) => [id, key]));
    for (const story of FIXTURE_STORIES) {
      const id = ids.get(story.key);
      if (id === undefined) continue;
      const lists = await runtime.related.listsFor({ id, section: story.section, headline: story.headline });
      const show = (cards: typeof lists.across) => cards.map((card) => `${keyOf.get(card.id)}${card.fill ? '*' : ''}`).join(' ');
      process.stdout.write(`${story.key} [${story.event}]\n  same: ${show(lists.sameSection)}\n  across: ${show(lists.across)}\n`);
    }
  }
  await runtime.close();
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
