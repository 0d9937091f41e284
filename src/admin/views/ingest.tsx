import type { Feed } from '../../store/index.ts';
import type { TestFetchResult } from '../test-fetch.ts';
import { AdminPage, type PageContext, PostButton } from './layout.tsx';

export interface RejectedRow {
  id: number;
  feed_id: string | null;
  item_ref: string;
  reason: string;
  created_at: string;
  retried_at: string | null;
}

export function RejectedList(props: { page: PageContext; rows: RejectedRow[]; feed: string | null }) {
  return (
    <AdminPage page={props.page} title={props.feed === null ? 'Rejected items' : `Rejected items of ${props.feed}`}>
      <p class="muted">Items a feed sent that could not be published, with the reason. Open one to see the raw item and retry it.</p>
      {props.rows.length === 0 ? <p>No rejected items.</p> : null}
      <table>
        <thead>
          <tr>
            <th>When (UTC)</th>
            <th>Feed</th>
            <th>Item</th>
            <th>Reason</th>
            <th>Retried</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr>
              <td>{row.created_at}</td>
              <td>{row.feed_id ?? ''}</td>
              <td>
                <a href={`/admin/rejected/${row.id}`}>{row.item_ref}</a>
              </td>
              <td>{row.reason}</td>
              <td>{row.retried_at ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </AdminPage>
  );
}

export function RejectedItemView(props: { page: PageContext; row: RejectedRow & { raw: string | null }; canRetry: boolean }) {
  const { row, page } = props;
  return (
    <AdminPage page={page} title={`Rejected item ${row.id}`}>
      <p>
        Feed <strong>{row.feed_id ?? '(none)'}</strong> · item <strong>{row.item_ref}</strong> · {row.created_at}
      </p>
      <p class="error">{row.reason}</p>
      {props.canRetry && row.raw !== null && row.feed_id !== null ? (
        <p>
          <PostButton action={`/admin/rejected/${row.id}/retry`} csrf={page.csrf} label="Retry this item" />
        </p>
      ) : null}
      <h2>Raw item as received</h2>
      {/* Shown as text: whatever markup the agency sent is displayed, never interpreted. */}
      <pre class="raw">{row.raw ?? '(not kept)'}</pre>
    </AdminPage>
  );
}

export function TestFetchView(props: { page: PageContext; feed: Feed; result: TestFetchResult }) {
  const { result } = props;
  return (
    <AdminPage page={props.page} title={`Test fetch of ${props.feed.id}`}>
      <p class="muted">Fetched once and nothing stored. {result.url}</p>
      {result.error !== null ? <p class="error">The fetch failed: {result.error}</p> : null}
      {result.format !== null ? (
        <p>
          HTTP {result.status} · format {result.format} · {result.items.length} items would be published · {result.rejected.length} rejected
          · {result.skipped.length} skipped
        </p>
      ) : null}
      {result.items.map((item) => (
        <article aria-label={item.headline}>
          <h2>{item.headline}</h2>
          <p class="muted">
            {item.guid} · section {item.section}
            {item.city !== null ? ` · city ${item.city}` : ''}
            {item.tags.length > 0 ? ` · tags ${item.tags.join(', ')}` : ''} · {item.signal}/{item.pubstatus}
          </p>
          <p>
            {item.dateline !== null ? <strong>{item.dateline} </strong> : null}
            {item.teaser}
          </p>
          <p class="muted">{item.excerpt}</p>
        </article>
      ))}
      {result.rejected.length > 0 ? (
        <>
          <h2>Rejected</h2>
          <ul>
            {result.rejected.map((rejection) => (
              <li>
                {rejection.ref}: {rejection.reason}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p>
        <a href={`/admin/feeds/${props.feed.id}`}>Back to the feed</a>
      </p>
    </AdminPage>
  );
}
