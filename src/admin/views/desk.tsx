import { storyPath } from '../../domain/index.ts';
import type { DeskStory, HeldStory } from '../desk-queries.ts';
import { AdminPage, CsrfField, type PageContext, PostButton } from './layout.tsx';

export function StoriesView(props: { page: PageContext; search: string; stories: DeskStory[] }) {
  const { page } = props;
  return (
    <AdminPage page={page} title="Stories">
      <form method="get" action="/admin/stories">
        <label for="q">Find a story by id, URL or words of its headline</label>
        <input id="q" type="text" name="q" value={props.search} /> <button type="submit">Find</button>
      </form>
      <table>
        <thead>
          <tr>
            <th>Id</th>
            <th>Headline</th>
            <th>Status</th>
            <th>Section</th>
            <th>Kill or restore</th>
            <th>Breaking news</th>
          </tr>
        </thead>
        <tbody>
          {props.stories.map((story) => (
            <tr>
              <td>{story.id}</td>
              <td>{story.status === 'published' ? <a href={storyPath(story)}>{story.headline}</a> : story.headline}</td>
              <td>
                {story.status}
                {story.kill_reason ? <span class="muted"> ({story.kill_reason})</span> : null}
              </td>
              <td>{story.section}</td>
              <td>
                {story.status === 'killed' ? (
                  <PostButton action={`/admin/stories/${story.id}/restore`} csrf={page.csrf} label="Restore" />
                ) : (
                  <form class="inline" method="post" action={`/admin/stories/${story.id}/kill`}>
                    <CsrfField csrf={page.csrf} />
                    <input type="text" name="reason" required aria-label={`Reason to kill story ${story.id}`} placeholder="Reason" />{' '}
                    <button type="submit" class="danger">
                      Kill
                    </button>
                  </form>
                )}
              </td>
              <td>
                {story.breaking_sent_at !== null ? (
                  <span class="muted">Alert sent {story.breaking_sent_at}</span>
                ) : story.status === 'published' ? (
                  <PostButton action={`/admin/stories/${story.id}/breaking`} csrf={page.csrf} label="Send alert" />
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </AdminPage>
  );
}

export function ReviewView(props: { page: PageContext; stories: HeldStory[] }) {
  const { page } = props;
  return (
    <AdminPage page={page} title="Review queue">
      <p class="muted">Stories from feeds in review mode. The agency's text cannot be edited: publish it as sent, or discard it.</p>
      {props.stories.length === 0 ? <p>Nothing is waiting for review.</p> : null}
      {props.stories.map((story) => (
        <article class="held" aria-labelledby={`held-${story.id}`}>
          <h2 id={`held-${story.id}`}>{story.headline}</h2>
          <p class="muted">
            {story.agency_id} · feed {story.feed_id ?? '(none)'} · section {story.section} · received {story.created_at}
            {story.byline ? ` · by ${story.byline}` : ''}
          </p>
          {/* Stored bodies were sanitized on the way in; the console's CSP stops any script besides. */}
          <div class="body" dangerouslySetInnerHTML={{ __html: story.body_html }} />
          <p>
            <PostButton action={`/admin/review/${story.id}/publish`} csrf={page.csrf} label="Publish" />{' '}
            <PostButton action={`/admin/review/${story.id}/discard`} csrf={page.csrf} label="Discard" danger />
          </p>
        </article>
      ))}
    </AdminPage>
  );
}
