import type { AuditRecord } from '../audit.ts';
import { ROLES } from '../roles.ts';
import type { UserSummary } from '../users.ts';
import { AdminPage, CsrfField, type PageContext, PostButton, Shell } from './layout.tsx';

export function LoginView(props: {
  siteName: string;
  csrf: string;
  next: string;
  error: string | null;
  noUsers: boolean;
  notice: string | null;
}) {
  return (
    <Shell title={`Sign in · ${props.siteName} console`}>
      <main id="main">
        <h1>Sign in to the {props.siteName} console</h1>
        {props.notice ? <p class="notice">{props.notice}</p> : null}
        {props.error ? (
          <p class="error" role="alert">
            {props.error}
          </p>
        ) : null}
        {props.noUsers ? (
          <p class="notice">
            No console user exists yet. Create the first admin on the server: <code>wiredesk user add --admin you@example.com</code>
          </p>
        ) : null}
        <form method="post" action="/admin/login">
          <CsrfField csrf={props.csrf} />
          <input type="hidden" name="next" value={props.next} />
          <label for="email">Email</label>
          <input id="email" type="email" name="email" autocomplete="username" required />
          <label for="password">Password</label>
          <input id="password" type="password" name="password" autocomplete="current-password" required />
          <p>
            <button type="submit">Sign in</button>
          </p>
        </form>
      </main>
    </Shell>
  );
}

export function AccountView(props: { page: PageContext }) {
  const { page } = props;
  return (
    <AdminPage page={page} title="Your account">
      <h2>Change password</h2>
      <form method="post" action="/admin/account/password">
        <CsrfField csrf={page.csrf} />
        <label for="current">Current password</label>
        <input id="current" type="password" name="current" autocomplete="current-password" required />
        <label for="password">New password (12 characters or more)</label>
        <input id="password" type="password" name="password" autocomplete="new-password" required minLength={12} />
        <p>
          <button type="submit">Change password</button>
        </p>
      </form>
      <h2>Sessions</h2>
      <p>Signs out every browser where you are signed in, this one included.</p>
      <PostButton action="/admin/logout-everywhere" csrf={page.csrf} label="Sign out everywhere" />
    </AdminPage>
  );
}

export function UsersView(props: { page: PageContext; users: UserSummary[] }) {
  const { page } = props;
  return (
    <AdminPage page={page} title="Users">
      <table>
        <thead>
          <tr>
            <th>Email</th>
            <th>Role</th>
            <th>State</th>
            <th>Actions</th>
          </tr>
        </thead>
        <tbody>
          {props.users.map((user) => (
            <tr>
              <td>{user.email}</td>
              <td>
                <form class="inline" method="post" action={`/admin/users/${user.id}/role`}>
                  <CsrfField csrf={page.csrf} />
                  <select name="role" aria-label={`Role of ${user.email}`}>
                    {ROLES.map((role) => (
                      <option value={role} selected={role === user.role}>
                        {role}
                      </option>
                    ))}
                  </select>{' '}
                  <button type="submit">Set role</button>
                </form>
              </td>
              <td>{user.disabled ? 'disabled' : 'active'}</td>
              <td>
                {user.disabled ? (
                  <PostButton action={`/admin/users/${user.id}/enable`} csrf={page.csrf} label="Enable" />
                ) : (
                  <PostButton action={`/admin/users/${user.id}/disable`} csrf={page.csrf} label="Disable" danger />
                )}{' '}
                <PostButton action={`/admin/users/${user.id}/unlock`} csrf={page.csrf} label="Clear failed sign-ins" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Add a user</h2>
      <form method="post" action="/admin/users">
        <CsrfField csrf={page.csrf} />
        <label for="email">Email</label>
        <input id="email" type="email" name="email" required />
        <label for="password">Password (12 characters or more; tell it to them privately)</label>
        <input id="password" type="password" name="password" autocomplete="new-password" required minLength={12} />
        <label for="role">Role</label>
        <select id="role" name="role">
          {ROLES.map((role) => (
            <option value={role}>{role}</option>
          ))}
        </select>
        <p>
          <button type="submit">Add user</button>
        </p>
      </form>
    </AdminPage>
  );
}

export function AuditView(props: { page: PageContext; entries: AuditRecord[]; older: number | null }) {
  return (
    <AdminPage page={props.page} title="Audit log">
      <p class="muted">Every console action and failed sign-in. The log cannot be changed from here.</p>
      <table>
        <thead>
          <tr>
            <th>When (UTC)</th>
            <th>Who</th>
            <th>From</th>
            <th>Action</th>
            <th>Target</th>
            <th>Detail</th>
          </tr>
        </thead>
        <tbody>
          {props.entries.map((entry) => (
            <tr>
              <td>{entry.at}</td>
              <td>{entry.actor}</td>
              <td>{entry.ip ?? ''}</td>
              <td>{entry.action}</td>
              <td>{entry.target ?? ''}</td>
              <td>
                <code>{entry.detail ?? ''}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.older !== null ? (
        <p>
          <a href={`/admin/audit?before=${props.older}`}>Older entries</a>
        </p>
      ) : null}
    </AdminPage>
  );
}
