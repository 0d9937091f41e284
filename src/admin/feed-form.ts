import { z } from 'zod';
import { WIRE_FORMATS } from '../domain/index.ts';
import { CredentialsError, parseCredentials } from '../ingest/index.ts';
import type { Feed } from '../store/index.ts';

/**
 * The feed form: what an admin may set on a feed, checked field by field so the form can say
 * which one is wrong. Credentials are write-only: an empty field keeps the stored ones, and
 * nothing here ever puts them back into a page.
 */

export const TRANSPORTS = ['http', 'folder', 'push'] as const;
export const FORMATS = ['auto', ...WIRE_FORMATS] as const;

export interface FeedFormValues {
  id: string;
  agency_id: string;
  transport: (typeof TRANSPORTS)[number];
  location: string;
  format: (typeof FORMATS)[number];
  interval_seconds: number;
  mode: 'auto' | 'review';
  default_section: string;
  language: string | null;
  zone: string;
  status_map: string | null;
  allow_private: number;
  /** undefined: keep what is stored; null: remove; string: replace. */
  credentials: string | null | undefined;
}

export type FieldErrors = Partial<Record<string, string>>;

export interface FeedFormContext {
  agencies: string[];
  sections: string[];
  /** The feed being edited, or null for a new one. */
  existing: Feed | null;
}

const text = z.string().trim();

function isZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function parseFeedForm(
  body: Record<string, unknown>,
  context: FeedFormContext,
): { values: FeedFormValues } | { errors: FieldErrors } {
  const schema = z.object({
    // The id is chosen once, when the feed is made.
    id:
      context.existing === null
        ? text.regex(/^[a-z0-9-]{1,60}$/, 'a lowercase id of up to 60 letters, digits and dashes')
        : z.string().optional(),
    agency_id: text.refine((value) => context.agencies.includes(value), 'choose one of the agencies'),
    transport: z.enum(TRANSPORTS, 'choose http, folder or push'),
    location: text.max(2000),
    format: z.enum(FORMATS, 'choose a format'),
    interval_seconds: z.coerce.number('a number of seconds').int('a whole number of seconds').min(1).max(86_400),
    mode: z.enum(['auto', 'review'], 'choose auto or review'),
    default_section: text.refine((value) => context.sections.includes(value), 'choose one of the sections'),
    language: text.max(35).regex(/^([a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*)?$/, 'a language tag such as en or hi-IN'),
    zone: text.refine(isZone, 'an IANA time zone such as Asia/Kolkata'),
    status_map: text.max(10_000),
    credentials: text.max(10_000),
  });
  const parsed = schema.safeParse(body);
  const errors: FieldErrors = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
    return { errors };
  }
  const form = parsed.data;
  const id = context.existing?.id ?? String(form.id);
  if (form.transport === 'http') {
    if (!URL.canParse(form.location) || !/^https?:$/.test(new URL(form.location).protocol)) errors.location = 'an http:// or https:// URL';
  } else if (form.transport === 'folder') {
    if (form.location === '' || form.location.split(/[\\/]/).includes('..') || form.location.startsWith('/')) {
      errors.location = 'a folder name inside the drop folder (no "..", not absolute)';
    }
  }
  const statusMap = form.status_map === '' ? null : checkStatusMap(form.status_map);
  if (statusMap instanceof Error) errors.status_map = statusMap.message;
  let credentials: string | null | undefined;
  if (body.clear_credentials === 'on') credentials = null;
  else if (form.credentials !== '') {
    try {
      parseCredentials(id, form.credentials);
      credentials = form.credentials;
    } catch (error) {
      if (!(error instanceof CredentialsError)) throw error;
      // The message names the key that is wrong, never a value.
      errors.credentials = error.message;
    }
  }
  if (Object.keys(errors).length > 0) return { errors };
  return {
    values: {
      id,
      agency_id: form.agency_id,
      transport: form.transport,
      location: form.location,
      format: form.format,
      interval_seconds: form.interval_seconds,
      mode: form.mode,
      default_section: form.default_section,
      language: form.language === '' ? null : form.language,
      zone: form.zone,
      status_map: statusMap instanceof Error ? null : statusMap,
      allow_private: body.allow_private === 'on' ? 1 : 0,
      credentials,
    },
  };
}

const statusMapSchema = z.record(
  z.string().min(1),
  z
    .object({
      signal: z.enum(['new', 'update', 'correction', 'kill']).optional(),
      pubstatus: z.enum(['usable', 'withheld', 'canceled']).optional(),
    })
    .strict(),
);

const STATUS_MAP_HELP = 'a JSON object such as {"rush": {"signal": "new"}, "kill": {"signal": "kill", "pubstatus": "canceled"}}';

/** The feed's own status words as stored JSON, or why they are not acceptable. */
function checkStatusMap(json: string): string | Error {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return new Error(`not valid JSON: ${STATUS_MAP_HELP}`);
  }
  const parsed = statusMapSchema.safeParse(raw);
  return parsed.success ? JSON.stringify(parsed.data) : new Error(STATUS_MAP_HELP);
}
