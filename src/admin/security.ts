import { randomBytes } from 'node:crypto';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../store/index.ts';

/**
 * The console's protections, registered once in its own scope: cookies, form bodies, CSRF
 * tokens bound to the session, rate limits, and security headers with a CSP that allows no
 * script at all (the console needs none) and no framing.
 */

const HMAC_KEY_SETTING = 'admin_csrf_hmac_key';

export const COOKIE_BASE = { path: '/admin', httpOnly: true, sameSite: 'lax', secure: 'auto' } as const;

/** The key that binds CSRF tokens to a session: shared by every node through the store, made once. */
async function csrfHmacKey(db: Kysely<Database>): Promise<string> {
  await db
    .insertInto('settings')
    .values({ key: HMAC_KEY_SETTING, value: randomBytes(32).toString('base64url') })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db.selectFrom('settings').select('value').where('key', '=', HMAC_KEY_SETTING).executeTakeFirstOrThrow();
  return row.value;
}

export async function registerSecurity(
  app: FastifyInstance,
  db: Kysely<Database>,
  sessionIdOf: (request: FastifyRequest) => string | null,
): Promise<void> {
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 2 * 1024 * 1024 });
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'wd_csrf',
    cookieOpts: COOKIE_BASE,
    csrfOpts: { hmacKey: await csrfHmacKey(db) },
    // A token made for one session (or for the signed-out login form) is worthless in another.
    getUserInfo: (request) => sessionIdOf(request) ?? 'signed-out',
  });
  await app.register(rateLimit, { global: false });
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
    },
    // HSTS only over HTTPS (below): sent over plain HTTP it would be ignored, and on localhost misleading.
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'same-origin' },
    frameguard: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onSend', async (request, reply) => {
    if (request.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    // Console pages show unpublished copy and who did what: no shared cache may keep them.
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
}

/** A CSRF token for the forms on this page, bound to the request's session. */
export function csrfTokenFor(reply: FastifyReply, sessionId: string | null): string {
  return reply.generateCsrf({ userInfo: sessionId ?? 'signed-out' });
}
