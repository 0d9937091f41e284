import type { Feed } from '../../store/index.ts';
import { type FieldErrors, FORMATS, TRANSPORTS } from '../feed-form.ts';
import { type FeedActivity, feedStatus } from '../feed-stats.ts';
import { HourlyChart } from './chart.tsx';
import { AdminPage, CsrfField, type PageContext, PostButton } from './layout.tsx';

export function StatusBadge(props: { feed: Feed }) {
  const status = feedStatus(props.feed);
  return <span class={`status status-${status.replace(' ', '-')}`}>{status}</span>;
}

export function FeedsDashboard(props: { page: PageContext; feeds: Feed[]; activity: Map<string, FeedActivity>; empty: FeedActivity }) {
  const { page } = props;
  return (
    <AdminPage page={page} title="Feeds">
      {page.role === 'admin' ? (
        <p>
          <a href="/admin/feeds/new">Add a feed</a>
        </p>
      ) : null}
      <table>
        <thead>
          <tr>
            <th>Feed</th>
            <th>Status</th>
            <th>Last success</th>
            <th>Last error</th>
            <th>Items today</th>
            <th>Items per hour, 7 days</th>
            <th>Failures per hour</th>
          </tr>
        </thead>
        <tbody>
          {props.feeds.map((feed) => {
            const activity = props.activity.get(feed.id) ?? props.empty;
            return (
              <tr>
                <td>
                  <a href={`/admin/feeds/${feed.id}`}>{feed.id}</a>
                  <div class="muted">
                    {feed.agency_id} · {feed.transport} · {feed.mode}
                  </div>
                </td>
                <td>
                  <StatusBadge feed={feed} />
                </td>
                <td>{feed.last_success_at ?? 'never'}</td>
                <td>{feed.last_error === null ? '' : <LastError feed={feed} />}</td>
                <td>{activity.itemsToday}</td>
                <td>
                  <HourlyChart label={`Items stored from ${feed.id}`} counts={activity.itemsPerHour} color="#1a73e8" />
                </td>
                <td>
                  <HourlyChart label={`Failures of ${feed.id}`} counts={activity.failuresPerHour} color="#b3261e" />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {props.feeds.length === 0 ? <p>No feeds yet.</p> : null}
    </AdminPage>
  );
}

function LastError(props: { feed: Feed }) {
  return (
    <>
      {props.feed.last_error}
      <div class="muted">
        {props.feed.last_error_at} · {props.feed.consecutive_failures} in a row
      </div>
    </>
  );
}

export function FeedDetail(props: { page: PageContext; feed: Feed; activity: FeedActivity; form: FeedFormProps }) {
  const { page, feed } = props;
  const admin = page.role === 'admin';
  return (
    <AdminPage page={page} title={`Feed ${feed.id}`}>
      <p>
        <StatusBadge feed={feed} /> Last success: {feed.last_success_at ?? 'never'} · Items today: {props.activity.itemsToday} ·{' '}
        <a href={`/admin/rejected?feed=${feed.id}`}>Rejected items</a>
      </p>
      {feed.last_error !== null ? (
        <p>
          Last error: <LastError feed={feed} />
        </p>
      ) : null}
      <h2>Items per hour, last 7 days</h2>
      <HourlyChart label={`Items stored from ${feed.id}`} counts={props.activity.itemsPerHour} color="#1a73e8" />
      <h2>Failures per hour</h2>
      <HourlyChart label={`Failures of ${feed.id}`} counts={props.activity.failuresPerHour} color="#b3261e" />
      {admin ? (
        <>
          <h2>Actions</h2>
          <p>
            {feed.paused === 1 ? (
              <PostButton action={`/admin/feeds/${feed.id}/resume`} csrf={page.csrf} label="Resume" />
            ) : (
              <PostButton action={`/admin/feeds/${feed.id}/pause`} csrf={page.csrf} label="Pause" />
            )}{' '}
            {feed.transport === 'http' ? (
              <PostButton action={`/admin/feeds/${feed.id}/test-fetch`} csrf={page.csrf} label="Test fetch" />
            ) : null}
          </p>
          <form method="post" action={`/admin/feeds/${feed.id}/delete`}>
            <CsrfField csrf={page.csrf} />
            <label>
              <input type="checkbox" name="confirm" value="on" required /> Delete this feed (its stories stay published)
            </label>
            <button type="submit" class="danger">
              Delete feed
            </button>
          </form>
          <h2>Settings</h2>
          <FeedForm {...props.form} />
        </>
      ) : null}
    </AdminPage>
  );
}

export interface FeedFormProps {
  csrf: string;
  action: string;
  /** Values to show: the stored feed or what was just submitted (never credentials). */
  values: Partial<Record<string, string>>;
  errors: FieldErrors;
  isNew: boolean;
  hasCredentials: boolean;
  agencies: string[];
  sections: string[];
}

export function FeedForm(props: FeedFormProps) {
  const { values, errors } = props;
  const input = (name: string, label: string, hint?: string) => (
    <>
      <label for={`f-${name}`}>
        {label} {hint ? <span class="hint">{hint}</span> : null}
      </label>
      <input id={`f-${name}`} type="text" name={name} value={values[name] ?? ''} aria-invalid={errors[name] ? 'true' : undefined} />
      <FieldError message={errors[name]} />
    </>
  );
  const select = (name: string, label: string, options: readonly string[]) => (
    <>
      <label for={`f-${name}`}>{label}</label>
      <select id={`f-${name}`} name={name}>
        {options.map((option) => (
          <option value={option} selected={values[name] === option}>
            {option}
          </option>
        ))}
      </select>
      <FieldError message={errors[name]} />
    </>
  );
  return (
    <form method="post" action={props.action}>
      <CsrfField csrf={props.csrf} />
      {props.isNew ? input('id', 'Feed id', '(lowercase letters, digits, dashes; fixed once made)') : null}
      {select('agency_id', 'Agency', props.agencies)}
      {select('transport', 'Transport', TRANSPORTS)}
      {input('location', 'URL or folder', '(http: the feed URL; folder: a folder name inside the drop folder; push: empty)')}
      {select('format', 'Format', FORMATS)}
      {input('interval_seconds', 'Poll interval in seconds')}
      {select('mode', 'Mode', ['auto', 'review'])}
      {select('default_section', 'Default section', props.sections)}
      {input('language', 'Language', '(when the items do not say, e.g. en)')}
      {input('zone', 'Time zone for dates without one', '(IANA, e.g. Asia/Kolkata)')}
      <label for="f-status_map">
        Status words <span class="hint">(JSON, the agency's own words for kill/correction, on top of the defaults)</span>
      </label>
      <textarea id="f-status_map" name="status_map">
        {values.status_map ?? ''}
      </textarea>
      <FieldError message={errors.status_map} />
      <label for="f-credentials">
        Credentials{' '}
        <span class="hint">
          ({props.hasCredentials ? 'stored; leave empty to keep them' : 'none stored'}. JSON: {'{"username","password"}'}, {'{"token"}'} or{' '}
          {'{"header","value"}'}. Never shown again.)
        </span>
      </label>
      <textarea id="f-credentials" name="credentials" autocomplete="off" />
      <FieldError message={errors.credentials} />
      {props.hasCredentials ? (
        <label>
          <input type="checkbox" name="clear_credentials" value="on" /> Remove the stored credentials
        </label>
      ) : null}
      <label>
        <input type="checkbox" name="allow_private" value="on" checked={values.allow_private === 'on'} /> Allow private and loopback
        addresses (intranet agencies only)
      </label>
      <p>
        <button type="submit">{props.isNew ? 'Add feed' : 'Save feed'}</button>
      </p>
    </form>
  );
}

function FieldError(props: { message: string | undefined }) {
  return props.message ? <p class="error">{props.message}</p> : null;
}

export function NewFeedView(props: { page: PageContext; form: FeedFormProps }) {
  return (
    <AdminPage page={props.page} title="Add a feed">
      <FeedForm {...props.form} />
    </AdminPage>
  );
}
