import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { EXIT_FAILED, EXIT_USAGE, fail, withRuntime } from '../cli-support.ts';
import { EpaperInputError } from './errors.ts';
import { epaperService } from './service.ts';

/**
 * `wiredesk epaper add | compile | list`: add a print edition from a PDF (with a progress bar
 * while its pages render), compile a digital edition, list what the e-paper holds.
 */
export function registerEpaperCommands(program: Command): void {
  const epaper = program.command('epaper').description('Print and digital e-paper editions.');

  epaper
    .command('add')
    .description('Add (or replace) the print edition of an edition and date from a PDF.')
    .requiredOption('-e, --edition <slug>', 'edition slug, e.g. pune')
    .requiredOption('-d, --date <date>', 'the paper’s date, YYYY-MM-DD')
    .argument('<file>', 'the PDF')
    .action(async (file: string, options: { edition: string; date: string }) => {
      await withRuntime(async (runtime) => {
        const service = epaperService(runtime);
        const size = await stat(file).catch((error: Error) => fail(`cannot read ${file}: ${error.message}`, EXIT_USAGE));
        // Checked before reading: a mistaken multi-gigabyte file is refused without loading it.
        if (size.size > runtime.config.epaper.maxBytes) {
          fail(`${file}: ${size.size} bytes is more than the limit of ${runtime.config.epaper.maxBytes} (epaper.maxBytes)`, EXIT_FAILED);
        }
        const bar = new SingleBar({ format: 'rendering pages [{bar}] {value}/{total}', stream: process.stderr, hideCursor: true });
        try {
          const edition = await service.addPrint({
            edition: options.edition,
            date: options.date,
            pdf: await readFile(file),
            name: path.basename(file),
            onPage: (done, total) => (done === 0 ? bar.start(total, 0) : bar.update(done)),
          });
          bar.stop();
          process.stdout.write(`${edition.edition} ${edition.date}: print edition of ${edition.page_count} pages added\n`);
        } catch (error) {
          bar.stop();
          if (error instanceof EpaperInputError) fail(error.message, EXIT_FAILED);
          throw error;
        }
      });
    });

  epaper
    .command('compile')
    .description('Compile the digital edition of an edition and date from its published stories (skipped if a print edition exists).')
    .requiredOption('-e, --edition <slug>', 'edition slug, e.g. pune')
    .requiredOption('-d, --date <date>', 'the paper’s date, YYYY-MM-DD')
    .action(async (options: { edition: string; date: string }) => {
      await withRuntime(async (runtime) => {
        try {
          const result = await epaperService(runtime).compileDigital(options.edition, options.date);
          const outcome = {
            compiled: 'digital edition compiled',
            'print-exists': 'a print edition exists; nothing compiled',
            'no-stories': 'no published stories that day; no digital edition',
          }[result.status];
          process.stdout.write(`${options.edition} ${options.date}: ${outcome}\n`);
        } catch (error) {
          if (error instanceof EpaperInputError) fail(error.message, EXIT_USAGE);
          throw error;
        }
      });
    });

  epaper
    .command('list')
    .description('List the editions the e-paper holds, newest first.')
    .action(async () => {
      await withRuntime(async (runtime) => {
        const rows = await runtime.store.db
          .selectFrom('epaper_editions')
          .select(['edition', 'date', 'kind', 'page_count'])
          .orderBy('date', 'desc')
          .orderBy('edition')
          .execute();
        for (const row of rows) process.stdout.write(`${row.date}\t${row.edition}\t${row.kind}\t${row.page_count} pages\n`);
      });
    });
}
