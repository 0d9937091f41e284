import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storyPath } from '../../src/domain/slug.ts';
import { launchChromium } from '../support/browser.ts';
import { createTestSite, type TestSite } from '../support/runtime.ts';
import { idOf, killStory, publishSamples, SITE_TEST_CONFIG } from '../support/site-support.ts';

/** The Nu HTML Checker from the vnu-jar package (a dev dependency); Java is on the machine. */
const VNU_JAR = path.resolve('node_modules/vnu-jar/build/dist/vnu.jar');

interface VnuMessage {
  type: string;
  message: string;
  url: string;
  lastLine?: number;
}

/** Runs vnu once over every file (one JVM start); returns its error messages. */
async function vnuErrors(files: string[]): Promise<VnuMessage[]> {
  if (!existsSync(VNU_JAR)) throw new Error(`${VNU_JAR} is missing: install the vnu-jar dev dependency`);
  const run = promisify(execFile);
  const result = await run('java', ['-jar', VNU_JAR, '--format', 'json', '--stdout', '--errors-only', ...files], {
    maxBuffer: 16 * 1024 * 1024,
  }).catch((error: { stdout?: string; code?: number }) => {
    // Exit 1 means "errors found"; the JSON report is still on stdout.
    if (error.code === 1 && error.stdout !== undefined) return { stdout: error.stdout };
    throw error;
  });
  return (JSON.parse(result.stdout) as { messages: VnuMessage[] }).messages;
}

describe('public pages checked by the Nu HTML Checker and axe', () => {
  let site: TestSite;
  let browser: Browser;
  let base: string;
  let pages: { name: string; path: string; status: number }[];
  const work = mkdtempSync(path.join(tmpdir(), 'wiredesk-checks-'));

  beforeAll(async () => {
    site = await createTestSite(SITE_TEST_CONFIG);
    const ids = await publishSamples(site.runtime);
    const pathOf = async (guid: string): Promise<string> =>
      storyPath(await site.runtime.store.db.selectFrom('stories').selectAll().where('id', '=', idOf(ids, guid)).executeTakeFirstOrThrow());
    await killStory(site.runtime, idOf(ids, 'nna-tech-2'));
    pages = [
      { name: 'home', path: '/', status: 200 },
      { name: 'section', path: '/technology', status: 200 },
      { name: 'city index', path: '/city', status: 200 },
      { name: 'city', path: '/city/pune', status: 200 },
      { name: 'search', path: '/search?q=pune', status: 200 },
      { name: 'empty search', path: '/search?q=xylophonequartz', status: 200 },
      { name: 'article', path: await pathOf('nna-tech-1'), status: 200 },
      { name: 'Hindi article', path: await pathOf('nna-hi-1'), status: 200 },
      { name: '404', path: '/no/such/page', status: 404 },
      { name: '410', path: await pathOf('nna-tech-2'), status: 410 },
    ];
    base = await site.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('finds no HTML errors on the home, section, city, search, article, 404 and 410 pages', async () => {
    const files: string[] = [];
    for (const [index, page] of pages.entries()) {
      const response = await site.app.inject({ url: page.path });
      expect(response.statusCode, page.name).toBe(page.status);
      const file = path.join(work, `page-${index}.html`);
      writeFileSync(file, response.body);
      files.push(file);
    }
    const errors = (await vnuErrors(files)).map((message) => {
      const page = pages[files.findIndex((file) => message.url.endsWith(path.basename(file)))];
      return `${page?.name ?? message.url}:${message.lastLine ?? '?'} ${message.message}`;
    });
    expect(errors).toEqual([]);
  }, 120_000);

  it('finds no serious or critical accessibility violations on the same pages', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const problems: string[] = [];
    // The page kinds the issue names (axe takes seconds per page on a busy machine).
    for (const entry of pages.filter((candidate) => !['city index', 'empty search'].includes(candidate.name))) {
      const response = await page.goto(`${base}${entry.path}`);
      expect(response?.status(), entry.name).toBe(entry.status);
      const results = await new AxeBuilder({ page }).analyze();
      for (const violation of results.violations) {
        if (violation.impact === 'serious' || violation.impact === 'critical') {
          problems.push(
            `${entry.name}: ${violation.id} (${violation.impact}) ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
          );
        }
      }
    }
    await context.close();
    expect(problems).toEqual([]);
  }, 600_000);
});
