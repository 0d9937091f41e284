import pino from 'pino';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { storyIdFromSegment } from './domain/index.ts';
import { openRuntime, type Runtime } from './runtime.ts';

/**
 * What every `wiredesk` command shares: exit codes, configuration errors that name the key,
 * and a runtime that logs to stderr so stdout stays the command's own output.
 * Each area adds its commands from its own module (e.g. src/admin/commands.ts).
 */
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export function fail(message: string, code: number): never {
  process.stderr.write(`wiredesk: ${message}\n`);
  process.exit(code);
}

export function configOrExit(overrides: Partial<Config> = {}): Config {
  try {
    return loadConfig({ overrides });
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message, EXIT_USAGE);
    throw error;
  }
}

export async function withRuntime(work: (runtime: Runtime) => Promise<void>): Promise<void> {
  const config = configOrExit();
  const runtime = await openRuntime(config, {
    log: pino({ level: config.logLevel === 'info' ? 'warn' : config.logLevel }, pino.destination(2)),
  });
  try {
    await work(runtime);
  } finally {
    await runtime.close();
  }
}

/** A story given as an id ("42") or any URL or path of its page ("/technology/chip-plant-42"). */
export function storyIdOf(reference: string): number {
  const segment =
    reference
      .replace(/[?#].*$/, '')
      .replace(/\/+$/, '')
      .split('/')
      .pop() ?? '';
  const id = storyIdFromSegment(decodeURIComponent(segment));
  return id ?? fail(`"${reference}" is not a story id or URL`, EXIT_USAGE);
}
