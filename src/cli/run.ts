import { BackupError } from '../backup/backup-error.js';
import { ConfigError } from '../config.js';
import { MigrationError } from '../db/migrate.js';
import { DatabaseSetupError } from '../db/open.js';
import { DomainError } from '../lib/errors.js';
import { UpgradeError } from '../upgrade/upgrade-error.js';
import { type CliIO, type CommandIO, UsageError } from './command.js';
import { commands, type CommandEntry } from './commands.js';
import { type CliWords, cliWords, localeFlag } from './language.js';

function help(words: CliWords): string {
  const list = commands.map((c) => `  ${c.name.padEnd(14)} ${words.t(c.summary)}`).join('\n');
  return words.t('cli.help', { commands: list });
}

/**
 * Runs one CLI invocation; returns the exit code. Errors an operator can fix are printed with what to do, never as a
 * stack, in the CLI's language (language.ts says how it is chosen).
 */
export async function runCli(argv: string[], io: CommandIO): Promise<number> {
  const locale = localeFlag(argv);
  const words = cliWords(locale.value, io.env);
  const cliIo: CliIO = { ...io, words };
  const [first, second, ...rest] = locale.argv;
  if (!first || first === '--help' || first === '-h' || first === 'help') {
    io.out(help(words));
    return first ? 0 : 2;
  }
  const entry: CommandEntry | undefined =
    commands.find((c) => c.name === `${first} ${second}`) ?? commands.find((c) => c.name === first);
  if (!entry) {
    const subcommands = commands.filter((c) => c.name.startsWith(`${first} `)).map((c) => `"marketcross ${c.name}"`);
    io.err(
      subcommands.length > 0
        ? words.t('cli.run.needsWord', { first, subcommands: subcommands.join(` ${words.t('cli.run.or')} `) })
        : words.t('cli.run.unknownCommand', { first }),
    );
    return 2;
  }
  const args = entry.name.includes(' ') ? rest : locale.argv.slice(1);
  try {
    const command = await entry.load();
    return await command.run(args, cliIo);
  } catch (error) {
    return reportFailure(error, entry.name, cliIo);
  }
}

/** What the CLI prints for an error a command threw, and the exit code: 2 for a usage mistake, else 1. */
function reportFailure(error: unknown, command: string, io: CliIO): number {
  const { t } = io.words;
  if (error instanceof UsageError) {
    io.err(t('cli.run.seeHelp', { reason: t(error.reason), command }));
    return 2;
  }
  if (error instanceof UpgradeError) {
    io.err(error.words(t));
    return 1;
  }
  if (error instanceof ConfigError || error instanceof BackupError || error instanceof DomainError) {
    io.err(t(error.reason));
    return 1;
  }
  // The database plumbing's own errors (SpatiaLite missing, a migration that failed) say what to do in English.
  if (error instanceof DatabaseSetupError || error instanceof MigrationError) {
    io.err(error.message);
    return 1;
  }
  io.err(t('cli.run.failed', { command, reason: (error as Error)?.message ?? String(error) }));
  return 1;
}
