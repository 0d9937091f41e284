import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { type Config, loadConfig } from '../../src/config.ts';
import { openRuntime, type Runtime } from '../../src/runtime.ts';
import { buildServer } from '../../src/server.ts';
import type { Dialect } from '../../src/store/db.ts';

export interface TestSite {
  runtime: Runtime;
  app: FastifyInstance;
  dataDir: string;
  dialect: Dialect;
  close(): Promise<void>;
}

/**
 * The store engines the integration suite runs against. Integration tests are written once
 * and run for each: `describe.each(storeDialects())('... (%s)', (dialect) => ...)`.
 */
export function storeDialects(): Dialect[] {
  return ['sqlite'];
}

/**
 * A Wiredesk with its own empty database (SQLite in a temporary folder, or a fresh PostgreSQL
 * database), quiet logs, and an HTTP server ready for `app.inject`. Nothing is shared between
 * test files.
 */
export async function createTestSite(overrides: Partial<Config> = {}, dialect: Dialect = 'sqlite'): Promise<TestSite> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'wiredesk-test-'));
  const database = dialect === 'postgres' ? await createPostgresDatabase() : null;
  const config = loadConfig({
    env: {},
    file: null,
    overrides: {
      dataDir,
      demo: false,
      logLevel: 'silent',
      siteUrl: 'http://localhost:3000',
      ...(database === null ? {} : { databaseUrl: database.url }),
      ...overrides,
    },
  });
  const runtime = await openRuntime(config, { log: pino({ level: 'silent' }), settleMs: 0 });
  const app = await buildServer(runtime);
  await app.ready();
  return {
    runtime,
    app,
    dataDir,
    dialect,
    async close() {
      await app.close();
      await runtime.close();
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const POSTGRES_ADMIN_URL = process.env.WIREDESK_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A database of its own for one test file, dropped afterwards. */
async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const { default: pg } = await import('pg');
  const name = `wiredesk_test_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    async drop() {
      const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
