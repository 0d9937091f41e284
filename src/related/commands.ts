import type { Command } from 'commander';
import { EXIT_FAILED, storyIdOf, withRuntime } from '../cli-support.ts';
import { RelatedEngine } from './engine.ts';
import { DEFAULT_RANKING } from './ranking.ts';

/**
 * `wiredesk related <story-id|url> [--explain]`: the stored lists of a story, or with --explain
 * every candidate with each score component, for operators tuning the weights.
 */
export function registerRelatedCommands(program: Command): void {
  program
    .command('related')
    .description("Show a story's related lists; --explain prints every candidate with its score components.")
    .argument('<story>', 'story id or URL')
    .option('--explain', 'rank the candidates now and show why each is or is not on the page')
    .action(async (reference: string, options: { explain?: boolean }) => {
      const id = storyIdOf(reference);
      await withRuntime(async (runtime) => {
        const story = await runtime.store.db
          .selectFrom('stories')
          .select(['id', 'section', 'headline', 'status'])
          .where('id', '=', id)
          .executeTakeFirst();
        if (story === undefined) {
          process.stderr.write(`wiredesk: no story ${id}\n`);
          process.exitCode = EXIT_FAILED;
          return;
        }
        process.stdout.write(`story ${story.id} [${story.section}, ${story.status}] ${story.headline}\n`);
        if (options.explain === true) {
          const engine = new RelatedEngine(runtime.store.db, { ranking: { ...DEFAULT_RANKING, count: runtime.config.relatedCount } });
          const explanation = await engine.explain(id);
          if (explanation === null) {
            process.stderr.write(`wiredesk: story ${id} has no text to rank\n`);
            process.exitCode = EXIT_FAILED;
            return;
          }
          process.stdout.write(explainText(explanation));
          return;
        }
        const lists = await runtime.related.listsFor(story);
        for (const [title, cards] of [
          [`${story.section} related stories`, lists.sameSection],
          ['Related stories', lists.across],
        ] as const) {
          process.stdout.write(`\n${title}:\n`);
          for (const card of cards)
            process.stdout.write(`  ${card.id}\t[${card.section}]${card.fill ? ' (latest, filled)' : ''}\t${card.headline}\n`);
        }
      });
    });
}

type Explanation = NonNullable<Awaited<ReturnType<RelatedEngine['explain']>>>;

export function explainText(explanation: Explanation): string {
  const { story } = explanation;
  const lines = [
    `terms: ${[...story.vector].map(([term, weight]) => `${term}:${weight.toFixed(3)}`).join(' ')}`,
    `entities: ${story.entities.join(', ')}`,
    '',
    ['rank', 'story', 'section', 'score', 'terms', 'entities', 'headline', 'recency', 'verdict'].join('\t'),
  ];
  explanation.candidates.forEach((candidate, index) => {
    const { parts, features } = candidate;
    lines.push(
      [
        index + 1,
        features.storyId,
        features.section,
        parts.score.toFixed(3),
        parts.terms.toFixed(3),
        parts.entities.toFixed(3),
        parts.headline.toFixed(3),
        parts.recency.toFixed(3),
        candidate.verdict,
      ].join('\t'),
    );
  });
  if (explanation.candidates.length === 0) lines.push("(no candidates share any of the story's terms)");
  return `${lines.join('\n')}\n`;
}
