import { execFile } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseUrlOf } from '../../src/config.ts';
import { ConsoleClient } from '../support/admin-client.ts';
import { createTestSite, storeDialects, type TestSite } from '../support/runtime.ts';

const BIN = path.resolve('bin/wiredesk.js');

function wiredesk(site: TestSite, args: string[], stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      {
        env: {
          ...process.env,
          DATABASE_URL: databaseUrlOf(site.runtime.config),
          WIREDESK_DATA_DIR: site.dataDir,
          WIREDESK_DEMO: 'false',
          WIREDESK_LOG_LEVEL: 'silent',
        },
      },
      (error, stdout, stderr) => resolve({ code: error === null ? 0 : Number(error.code ?? 1), stdout, stderr }),
    );
    child.stdin?.end(stdin);
  });
}

describe.each(storeDialects())('wiredesk user (%s)', (dialect) => {
  let site: TestSite;
  beforeAll(async () => {
    site = await createTestSite({}, dialect);
  });
  afterAll(async () => site.close());

  it('creates the first admin with the password from stdin, who can then sign in', async () => {
    const added = await wiredesk(site, ['user', 'add', '--admin', 'First.Admin@desk.example'], 'the first admin password\n');
    expect(added).toMatchObject({ code: 0, stdout: 'added first.admin@desk.example (admin); sign in at /admin/login\n' });
    const client = new ConsoleClient(site.app);
    expect((await client.signIn('first.admin@desk.example', 'the first admin password')).statusCode).toBe(303);
    expect((await client.get('/admin/users')).statusCode).toBe(200);
  }, 120_000);

  it('refuses a short password, and never demotes the last admin', async () => {
    const weak = await wiredesk(site, ['user', 'add', 'ed@desk.example'], 'short\n');
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('at least 12 characters');
    const demote = await wiredesk(site, ['user', 'role', 'first.admin@desk.example', 'viewer']);
    expect(demote.code).toBe(1);
    expect(demote.stderr).toContain('only active admin');
  }, 120_000);
});
