import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { Argument, type Command, Option } from 'commander';
import { configOrExit, EXIT_FAILED, EXIT_USAGE, fail } from '../cli-support.ts';
import { databaseUrlOf } from '../config.ts';
import { migrate, openStore } from '../store/index.ts';
import { AuditLog } from './audit.ts';
import { LoginGuard } from './login-guard.ts';
import { ROLES, type Role } from './roles.ts';
import { Sessions } from './sessions.ts';
import { normalizeEmail, UserError, Users } from './users.ts';

/**
 * `wiredesk user …`: the console's users from the server's shell. The first admin can only be
 * made here. Passwords are typed at a hidden prompt, or read from the first line of stdin
 * (`printf '%s\n' "$PW" | wiredesk user add --admin a@b.example`), never given as arguments
 * where the process list and shell history would keep them.
 */
export function registerAdminCommands(program: Command): void {
  const user = program.command('user').description('Manage the admin console users.');

  user
    .command('add')
    .description('Add a console user (password prompted, or read from stdin).')
    .argument('<email>', 'the sign-in email')
    .option('--admin', 'make the user an admin (same as --role admin)')
    .addOption(new Option('--role <role>', 'admin, editor or viewer').choices(ROLES).default('viewer'))
    .action(async (email: string, options: { admin?: boolean; role: Role }) => {
      const role: Role = options.admin ? 'admin' : options.role;
      const password = await readPassword(`Password for ${email} (12+ characters): `);
      await withUsers(async ({ users, log }) => {
        const created = await users.create(email, password, role);
        await log.record({ actor: cliActor(), action: 'user.add', target: created.email, detail: { role } });
        process.stdout.write(`added ${created.email} (${created.role}); sign in at /admin/login\n`);
      });
    });

  user
    .command('list')
    .description('List console users.')
    .action(async () => {
      await withUsers(async ({ users }) => {
        for (const entry of await users.list()) {
          process.stdout.write(`${entry.email}\t${entry.role}\t${entry.disabled ? 'disabled' : 'active'}\n`);
        }
      });
    });

  user
    .command('role')
    .description("Change a user's role.")
    .argument('<email>')
    .addArgument(new Argument('<role>', 'admin, editor or viewer').choices(ROLES))
    .action(async (email: string, role: Role) => {
      await changeUser(email, 'user.role', async ({ users }, id) => {
        await users.setRole(id, role);
        return `now ${role}`;
      });
    });

  for (const [name, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    user
      .command(name)
      .description(disabled ? 'Stop a user signing in and end their sessions.' : 'Let a disabled user sign in again.')
      .argument('<email>')
      .action(async (email: string) => {
        await changeUser(email, `user.${name}`, async ({ users, sessions }, id) => {
          await users.setDisabled(id, disabled);
          if (disabled) await sessions.endAllFor(id);
          return `${name}d`;
        });
      });
  }

  user
    .command('password')
    .description("Set a user's password (prompted, or read from stdin) and end their sessions.")
    .argument('<email>')
    .action(async (email: string) => {
      const password = await readPassword(`New password for ${email}: `);
      await changeUser(email, 'user.password', async ({ users, sessions }, id) => {
        await users.setPassword(id, password);
        await sessions.endAllFor(id);
        return 'password changed';
      });
    });

  user
    .command('unlock')
    .description("Clear a user's failed sign-ins, ending a lockout at once.")
    .argument('<email>')
    .action(async (email: string) => {
      await changeUser(email, 'user.unlock', async ({ guard }) => `${await guard.unlock(normalizeEmail(email))} failed sign-ins cleared`);
    });
}

interface UserServices {
  users: Users;
  sessions: Sessions;
  guard: LoginGuard;
  log: AuditLog;
}

/** Users live in the store alone: no feeds, pollers or caches are started for these commands. */
async function withUsers(work: (services: UserServices) => Promise<void>): Promise<void> {
  const store = openStore(databaseUrlOf(configOrExit()));
  try {
    await migrate(store);
    const { db } = store;
    await work({ users: new Users(db), sessions: new Sessions(db), guard: new LoginGuard(db), log: new AuditLog(db) });
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    process.stderr.write(`wiredesk: ${error.message}\n`);
    process.exitCode = EXIT_FAILED;
  } finally {
    await store.close();
  }
}

async function changeUser(email: string, action: string, change: (services: UserServices, id: number) => Promise<string>): Promise<void> {
  await withUsers(async (services) => {
    const found = await services.users.byEmail(email);
    if (found === undefined) throw new UserError(`no user ${normalizeEmail(email)}`);
    const outcome = await change(services, found.id);
    await services.log.record({ actor: cliActor(), action, target: found.email });
    process.stdout.write(`${found.email}: ${outcome}\n`);
  });
}

function cliActor(): string {
  return `cli:${process.env.USER ?? 'operator'}`;
}

/** A hidden prompt on a terminal; otherwise the first line of stdin. */
async function readPassword(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) {
    let text = '';
    for await (const chunk of process.stdin) text += String(chunk);
    const line = text.split(/\r?\n/)[0] ?? '';
    if (line === '') fail('no password on stdin (pipe it as the first line)', EXIT_USAGE);
    return line;
  }
  process.stderr.write(prompt);
  // Echo is swallowed so the password never appears on screen.
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const rl = createInterface({ input: process.stdin, output: silent, terminal: true });
  const answer = await new Promise<string>((resolve) => rl.question('', resolve));
  rl.close();
  process.stderr.write('\n');
  return answer;
}
