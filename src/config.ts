import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * Configuration: defaults, then `wiredesk.config.json` (optional), then WIREDESK_* environment
 * variables. Validated once at start; a bad value stops the process with the key's name and
 * what it expects, never a stack trace.
 */

const sectionSchema = z.object({
  slug: z.string().regex(/^[a-z0-9-]+$/, 'a lowercase slug (a-z, 0-9, -)'),
  name: z.string().min(1),
});

/** An agency as declared in the config file (and in the demo's manifest). */
export const agencySchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, 'a lowercase id (a-z, 0-9, -)'),
  name: z.string().min(1),
  byline: z.string().min(1),
  disclaimer: z.string().min(1).optional(),
  priority: z.number().int().default(100),
  indexingPolicy: z.enum(['index', 'noindex-news', 'noindex']).default('index'),
});

/** A feed as declared in the config file (and in the demo's manifest), defaults applied on parse. */
export const feedSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, 'a lowercase id (a-z, 0-9, -)'),
  agency: z.string().min(1),
  transport: z.enum(['http', 'folder', 'push']),
  location: z.string().default(''),
  format: z.enum(['auto', 'rss', 'atom', 'rdf', 'jsonfeed', 'ninjs', 'newsml-g2', 'nitf']).default('auto'),
  intervalSeconds: z.number().int().positive().default(60),
  mode: z.enum(['auto', 'review']).default('auto'),
  defaultSection: z.string().min(1),
  language: z.string().optional(),
  zone: z.string().optional(),
  credentials: z.record(z.string(), z.string()).optional(),
  allowPrivate: z.boolean().default(false),
});

/** E-paper editions (src/epaper/): one per city the paper prints for, and the limits on an added PDF. */
const epaperSchema = z.object({
  editions: z
    .array(z.object({ slug: z.string().regex(/^[a-z0-9-]+$/, 'a lowercase slug (a-z, 0-9, -)'), name: z.string().min(1) }))
    .min(1)
    .default([
      { slug: 'mumbai', name: 'Mumbai' },
      { slug: 'pune', name: 'Pune' },
      { slug: 'delhi', name: 'Delhi' },
    ]),
  /** A print PDF with more pages is refused: every page is rendered three times on add. */
  maxPages: z.number().int().positive().default(64),
  /** A print PDF larger than this is refused before it is read. */
  maxBytes: z
    .number()
    .int()
    .positive()
    .default(100 * 1024 * 1024),
  /** Stories per section in the compiled digital edition. */
  digitalStoriesPerSection: z.number().int().min(1).max(20).default(4),
  /** Publish events within this window are gathered into one recompile of the digital edition (kills never wait). */
  digitalDelayMs: z.number().int().min(0).default(30_000),
});

/** The app (src/app/): PWA colours, the native apps "Open in App" hands over to, push alerts, the content API. */
const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour as #rrggbb');
const appSchema = z.object({
  /** Name under the home-screen icon (browsers cut long names); default: the site name. */
  shortName: z.string().min(1).max(20).optional(),
  themeColor: hexColor.default('#b3131b'),
  backgroundColor: hexColor.default('#ffffff'),
  /** A native Android app: "Open in App" becomes an intent:// link and assetlinks.json is served. */
  android: z
    .object({
      package: z.string().regex(/^[a-zA-Z][\w]*(\.[a-zA-Z][\w]*)+$/, 'a Java package name such as com.example.news'),
      /** SHA-256 fingerprints of the app's signing certificates, as `keytool` prints them (AB:CD:…). */
      sha256Fingerprints: z.array(z.string().regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/, '32 upper-case hex bytes joined by ":"')).min(1),
    })
    .optional(),
  /** A native iOS app: the Smart App Banner and apple-app-site-association are served. */
  ios: z
    .object({
      /** The numeric App Store id (apps.apple.com/app/id<appStoreId>). */
      appStoreId: z.string().regex(/^\d+$/, 'the numeric App Store id'),
      teamId: z.string().regex(/^[A-Z0-9]{10}$/, 'the 10-character Apple team id'),
      bundleId: z.string().regex(/^[A-Za-z0-9.-]+$/, 'a bundle id such as com.example.news'),
    })
    .optional(),
  push: z
    .object({
      /** VAPID contact (mailto: or https:) push services use to reach the publisher; default: mailto:push@<site host>. */
      subject: z
        .string()
        .regex(/^(mailto:|https:\/\/)/, 'a mailto: or https:// URL')
        .optional(),
      /**
       * Push services a subscription may point at. A subscription endpoint is a URL the server will
       * POST to, so only the browsers' own push services are accepted (no SSRF through a fake one).
       */
      serviceHosts: z
        .array(z.string().min(1))
        .default(['fcm.googleapis.com', 'updates.push.services.mozilla.com', 'web.push.apple.com', '.notify.windows.com']),
      /** How long a push service keeps an undelivered alert. */
      ttlSeconds: z.number().int().min(0).default(3600),
    })
    .prefault({}),
  api: z
    .object({
      /** Requests per minute for a key created without its own limit. */
      defaultRatePerMinute: z.number().int().positive().default(120),
      maxPageSize: z.number().int().min(1).max(200).default(50),
    })
    .prefault({}),
});

