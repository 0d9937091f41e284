import type { Command } from 'commander';
import { EXIT_FAILED, storyIdOf, withRuntime } from '../cli-support.ts';

/**
 * `wiredesk media collect [stories...] [--all]`: fetches the pictures of stories now, for
 * stories published before pictures were collected (an upgrade, the demo seed) and to retry
 * pictures that failed (an image server that was down). Every failure is printed with its reason.
 */
export function registerMediaCommands(program: Command): void {
  const media = program.command('media').description('Agency pictures');
  media
    .command('collect')
    .description(
      "Fetch the pictures of the given stories, or with --all of every published story that names any; prints each story's result.",
    )
    .argument('[stories...]', 'story ids or URLs')
    .option('--all', 'every published story whose current revision names media')
    .action(async (references: string[], options: { all?: boolean }) => {
      await withRuntime(async (runtime) => {
        const ids = references.map(storyIdOf);
        if (options.all === true) {
          const rows = await runtime.store.db
            .selectFrom('stories')
            .innerJoin('revisions', 'revisions.id', 'stories.current_revision_id')
            .select('stories.id')
            .where('stories.status', '=', 'published')
            .where('revisions.media', '!=', '[]')
            .orderBy('stories.id')
            .execute();
          ids.push(...rows.map((row) => row.id));
        }
        for (const id of ids) {
          const since = new Date().toISOString();
          const result = await runtime.media.collector.refresh(id);
          if (result === null) {
            process.stderr.write(`wiredesk: no story ${id}\n`);
            process.exitCode = EXIT_FAILED;
            continue;
          }
          process.stdout.write(
            `story ${id}: ${result.stored} stored, ${result.failed} failed${result.changed ? ', pictures changed' : ''}\n`,
          );
          const failures = await runtime.store.db
            .selectFrom('events')
            .select('detail')
            .where('story_id', '=', id)
            .where('type', '=', 'media_failed')
            .where('created_at', '>=', since)
            .execute();
          for (const failure of failures) process.stdout.write(`  failed: ${failure.detail ?? ''}\n`);
        }
      });
    });
}
