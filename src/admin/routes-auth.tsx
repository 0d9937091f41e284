import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type AdminDeps, addressOf, audit, field, identityOf, idParam, noticeOf, pageContext, sendView } from './context.ts';
import { isRole } from './roles.ts';
import { COOKIE_BASE, csrfTokenFor } from './security.ts';
import { SESSION_COOKIE } from './sessions.ts';
import { normalizeEmail, UserError } from './users.ts';
import { AccountView, AuditView, LoginView, UsersView } from './views/auth.tsx';

/** Signing in and out, one's own account, the users, and the audit log. */
export function authRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const sendLogin = async (request: FastifyRequest, reply: FastifyReply, error: string | null, next: string) =>
    sendView(
      reply,
      <LoginView
        siteName={deps.runtime.config.siteName}
        csrf={csrfTokenFor(reply, request.admin?.sessionId ?? null)}
        next={next}
        error={error}
        noUsers={(await deps.users.count()) === 0}
        notice={noticeOf(request)}
      />,
    );

  app.get('/login', { config: { access: 'public' } }, async (request, reply) => {
    const next = safeNext((request.query as { next?: unknown }).next);
    if (request.admin !== null) return reply.redirect(next, 303);
    return sendLogin(request, reply, null, next);
  });

  app.post(
    '/login',
    // A burst limit per address on top of the account and address lockouts in LoginGuard.
    { config: { access: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const email = normalizeEmail(field(request, 'email'));
      const password = field(request, 'password');
      const next = safeNext(field(request, 'next'));
      const ip = addressOf(request);
      const verdict = await deps.guard.check(email, ip);
      if (!verdict.allowed) {
        await audit(deps, request, { actor: 'anonymous', action: 'login.refused', target: email, detail: { reason: verdict.reason } });
        return sendLogin(request, reply.code(429), 'Too many failed sign-ins. Wait 15 minutes, or ask an admin to clear them.', next);
      }
      const user = await deps.users.authenticate(email, password);
      await deps.guard.record(email, ip, user !== null);
      if (user === null) {
        await audit(deps, request, { actor: 'anonymous', action: 'login.failed', target: email });
        return sendLogin(request, reply.code(401), 'Wrong email or password.', next);
      }
      // A new session at every sign-in: a token planted before it is worth nothing after.
      if (request.admin !== null) await deps.sessions.end(request.admin.token);
      const session = await deps.sessions.start(user.id, ip);
      await deps.audit.record({ actor: user.email, action: 'login', ip });
      reply.setCookie(SESSION_COOKIE, session.token, COOKIE_BASE);
      reply.clearCookie('wd_csrf', COOKIE_BASE);
      return reply.redirect(next, 303);
    },
  );

  app.post('/logout', { config: { access: 'viewer' } }, async (request, reply) => {
    const identity = identityOf(request);
    await deps.sessions.end(identity.token);
    await audit(deps, request, { action: 'logout' });
    reply.clearCookie(SESSION_COOKIE, COOKIE_BASE);
    reply.clearCookie('wd_csrf', COOKIE_BASE);
    return reply.redirect('/admin/login', 303);
  });

  app.post('/logout-everywhere', { config: { access: 'viewer' } }, async (request, reply) => {
    const identity = identityOf(request);
    const ended = await deps.sessions.endAllFor(identity.user.id);
    await audit(deps, request, { action: 'logout.everywhere', detail: { sessions: ended } });
    reply.clearCookie(SESSION_COOKIE, COOKIE_BASE);
    return reply.redirect('/admin/login', 303);
  });

  app.get('/account', { config: { access: 'viewer' } }, async (request, reply) =>
    sendView(reply, <AccountView page={pageContext(deps, request, reply, 'account')} />),
  );

  // Checks the current password, so it is limited like the sign-in form.
  app.post(
    '/account/password',
    { config: { access: 'viewer', rateLimit: { max: 10, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const identity = identityOf(request);
      const current = await deps.users.authenticate(identity.user.email, field(request, 'current'));
      if (current === null) {
        await audit(deps, request, { action: 'password.change-failed', target: identity.user.email });
        return sendView(
          reply.code(400),
          <AccountView page={pageContext(deps, request, reply, 'account', 'The current password is wrong.')} />,
        );
      }
      try {
        await deps.users.setPassword(identity.user.id, field(request, 'password'));
      } catch (error) {
        if (!(error instanceof UserError)) throw error;
        return sendView(reply.code(400), <AccountView page={pageContext(deps, request, reply, 'account', error.message)} />);
      }
      await deps.sessions.endAllFor(identity.user.id);
      await audit(deps, request, { action: 'password.change', target: identity.user.email });
      reply.clearCookie(SESSION_COOKIE, COOKIE_BASE);
      return reply.redirect('/admin/login?done=password-changed', 303);
    },
  );

  const sendUsers = async (request: FastifyRequest, reply: FastifyReply, error: string | null = null) =>
    sendView(reply, <UsersView page={pageContext(deps, request, reply, 'users', error)} users={await deps.users.list()} />);

  app.get('/users', { config: { access: 'admin' } }, async (request, reply) => sendUsers(request, reply));

  app.post('/users', { config: { access: 'admin' } }, async (request, reply) => {
    const role = field(request, 'role');
    try {
      if (!isRole(role)) throw new UserError(`"${role}" is not a role`);
      const user = await deps.users.create(field(request, 'email'), field(request, 'password'), role);
      await audit(deps, request, { action: 'user.add', target: user.email, detail: { role } });
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      return sendUsers(request, reply.code(400), error.message);
    }
    return reply.redirect('/admin/users?done=user-added', 303);
  });

  const userChange = (path: string, change: (id: number, request: FastifyRequest) => Promise<Record<string, unknown>>) =>
    app.post(`/users/:id/${path}`, { config: { access: 'admin' } }, async (request, reply) => {
      const id = idParam(request);
      const user = id === null ? undefined : await deps.users.byId(id);
      if (user === undefined) return reply.code(404).send('No such user.');
      try {
        const detail = await change(user.id, request);
        await audit(deps, request, { action: `user.${path}`, target: user.email, detail });
      } catch (error) {
        if (!(error instanceof UserError)) throw error;
        return sendUsers(request, reply.code(400), error.message);
      }
      return reply.redirect('/admin/users?done=user-changed', 303);
    });

  userChange('role', async (id, request) => {
    const role = field(request, 'role');
    if (!isRole(role)) throw new UserError(`"${role}" is not a role`);
    await deps.users.setRole(id, role);
    return { role };
  });
  userChange('disable', async (id) => {
    await deps.users.setDisabled(id, true);
    return { sessionsEnded: await deps.sessions.endAllFor(id) };
  });
  userChange('enable', async (id) => {
    await deps.users.setDisabled(id, false);
    return {};
  });
  userChange('unlock', async (id) => {
    const user = await deps.users.byId(id);
    return { cleared: user === undefined ? 0 : await deps.guard.unlock(user.email) };
  });

  app.get('/audit', { config: { access: 'admin' } }, async (request, reply) => {
    const raw = (request.query as { before?: string }).before;
    const before = raw !== undefined && /^\d{1,12}$/.test(raw) ? Number(raw) : undefined;
    const pageSize = 100;
    const entries = await deps.audit.recent({ limit: pageSize, before });
    const older = entries.length === pageSize ? (entries.at(-1)?.id ?? null) : null;
    return sendView(reply, <AuditView page={pageContext(deps, request, reply, 'audit')} entries={entries} older={older} />);
  });
}

/** Only a console path may follow sign-in: never another site ("//evil.example", "https://…"). */
export function safeNext(value: unknown): string {
  return typeof value === 'string' && /^\/admin(\/[\w\-./?=&%]*)?$/.test(value) && !value.includes('//') ? value : '/admin';
}
