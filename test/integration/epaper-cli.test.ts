import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notPdf, printPdf } from '../support/epaper-fixtures.ts';
import { createTestSite, storeDialects, type TestSite } from '../support/runtime.ts';

const BIN = fileURLToPath(new URL('../../bin/wiredesk.js', import.meta.url));
const SLOW = { timeout: 240_000 };

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

describe.each(storeDialects())('wiredesk epaper commands (%s)', (dialect) => {
  let site: TestSite;

  /** Runs the real CLI against the test site's database and data folder. */
  const wiredesk = (...args: string[]): Promise<Run> =>
    new Promise((resolve) => {
      const env: NodeJS.ProcessEnv = {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        WIREDESK_DATA_DIR: site.dataDir,
        WIREDESK_DEMO: 'false',
      };
      if (site.runtime.config.databaseUrl !== undefined) env.DATABASE_URL = site.runtime.config.databaseUrl;
      execFile(process.execPath, [BIN, ...args], { cwd: site.dataDir, env, timeout: 200_000 }, (error, stdout, stderr) => {
        resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr });
      });
    });

  beforeAll(async () => {
    site = await createTestSite({}, dialect);
  });
  afterAll(async () => site?.close());

  it('adds a print edition from a PDF file, and the site shows it', SLOW, async () => {
    const file = path.join(site.dataDir, 'pune-29.pdf');
    writeFileSync(file, await printPdf([['Sugar mill strike ends'], ['Library week begins']]));
    const run = await wiredesk('epaper', 'add', '--edition', 'pune', '--date', '2026-11-29', file);
    expect(run).toMatchObject({ code: 0, stdout: 'pune 2026-11-29: print edition of 2 pages added\n' });
    const page = await site.app.inject('/epaper/pune/2026-11-29/2');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Library week begins');
    const list = await wiredesk('epaper', 'list');
    expect(list).toMatchObject({ code: 0, stdout: '2026-11-29\tpune\tprint\t2 pages\n' });
  });

  it('refuses a file that is not a PDF, naming it and the reason, and changes nothing', SLOW, async () => {
    const file = path.join(site.dataDir, 'page.pdf');
    writeFileSync(file, notPdf());
    const bad = await wiredesk('epaper', 'add', '--edition', 'pune', '--date', '2026-11-29', file);
    expect(bad).toMatchObject({ code: 1, stdout: '', stderr: 'wiredesk: page.pdf: not a PDF (it does not start with %PDF-)\n' });
    expect((await site.app.inject('/epaper/pune/2026-11-29/2')).body).toContain('Library week begins');
  });
});
