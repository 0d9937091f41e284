import type { ApiKeyInfo } from '../../api/index.ts';
import { AdminPage, CsrfField, type PageContext, PostButton } from './layout.tsx';

/** A key just made: its secret, shown on this one page and never again. */
export interface NewKey {
  id: number;
  name: string;
  key: string;
}

export function ApiKeysView(props: { page: PageContext; keys: ApiKeyInfo[]; created: NewKey | null; defaultRate: number }) {
  const { page, created } = props;
  return (
    <AdminPage page={page} title="Content API keys">
      {created === null ? null : (
        <section class="notice" aria-labelledby="new-key">
          <h2 id="new-key">Key for {created.name}</h2>
          <p>Copy it now and give it to its user privately: only its hash is kept, so it cannot be shown again.</p>
          <p>
            <code>{created.key}</code>
          </p>
        </section>
      )}
      <p class="muted">Keys for the content API (/api/v1). Requests send one as Authorization: Bearer or X-Api-Key.</p>
      <table>
        <thead>
          <tr>
            <th>Id</th>
            <th>Name</th>
            <th>Starts with</th>
            <th>Requests a minute</th>
            <th>Created</th>
            <th>Last used</th>
            <th>State</th>
          </tr>
        </thead>
        <tbody>
          {props.keys.map((key) => (
            <tr>
              <td>{key.id}</td>
              <td>{key.name}</td>
              <td>
                <code>{key.prefix}…</code>
              </td>
              <td>{key.ratePerMinute}</td>
              <td>
                {key.createdAt} by {key.createdBy}
              </td>
              <td>{key.lastUsedAt ?? 'never'}</td>
              <td>
                {key.revokedAt === null ? (
                  <PostButton action={`/admin/api-keys/${key.id}/revoke`} csrf={page.csrf} label={`Revoke key ${key.id}`} danger />
                ) : (
                  `revoked ${key.revokedAt}`
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Make a key</h2>
      <form method="post" action="/admin/api-keys">
        <CsrfField csrf={page.csrf} />
        <label for="name">Who or what uses it</label>
        <input id="name" type="text" name="name" required maxLength={200} />
        <label for="rate">Requests a minute</label>
        <input id="rate" type="number" name="rate" min={1} required value={String(props.defaultRate)} />
        <p>
          <button type="submit">Make key</button>
        </p>
      </form>
    </AdminPage>
  );
}