const limitsSchema = z.object({
  /** Largest decompressed feed body accepted from any transport. */
  maxBodyBytes: z
    .number()
    .int()
    .positive()
    .default(15 * 1024 * 1024),
  /** Largest single item; bigger items are rejected, the rest of the feed goes on. */
  maxItemBytes: z
    .number()
    .int()
    .positive()
    .default(2 * 1024 * 1024),
  maxItemsPerFetch: z.number().int().positive().default(5000),
  connectTimeoutMs: z.number().int().positive().default(10_000),
  fetchTimeoutMs: z.number().int().positive().default(30_000),
  /** No feed is polled more often than this, whatever its interval says. */
  pollFloorSeconds: z.number().int().positive().default(15),
  maxRedirects: z.number().int().min(0).default(5),
  /** A signed push whose timestamp is further than this from our clock is refused (replay protection). */
  pushReplayWindowSeconds: z.number().int().positive().default(300),
});

export const DEFAULT_DISCLAIMER =
  'This post has been auto-published from an agency feed without any modifications to the text and has not been reviewed by an editor';

/** Agency pictures (src/media/): fetched under the feed's transport rules, validated by sharp, served in responsive sizes. */
const mediaSchema = z.object({
  /** Largest picture accepted, in bytes (decompressed); a larger download is cut off. */
  maxBytes: z
    .number()
    .int()
    .positive()
    .default(20 * 1024 * 1024),
  /** A picture with more pixels than this is refused before it is decoded (decompression bombs). */
  maxPixels: z.number().int().positive().default(50_000_000),
  /** Pictures taken per story revision; the agency's first ones win. */
  maxPerStory: z.number().int().min(0).default(6),
  /** Stories whose pictures are being fetched at the same time (each story's pictures are fetched one after another). */
  fetchConcurrency: z.number().int().min(1).default(2),
  /** Renditions encoded at the same time; sharp's threads are shared with file and DNS work. */
  renderConcurrency: z.number().int().min(1).default(2),
});

/** Running several nodes over one PostgreSQL database (src/cluster/); ignored on SQLite. */
const clusterSchema = z.object({
  /** How often an idle node asks pg-boss for a feed poll or an embargo release. */
  jobPollingSeconds: z.number().min(0.5).default(2),
  /** A job not finished in this time is taken to have died with its node and is given to another. */
  jobExpireSeconds: z.number().int().min(1).default(600),
  /** How often pg-boss looks for expired jobs (and so how soon a dead node's job is retried). */
  maintenanceSeconds: z.number().int().min(1).default(30),
  /** On SIGTERM: how long requests and jobs in flight may take before the node exits anyway. */
  shutdownTimeoutMs: z.number().int().min(1000).default(30_000),
});

/** The CDN purge hook: an HTTP call with the surrogate keys of every publish, update and kill. */
const cdnSchema = z.object({
  /** Fastly: https://api.fastly.com/service/<id>/purge; Cloudflare: https://api.cloudflare.com/client/v4/zones/<id>/purge_cache. Unset: no CDN. */
  purgeUrl: z.url().optional(),
  /** fastly: keys in a Surrogate-Key header; cloudflare: JSON {"tags": [...]} */
  purgeStyle: z.enum(['fastly', 'cloudflare']).default('fastly'),
  /** Sent as Fastly-Key (fastly) or Authorization: Bearer (cloudflare); set it from the environment. */
  purgeToken: z.string().optional(),
  purgeTimeoutMs: z.number().int().positive().default(5000),
});

