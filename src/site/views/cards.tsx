import { storyPath } from '../../domain/index.ts';
import type { StoryImage } from '../../media/index.ts';
import type { RelatedCard } from '../../related/index.ts';
import { Picture } from './picture.tsx';

/** What a card needs of a story: a related list's card; listings also give a teaser and a thumbnail. */
type CardStory = Omit<RelatedCard, 'fill'> & {
  teaser?: string;
  image?: StoryImage | null;
};

/**
 * A list of stories as links; with `sectionNames`, each carries its section's name (as in
 * "Related Stories"). A story with a photo shows its thumbnail beside the text; one without
 * stays a full-width text card, with no empty frame.
 */
export function StoryCards(props: { stories: CardStory[]; sectionNames?: Map<string, string>; teasers?: boolean }) {
  return (
    <ul class="cards">
      {props.stories.map((story) => {
        const image = story.image ?? null;
        return (
          <li class={image === null ? undefined : 'has-thumb'}>
            <div>
              {props.sectionNames !== undefined && <span class="label">{props.sectionNames.get(story.section) ?? story.section}</span>}
              <a href={storyPath(story)} lang={story.language ?? undefined}>
                {story.headline}
              </a>
              {props.teasers === true && <p lang={story.language ?? undefined}>{story.teaser}</p>}
            </div>
            {image !== null && <Picture image={image} variant="thumb" />}
          </li>
        );
      })}
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
