import { type Command, InvalidArgumentError } from 'commander';
import { ApiKeys } from '../api/index.ts';
import { EXIT_FAILED, EXIT_USAGE, fail, storyIdOf, withRuntime } from '../cli-support.ts';

/**
 * `wiredesk apikey create|list|revoke` (content-API keys; the secret is printed once) and
 * `wiredesk breaking <story>` (send a story to its section's push subscribers).
 */
export function registerAppCommands(program: Command): void {
  const apikey = program.command('apikey').description('Manage content-API keys (/api/v1).');

  apikey
    .command('create')
    .description('Create a key and print it once; only its hash is kept.')
    .argument('<name>', 'who or what uses the key')
    .option('--rate <perMinute>', 'requests per minute (default: app.api.defaultRatePerMinute)', positiveInteger)
    .action(async (name: string, options: { rate?: number }) => {
      await withRuntime(async (runtime) => {
        const rate = options.rate ?? runtime.config.app.api.defaultRatePerMinute;
        const created = await new ApiKeys(runtime.store.db)
          .create(name, rate, cliActor())
          .catch((error: unknown) => fail((error as Error).message, EXIT_USAGE));
        process.stdout.write(
          `key ${created.id} "${name}" (${rate} requests/minute):\n${created.key}\nStore it now: it cannot be shown again.\n`,
        );
      });
    });

  apikey
    .command('list')
    .description('List keys (never their secrets).')
    .action(async () => {
      await withRuntime(async (runtime) => {
        for (const key of await new ApiKeys(runtime.store.db).list()) {
          const state = key.revokedAt === null ? 'active' : `revoked ${key.revokedAt}`;
          process.stdout.write(
            `${key.id}\t${key.prefix}…\t${key.name}\t${key.ratePerMinute}/min\tlast used ${key.lastUsedAt ?? 'never'}\t${state}\n`,
          );
        }
      });
    });

  apikey
    .command('revoke')
    .description('Revoke a key; it stops working at once.')
    .argument('<id>', 'the key id from "apikey list"', positiveInteger)
    .action(async (id: number) => {
      await withRuntime(async (runtime) => {
        const revoked = await new ApiKeys(runtime.store.db).revoke(id);
        process.stdout.write(revoked ? `key ${id} revoked\n` : `key ${id} not found or already revoked\n`);
        if (!revoked) process.exitCode = EXIT_FAILED;
      });
    });

  program
    .command('breaking')
    .description("Send a published story as breaking news to its section's push subscribers (once per story).")
    .argument('<story>', 'story id or URL')
    .action(async (story: string) => {
      await withRuntime(async (runtime) => {
        const id = storyIdOf(story);
        const result = await runtime.app.breaking.markBreaking(id, cliActor());
        if (result.status === 'sent') {
          process.stdout.write(
            `story ${id}: ${result.delivered} delivered, ${result.removed} expired subscriptions removed, ${result.failed} failed\n`,
          );
        } else {
          process.stdout.write(
            result.status === 'already-sent' ? `story ${id} was already sent at ${result.sentAt}\n` : `story ${id} is not published\n`,
          );
          process.exitCode = EXIT_FAILED;
        }
      });
    });
}

function cliActor(): string {
  return `cli:${process.env.USER ?? 'operator'}`;
}

function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError('expected a whole number, 1 or more');
  return number;
}
