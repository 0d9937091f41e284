import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';
import type { Runtime } from '../runtime.ts';
import type { AdminIdentity } from './access.ts';
import type { AuditEntry, AuditLog } from './audit.ts';
import type { LoginGuard } from './login-guard.ts';
import { csrfTokenFor } from './security.ts';
import type { Sessions } from './sessions.ts';
import type { Users } from './users.ts';
import type { PageContext } from './views/layout.tsx';

/** What every console route module is given: the runtime and the console's own services. */
export interface AdminDeps {
  runtime: Runtime;
  users: Users;
  sessions: Sessions;
  guard: LoginGuard;
  audit: AuditLog;
}

/** Messages shown after a redirect, chosen by code so no request text is ever echoed as a notice. */
export const NOTICES = {
  'feed-saved': 'Feed saved.',
  'feed-paused': 'Feed paused.',
  'feed-resumed': 'Feed resumed.',
  'feed-deleted': 'Feed deleted.',
  'user-added': 'User added.',
  'user-changed': 'User changed.',
  'signed-out-everywhere': 'Every other session was signed out.',
  'password-changed': 'Password changed; sign in again.',
  killed: 'Story killed: it is gone from every page, list and feed.',
  restored: 'Story restored.',
  'breaking-sent': "Breaking-news alert sent to the section's subscribers.",
  'breaking-already-sent': 'A breaking-news alert already went out for this story; it is sent once.',
  published: 'Story published.',
  discarded: 'Story discarded.',
  'not-changed': 'Nothing changed: the story was not in a state that allows it.',
  retried: 'Item retried.',
  'rule-saved': 'Rule saved.',
  'rule-deleted': 'Rule deleted.',
  'rules-reapplied': 'Rules re-applied to stored stories.',
  'api-key-revoked': 'Key revoked: requests that send it are refused from now on.',
} as const;
export type NoticeCode = keyof typeof NOTICES;

export function noticeOf(request: FastifyRequest): string | null {
  const code = (request.query as { done?: unknown } | undefined)?.done;
  return typeof code === 'string' && Object.hasOwn(NOTICES, code) ? NOTICES[code as NoticeCode] : null;
}

export function identityOf(request: FastifyRequest): AdminIdentity {
  if (request.admin === null) throw new Error('console route reached without a signed-in user');
  return request.admin;
}

/** Where a request came from, for the audit log and the login limits. */
export function addressOf(request: FastifyRequest): string {
  return request.ip;
}

export function pageContext(
  deps: AdminDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  current: string,
  error: string | null = null,
): PageContext {
  const identity = identityOf(request);
  return {
    siteName: deps.runtime.config.siteName,
    email: identity.user.email,
    role: identity.role,
    csrf: csrfTokenFor(reply, identity.sessionId),
    current,
    notice: noticeOf(request),
    error,
  };
}

export function sendView(reply: FastifyReply, view: VNode): FastifyReply {
  return reply.type('text/html; charset=utf-8').send(`<!doctype html>${render(view)}`);
}

/** Records an action by the signed-in user (or the given actor) with the request's address. */
export async function audit(
  deps: AdminDeps,
  request: FastifyRequest,
  entry: Omit<AuditEntry, 'actor' | 'ip'> & { actor?: string },
): Promise<void> {
  await deps.audit.record({ ...entry, actor: entry.actor ?? request.admin?.user.email ?? 'anonymous', ip: addressOf(request) });
}

/** A positive integer route parameter, or null. */
export function idParam(request: FastifyRequest): number | null {
  const raw = (request.params as { id?: string }).id ?? '';
  return /^\d{1,12}$/.test(raw) ? Number(raw) : null;
}

/** A form field as a trimmed string ('' when absent or not text). */
export function field(request: FastifyRequest, name: string): string {
  const value = (request.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.trim() : '';
}

/** Post/redirect/get: back to a page with a notice chosen by code. */
export function redirectDone(reply: FastifyReply, path: string, code: NoticeCode): FastifyReply {
  return reply.redirect(`${path}${path.includes('?') ? '&' : '?'}done=${code}`, 303);
}
