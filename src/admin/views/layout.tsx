import type { ComponentChildren } from 'preact';
import type { Role } from '../roles.ts';

/** The frame of every signed-in console page: navigation by role, who is signed in, sign-out. */

export interface PageContext {
  siteName: string;
  email: string;
  role: Role;
  csrf: string;
  /** Navigation entry to mark as current. */
  current: string;
  notice?: string | null;
  error?: string | null;
}

const NAV: { key: string; href: string; label: string; role: Role }[] = [
  { key: 'feeds', href: '/admin', label: 'Feeds', role: 'viewer' },
  { key: 'rejected', href: '/admin/rejected', label: 'Rejected', role: 'viewer' },
  { key: 'review', href: '/admin/review', label: 'Review', role: 'editor' },
  { key: 'stories', href: '/admin/stories', label: 'Stories', role: 'editor' },
  { key: 'rules', href: '/admin/rules', label: 'Routing', role: 'editor' },
  { key: 'epaper', href: '/admin/epaper', label: 'E-paper', role: 'editor' },
  { key: 'users', href: '/admin/users', label: 'Users', role: 'admin' },
  { key: 'api-keys', href: '/admin/api-keys', label: 'API keys', role: 'admin' },
  { key: 'audit', href: '/admin/audit', label: 'Audit log', role: 'admin' },
];

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

export function Shell(props: { title: string; children: ComponentChildren }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>{props.title}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="/admin/assets/admin.css" />
      </head>
      <body>{props.children}</body>
    </html>
  );
}

export function AdminPage(props: { page: PageContext; title: string; children: ComponentChildren }) {
  const { page } = props;
  return (
    <Shell title={`${props.title} · ${page.siteName} console`}>
      <header class="bar">
        <a href="/admin">{page.siteName} console</a>
        <nav aria-label="Console">
          <ul>
            {NAV.filter((entry) => RANK[page.role] >= RANK[entry.role]).map((entry) => (
              <li>
                <a href={entry.href} aria-current={page.current === entry.key ? 'page' : undefined}>
                  {entry.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="who">
          <a href="/admin/account">
            {page.email} ({page.role})
          </a>
          <PostButton action="/admin/logout" csrf={page.csrf} label="Sign out" />
        </div>
      </header>
      <main id="main">
        <h1>{props.title}</h1>
        {page.notice ? (
          <p class="notice" role="status">
            {page.notice}
          </p>
        ) : null}
        {page.error ? (
          <p class="error" role="alert">
            {page.error}
          </p>
        ) : null}
        {props.children}
      </main>
    </Shell>
  );
}

export function CsrfField(props: { csrf: string }) {
  return <input type="hidden" name="_csrf" value={props.csrf} />;
}

/** A one-button form: every state change is a POST with its CSRF token, never a link. */
export function PostButton(props: { action: string; csrf: string; label: string; danger?: boolean; fields?: Record<string, string> }) {
  return (
    <form class="inline" method="post" action={props.action}>
      <CsrfField csrf={props.csrf} />
      {Object.entries(props.fields ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <button type="submit" class={props.danger ? 'danger' : undefined}>
        {props.label}
      </button>
    </form>
  );
}
