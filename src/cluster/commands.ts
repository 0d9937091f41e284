import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { EXIT_FAILED, fail } from '../cli-support.ts';
import { MigrateDataError, migrateData, type TableCount } from './migrate-data.ts';

/** `wiredesk migrate-data`: move a site from its SQLite file to PostgreSQL. */
export function registerClusterCommands(program: Command): void {
  program
    .command('migrate-data')
    .description(
      'Copy every table from a SQLite database to PostgreSQL, with a progress bar and a count check; safe to run again (it brings the copy up to date).',
    )
    .requiredOption('--from <url>', 'the SQLite database, e.g. sqlite:./data/wiredesk.db')
    .requiredOption('--to <url>', 'the PostgreSQL database, e.g. postgres://wiredesk@db.internal/wiredesk')
    .action(async (options: { from: string; to: string }) => {
      const bar = new SingleBar(
        { format: '{table} [{bar}] {value}/{total} rows', hideCursor: true, clearOnComplete: false },
        Presets.shades_classic,
      );
      let counts: TableCount[];
      try {
        counts = await migrateData({
          from: options.from,
          to: options.to,
          onTable: (table, rows) => {
            bar.stop();
            bar.start(rows, 0, { table: table.padEnd(24) });
          },
          onRows: (copied) => bar.increment(copied),
        });
      } catch (error) {
        bar.stop();
        if (error instanceof MigrateDataError) fail(error.message, EXIT_FAILED);
        throw error;
      }
      bar.stop();
      // migrateData has already refused to commit a copy whose counts differ: this is the record of it.
      process.stdout.write(countReport(counts));
    });
}

/** One line per table: the rows in SQLite, the rows in PostgreSQL, and whether they agree. */
export function countReport(counts: TableCount[]): string {
  const width = Math.max(5, ...counts.map((entry) => entry.table.length));
  const lines = counts.map(
    (entry) =>
      `${entry.table.padEnd(width)}  ${String(entry.source).padStart(10)}  ${String(entry.target).padStart(10)}  ${entry.source === entry.target ? 'ok' : 'DIFFERENT'}`,
  );
  const total = (side: 'source' | 'target') => counts.reduce((sum, entry) => sum + entry[side], 0);
  return `${[`${'table'.padEnd(width)}  ${'sqlite'.padStart(10)}  ${'postgres'.padStart(10)}`, ...lines, `${'total'.padEnd(width)}  ${String(total('source')).padStart(10)}  ${String(total('target')).padStart(10)}`].join('\n')}\n`;
}