const configSchema = z.object({
  port: z.number().int().min(0).max(65535).default(3000),
  host: z.string().default('0.0.0.0'),
  /**
   * Take the client address from X-Forwarded-For: only behind a proxy or CDN that sets it, or a
   * client could forge its address past the login limits. true trusts any hop; a string lists
   * the proxies' addresses or CIDR ranges ("127.0.0.1,10.0.0.0/8").
   */
  trustProxy: z.union([z.boolean(), z.string().min(1)]).default(false),
  dataDir: z.string().default('./data'),
  /** sqlite:<path> or postgres://…; default: SQLite at <dataDir>/wiredesk.db */
  databaseUrl: z.string().optional(),
  siteName: z.string().min(1).default('Wiredesk News'),
  /** Public base URL for canonical links, sitemaps and feeds. */
  siteUrl: z.url().default('http://localhost:3000'),
  siteDescription: z.string().default('News from the wires, published as the agencies send it.'),
  language: z.string().default('en'),
  timeZone: z.string().refine(isKnownZone, 'an IANA time zone such as Asia/Kolkata').default('Asia/Kolkata'),
  zoneLabel: z.string().min(1).default('IST'),
  sections: z
    .array(sectionSchema)
    .min(1)
    .default([
      { slug: 'national', name: 'National' },
      { slug: 'international', name: 'International' },
      { slug: 'technology', name: 'Technology' },
      { slug: 'entertainment', name: 'Entertainment' },
      { slug: 'city', name: 'City' },
    ]),
  /** Fill a fresh database from the bundled demo agency on start. */
  demo: z.boolean().default(true),
  agencies: z.array(agencySchema).default([]),
  feeds: z.array(feedSchema).default([]),
  /** Stories listed per page on home blocks, section and tag pages. */
  pageSize: z.number().int().min(1).max(100).default(20),
  relatedCount: z.number().int().min(1).max(20).default(5),
  /** Rendered pages kept in memory (bytes, 0 disables) and for how long; browsers/CDNs may serve them stale while revalidating. */
  pageCache: z
    .object({
      maxBytes: z
        .number()
        .int()
        .min(0)
        .default(64 * 1024 * 1024),
      maxAgeSeconds: z.number().int().positive().default(300),
      staleWhileRevalidateSeconds: z.number().int().min(0).default(600),
    })
    .default({ maxBytes: 64 * 1024 * 1024, maxAgeSeconds: 300, staleWhileRevalidateSeconds: 600 }),
  /** Shown on the Contact page. */
  contactEmail: z.email().default('newsdesk@wiredesk.invalid'),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Bearer token for GET /metrics (Prometheus). Unset: /metrics answers 404, so nothing is exposed by default. */
  metricsToken: z.string().min(16, 'at least 16 characters').optional(),
  limits: limitsSchema.default(limitsSchema.parse({})),
  epaper: epaperSchema.default(epaperSchema.parse({})),
  cluster: clusterSchema.default(clusterSchema.parse({})),
  cdn: cdnSchema.default(cdnSchema.parse({})),
  app: appSchema.default(appSchema.parse({})),
  media: mediaSchema.default(mediaSchema.parse({})),
});

export type Config = z.infer<typeof configSchema>;
export type SectionConfig = z.infer<typeof sectionSchema>;
export type AgencyConfig = z.infer<typeof agencySchema>;
export type FeedConfig = z.infer<typeof feedSchema>;
export type EpaperConfig = z.infer<typeof epaperSchema>;
export type AppConfig = z.infer<typeof appSchema>;
export type MediaConfig = z.infer<typeof mediaSchema>;

function isKnownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Environment variables and the config key each one sets (a dotted path for nested settings);
 * numbers and booleans are parsed. Secrets (tokens) belong here rather than in the file.
 */
