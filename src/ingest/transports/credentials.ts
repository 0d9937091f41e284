import { z } from 'zod';

/**
 * A feed's credentials JSON (write-only from the console). Which keys are present decides how
 * they are used:
 *   { "username": "…", "password": "…" }      HTTP Basic
 *   { "token": "…" }                          Authorization: Bearer
 *   { "header": "X-Api-Key", "value": "…" }   any custom header
 *   { "secret": "…" }                         the HMAC secret a push feed signs with
 * Keys combine (a push feed may also be polled), unknown keys are refused so a typo is seen.
 */
const credentialsSchema = z
  .object({
    username: z.string().min(1).optional(),
    password: z.string().optional(),
    token: z.string().min(1).optional(),
    header: z
      .string()
      .regex(/^[A-Za-z0-9-]+$/, 'an HTTP header name')
      .optional(),
    value: z.string().optional(),
    secret: z.string().min(16, 'at least 16 characters').optional(),
  })
  .strict()
  .refine((c) => (c.header === undefined) === (c.value === undefined), 'header and value go together')
  .refine((c) => c.password === undefined || c.username !== undefined, 'password needs a username');

export type FeedCredentials = z.infer<typeof credentialsSchema>;

export class CredentialsError extends Error {
  override name = 'CredentialsError';
}

export function parseCredentials(feedId: string, json: string | null): FeedCredentials {
  if (json === null || json.trim() === '') return {};
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new CredentialsError(`feed ${feedId}: credentials are not valid JSON`);
  }
  const result = credentialsSchema.safeParse(raw);
  if (!result.success) {
    const reasons = result.error.issues.map((issue) => `${issue.path.join('.') || 'credentials'}: ${issue.message}`);
    throw new CredentialsError(`feed ${feedId}: ${reasons.join('; ')}`);
  }
  return result.data;
}

/** The request headers the credentials call for. */
export function authHeaders(credentials: FeedCredentials): Record<string, string> {
  const headers: Record<string, string> = {};
  if (credentials.username !== undefined) {
    const pair = `${credentials.username}:${credentials.password ?? ''}`;
    headers.authorization = `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;
  }
  if (credentials.token !== undefined) headers.authorization = `Bearer ${credentials.token}`;
  if (credentials.header !== undefined && credentials.value !== undefined) headers[credentials.header.toLowerCase()] = credentials.value;
  return headers;
}
