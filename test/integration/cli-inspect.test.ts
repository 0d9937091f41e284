import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INSPECT_FIELDS } from '../support/inspect-contract.ts';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const CLI = path.join(ROOT, 'bin', 'wiredesk.js');
const DEMO_FILE = path.join(ROOT, 'demo', 'kpa', '2026-11-21-1600-wire.xml');

async function inspect(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, 'inspect', ...args], {
      cwd: ROOT,
      env: { ...process.env, WIREDESK_LOG_LEVEL: 'silent' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('wiredesk inspect', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === '/feed.xml') {
        response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
        response.end(
          '<rss version="2.0"><channel><title>t</title><item><guid>u-1</guid><title>Tram fares unchanged</title><description>&lt;p&gt;Nashik, Nov 2 Fares stay as they are.&lt;/p&gt;</description></item></channel></rss>',
        );
      } else {
        response.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('prints every item of a file as one JSON line with the documented fields, in order', async () => {
    const { code, stdout } = await inspect(DEMO_FILE);
    expect(code).toBe(0);
    const records = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records.length).toBeGreaterThan(1);
    for (const record of records) expect(Object.keys(record)).toEqual(INSPECT_FIELDS);
    expect(records[0]?.dateline).toMatch(/^[A-Z][a-z]+, Nov \d{1,2}$/);
  });

  it('fetches a URL under the feed rules: loopback only when allowed', async () => {
    const refused = await inspect(`${base}/feed.xml`);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('private or loopback');
    const allowed = await inspect('--allow-private', `${base}/feed.xml`);
    expect(allowed.code).toBe(0);
    expect(JSON.parse(allowed.stdout.trim())).toMatchObject({ guid: 'u-1', headline: 'Tram fares unchanged', dateline: 'Nashik, Nov 2' });
  });

  it('exits 2 for a file that does not exist and 1 for one that is no feed', async () => {
    expect((await inspect(path.join(ROOT, 'no-such-file.xml'))).code).toBe(2);
    const notFeed = await inspect(path.join(ROOT, 'README.md'));
    expect(notFeed.code).toBe(1);
    expect(notFeed.stderr).toMatch(/README\.md: /);
  });
});