const ENV_KEYS: Record<string, { key: string; type: 'string' | 'number' | 'boolean' }> = {
  WIREDESK_PORT: { key: 'port', type: 'number' },
  PORT: { key: 'port', type: 'number' },
  WIREDESK_HOST: { key: 'host', type: 'string' },
  WIREDESK_DATA_DIR: { key: 'dataDir', type: 'string' },
  DATABASE_URL: { key: 'databaseUrl', type: 'string' },
  WIREDESK_DATABASE_URL: { key: 'databaseUrl', type: 'string' },
  WIREDESK_SITE_NAME: { key: 'siteName', type: 'string' },
  WIREDESK_SITE_URL: { key: 'siteUrl', type: 'string' },
  WIREDESK_TIME_ZONE: { key: 'timeZone', type: 'string' },
  WIREDESK_ZONE_LABEL: { key: 'zoneLabel', type: 'string' },
  WIREDESK_DEMO: { key: 'demo', type: 'boolean' },
  WIREDESK_LOG_LEVEL: { key: 'logLevel', type: 'string' },
  WIREDESK_METRICS_TOKEN: { key: 'metricsToken', type: 'string' },
  WIREDESK_TRUST_PROXY: { key: 'trustProxy', type: 'string' },
  WIREDESK_CDN_PURGE_URL: { key: 'cdn.purgeUrl', type: 'string' },
  WIREDESK_CDN_PURGE_TOKEN: { key: 'cdn.purgeToken', type: 'string' },
};

/** WIREDESK_PORT wins over PORT: the specific name over the conventional one. */
const ENV_PRECEDENCE = ['PORT', ...Object.keys(ENV_KEYS).filter((name) => name !== 'PORT')];

export interface LoadConfigOptions {
  env?: NodeJS.ProcessEnv;
  /** Path of the config file; default WIREDESK_CONFIG or ./wiredesk.config.json if present; null for none. */
  file?: string | null;
  /** Values that win over file and environment (tests, CLI flags). */
  overrides?: Partial<Config>;
}

export function loadConfig(options: LoadConfigOptions = {}): Config {
  const env = options.env ?? process.env;
  const file = options.file === null ? null : (options.file ?? env.WIREDESK_CONFIG ?? 'wiredesk.config.json');
  const raw: Record<string, unknown> = {};
  const source: Record<string, string> = {};

  if (file !== null && existsSync(file)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new ConfigError(`${file}: not valid JSON (${(error as Error).message})`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new ConfigError(`${file}: expected a JSON object of settings`);
    }
    for (const [key, value] of Object.entries(parsed)) {
      raw[key] = value;
      source[key] = `${file}: "${key}"`;
    }
  } else if (file !== null && (options.file !== undefined || env.WIREDESK_CONFIG !== undefined)) {
    throw new ConfigError(`config file ${file} does not exist`);
  }

  for (const name of ENV_PRECEDENCE) {
    const spec = ENV_KEYS[name];
    const value = env[name];
    if (spec === undefined || value === undefined || value === '') continue;
    setPath(raw, spec.key, spec.key === 'trustProxy' ? trustProxyOf(value) : coerceEnv(name, value, spec.type));
    source[spec.key.split('.')[0] ?? spec.key] = name;
  }
  Object.assign(raw, options.overrides);

  const result = configSchema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const top = String(issue.path[0] ?? '');
      const where = source[top] ?? top;
      const key = issue.path.join('.');
      return `  ${where}${where.endsWith(key) || where.endsWith(`"${key}"`) ? '' : ` (${key})`}: ${issue.message}`;
    });
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const config = result.data;
  config.dataDir = path.resolve(config.dataDir);
  return config;
}

function setPath(target: Record<string, unknown>, dotted: string, value: unknown): void {
  const [head = '', ...rest] = dotted.split('.');
  if (rest.length === 0) {
    target[head] = value;
    return;
  }
  const inner = target[head];
  const child = typeof inner === 'object' && inner !== null && !Array.isArray(inner) ? { ...(inner as Record<string, unknown>) } : {};
  setPath(child, rest.join('.'), value);
  target[head] = child;
}

/** WIREDESK_TRUST_PROXY: true/false, or the proxies' addresses. */
function trustProxyOf(value: string): boolean | string {
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  return value;
}

function coerceEnv(name: string, value: string, type: 'string' | 'number' | 'boolean'): unknown {
  if (type === 'string') return value;
  if (type === 'number') {
    if (!/^\d+$/.test(value.trim())) throw new ConfigError(`invalid configuration:\n  ${name}: expected a whole number, got "${value}"`);
    return Number(value);
  }
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw new ConfigError(`invalid configuration:\n  ${name}: expected true or false, got "${value}"`);
}

/** The database location the config resolves to. */
export function databaseUrlOf(config: Config): string {
  return config.databaseUrl ?? `sqlite:${path.join(config.dataDir, 'wiredesk.db')}`;
}
