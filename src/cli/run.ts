import { ConfigError } from '../config.js';
import { MigrationError } from '../db/migrate.js';
import { DatabaseSetupError } from '../db/open.js';
import { BackupError } from '../backup/backup.js';
import { UsageError, type CommandIO } from './command.js';
import { commands, type CommandEntry } from './commands.js';

const HELP = `Marketcross: the community box.

Usage: marketcross <command> [options]

Commands:
${commands.map((c) => `  ${c.name.padEnd(14)} ${c.summary}`).join('\n')}

Run "marketcross <command> --help" for a command's options.`;

/**
 * Runs one CLI invocation; returns the exit code. Errors an operator can fix are printed with what to do, never as a
 * stack.
 */
export async function runCli(argv: string[], io: CommandIO): Promise<number> {
  const [first, second, ...rest] = argv;
  if (!first || first === '--help' || first === '-h' || first === 'help') {
    io.out(HELP);
    return first ? 0 : 2;
  }
  const entry: CommandEntry | undefined =
    commands.find((c) => c.name === `${first} ${second}`) ?? commands.find((c) => c.name === first);
  if (!entry) {
    const subcommands = commands.filter((c) => c.name.startsWith(`${first} `)).map((c) => `"marketcross ${c.name}"`);
    io.err(
      subcommands.length > 0
        ? `"${first}" needs one more word: ${subcommands.join(' or ')}.`
        : `Unknown command "${first}". Run "marketcross --help" to see the commands.`,
    );
    return 2;
  }
  const args = entry.name.includes(' ') ? rest : argv.slice(1);
  try {
    const command = await entry.load();
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\nRun "marketcross ${entry.name} --help" for usage.`);
      return 2;
    }
    if (
      error instanceof ConfigError ||
      error instanceof DatabaseSetupError ||
      error instanceof MigrationError ||
      error instanceof BackupError
    ) {
      io.err(error.message);
      return 1;
    }
    io.err(`marketcross ${entry.name} failed: ${(error as Error)?.message ?? String(error)}`);
    return 1;
  }
}
