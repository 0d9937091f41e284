import { storyPath } from '../../domain/slug.ts';
import type { StoryCard } from '../reader.ts';

/** A list of stories as links; with `labels`, each carries its section's name (as in "Related Stories"). */
export function StoryCards(props: { stories: StoryCard[]; sectionNames?: Map<string, string>; teasers?: boolean }) {
  return (
    <ul class="cards">
      {props.stories.map((story) => (
        <li>
          {props.sectionNames !== undefined && <span class="label">{props.sectionNames.get(story.section) ?? story.section}</span>}
          <a href={storyPath(story)} lang={story.language ?? undefined}>
            {story.headline}
          </a>
          {props.teasers === true && <p lang={story.language ?? undefined}>{story.teaser}</p>}
        </li>
      ))}
    </ul>
  );
}

export function Pager(props: { basePath: string; page: number; hasNext: boolean }) {
  const href = (page: number): string => (page === 1 ? props.basePath : `${props.basePath}?page=${page}`);
  if (props.page === 1 && !props.hasNext) return null;
  return (
    <nav class="pager" aria-label="Pages">
      {props.page > 1 ? (
        <a href={href(props.page - 1)} rel="prev">
          ← Newer stories
        </a>
      ) : (
        <span />
      )}
      {props.hasNext && (
        <a href={href(props.page + 1)} rel="next">
          Older stories →
        </a>
      )}
    </nav>
  );
}
