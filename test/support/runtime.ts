import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import type { z } from 'zod';
import { type Config, databaseUrlOf, type FeedConfig, feedSchema, loadConfig } from '../../src/config.ts';
import { openRuntime, type Runtime } from '../../src/runtime.ts';
import { buildServer } from '../../src/server.ts';
import type { Dialect } from '../../src/store/db.ts';

export interface TestSite {
  runtime: Runtime;
  app: FastifyInstance;
  dataDir: string;
  dialect: Dialect;
  /** The store's URL: another node opened on it shares this site's database. */
  databaseUrl: string;
  close(): Promise<void>;
}

export const POSTGRES_ADMIN_URL = process.env.WIREDESK_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Why PostgreSQL cannot be used, or null when it answers; asked once per test file. */
const postgresProblem = await probePostgres();

/**
 * The store engines the integration suite runs against. Integration tests are written once
 * and run for each: `describe.each(storeDialects())('... (%s)', (dialect) => ...)`.
 * CI (WIREDESK_REQUIRE_POSTGRES=1) fails when PostgreSQL is missing instead of skipping it.
 */
export function storeDialects(): Dialect[] {
  if (postgresProblem === null) return ['sqlite', 'postgres'];
  const message = `PostgreSQL not reachable at ${redacted(POSTGRES_ADMIN_URL)} (${postgresProblem})`;
  if (process.env.WIREDESK_REQUIRE_POSTGRES === '1') {
    throw new Error(`${message}: WIREDESK_REQUIRE_POSTGRES=1 requires the PostgreSQL tests to run`);
  }
  if (!skipAnnounced) process.stderr.write(`${message}: PostgreSQL tests skipped\n`);
  skipAnnounced = true;
  return ['sqlite'];
}
let skipAnnounced = false;

async function probePostgres(): Promise<string | null> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return (error as Error).message || (error as { code?: string }).code || 'connection failed';
  } finally {
    await client.end().catch(() => undefined);
  }
}

function redacted(url: string): string {
  const parsed = new URL(url);
  if (parsed.password !== '') parsed.password = '***';
  return parsed.href;
}

/**
 * A Wiredesk with its own empty database (SQLite in a temporary folder, or a fresh PostgreSQL
 * database), quiet logs, and an HTTP server ready for `app.inject`. Nothing is shared between
 * test files.
 */
export async function createTestSite(
  overrides: Partial<Config> = {},
  dialect: Dialect = 'sqlite',
  /** Adds test-only routes or hooks before the server is made ready. */
  prepare?: (app: FastifyInstance) => void | Promise<void>,
): Promise<TestSite> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'wiredesk-test-'));
  // A site given a database URL joins that database (another node of a cluster) and leaves it be.
  const database = dialect === 'postgres' && overrides.databaseUrl === undefined ? await createPostgresDatabase() : null;
  const config = loadConfig({
    env: {},
    file: null,
    overrides: {
      dataDir,
      demo: false,
      logLevel: 'silent',
      siteUrl: 'http://localhost:3000',
      // The digital e-paper recompiles in the background after publishing (CPU-heavy PDF work);
      // tests not about the e-paper should not pay for it. E-paper tests set their own.
      epaper: { ...loadConfig({ env: {}, file: null }).epaper, digitalDelayMs: 3_600_000 },
      ...(database === null ? {} : { databaseUrl: database.url }),
      ...overrides,
    },
  });
  let runtime: Runtime | undefined;
  let app: FastifyInstance;
  try {
    runtime = await openRuntime(config, { log: pino({ level: 'silent' }), settleMs: 0 });
    app = await buildServer(runtime);
    await prepare?.(app);
    await app.ready();
  } catch (error) {
    // A site that failed to open must not leave its database behind.
    await runtime?.close();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    runtime,
    app,
    dataDir,
    dialect,
    databaseUrl: databaseUrlOf(config),
    async close() {
      await app.close();
      await runtime.close();
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Another node of the site's cluster: its own runtime, server and data folder, the same database. */
export function createTestNode(site: TestSite, overrides: Partial<Config> = {}): Promise<TestSite> {
  return createTestSite({ ...overrides, databaseUrl: site.databaseUrl }, site.dialect);
}

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

/** A feed for a test's config, with the config file's defaults (interval, mode, format…) filled in. */
export function feedConfig(input: z.input<typeof feedSchema>): FeedConfig {
  return feedSchema.parse(input);
}
