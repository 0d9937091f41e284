import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { User } from '../store/index.ts';
import { isRole, type Role, roleAllows } from './roles.ts';
import { SESSION_COOKIE, type Sessions } from './sessions.ts';

/**
 * Access control for every console route. Each route declares `config.access`: 'public' or
 * the least role it needs; a route without one cannot be registered. Every request other than
 * GET/HEAD must also carry a valid CSRF token, signed-in or not (the login form included).
 */

export type Access = 'public' | Role;

export interface AdminIdentity {
  user: User;
  role: Role;
  sessionId: string;
  token: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    admin: AdminIdentity | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD']);

export function installAccessControl(app: FastifyInstance, sessions: Sessions, loginPath: string): void {
  app.decorateRequest('admin', null);

  app.addHook('onRoute', (route) => {
    const access = (route.config as { access?: unknown } | undefined)?.access;
    if (access !== 'public' && (typeof access !== 'string' || !isRole(access))) {
      throw new Error(`console route ${String(route.method)} ${route.url} declares no access (public, viewer, editor or admin)`);
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    const found = token === undefined || token === '' ? null : await sessions.resolve(token);
    if (found !== null && token !== undefined) {
      const role = isRole(found.user.role) ? found.user.role : 'viewer';
      request.admin = { user: found.user, role, sessionId: found.sessionId, token };
    }
    const access = request.routeOptions.config.access;
    if (access === undefined || access === 'public') return;
    if (request.admin === null) return refuseAnonymous(request, reply, loginPath);
    if (!roleAllows(request.admin.role, access)) {
      return reply
        .code(403)
        .type('text/plain; charset=utf-8')
        .send(`Your role (${request.admin.role}) may not do this; it needs ${access}.`);
    }
  });

  app.addHook('preHandler', (request, reply, done) => {
    if (SAFE_METHODS.has(request.method)) return done();
    app.csrfProtection(request, reply, done);
  });
}

function refuseAnonymous(request: FastifyRequest, reply: FastifyReply, loginPath: string): FastifyReply {
  if (SAFE_METHODS.has(request.method)) {
    return reply.redirect(`${loginPath}?next=${encodeURIComponent(request.url)}`, 303);
  }
  return reply.code(401).type('text/plain; charset=utf-8').send('Sign in first.');
}
