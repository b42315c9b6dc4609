import { parseArgs, type ParseArgsConfig } from 'node:util';
import { type Config, loadConfig } from '../config.js';
import { type Message, msg } from '../lib/messages.js';
import type { CliWords } from './language.js';

/**
 * One `marketcross <command>`: its help text and what it does (run returns the
 * exit code). Its one-line summary is in the command table (commands.ts),
 * which lists commands without loading them.
 */
export interface Command {
  readonly name: string;
  /** The help text, in the CLI's language (`--help`). */
  usage(words: CliWords): string;
  run(argv: string[], io: CliIO): Promise<number>;
}

/** Where a command reads and writes, so tests can run commands in-process. */
export interface CommandIO {
  env: NodeJS.ProcessEnv;
  out: (text: string) => void;
  err: (text: string) => void;
  /** Asks a question in the terminal; undefined when there is no terminal. */
  ask?: (question: string, options?: { secret?: boolean }) => Promise<string>;
}

/** What a command is given: where it reads and writes, and the words of the language it speaks (language.ts). */
export interface CliIO extends CommandIO {
  readonly words: CliWords;
}

/** A mistake in how a command was called; printed with a pointer to --help, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
  constructor(readonly reason: Message) {
    super(reason.key);
  }
}

/** The flags every command that touches the box's data accepts (`--locale`: the CLI's language, see language.ts). */
export const DATA_FLAGS = {
  'data-dir': { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string' },
  locale: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

function dataFlagsHelp(words: CliWords): string {
  return words.t('cli.flags.data');
}

export function parseCommandArgs<O extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: O,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (error) {
    // Node's own sentence (which flag it did not know): it names the flag, in English only.
    throw new UsageError(msg('cli.run.badArguments', { reason: (error as Error).message }));
  }
}

/** The flags of the commands that run the peer layer (or say where it listens). */
export const P2P_FLAGS = {
  'p2p-listen': { type: 'string' },
  'no-p2p': { type: 'boolean' },
} as const satisfies ParseArgsConfig['options'];

function p2pFlagsHelp(words: CliWords): string {
  return words.t('cli.flags.p2p');
}

/** The help text of a command: its usage sentence with the shared flags' help filled in. */
export function usageText(words: CliWords, key: string, values: Record<string, string | number> = {}): string {
  return words.t(key, { dataFlags: dataFlagsHelp(words), p2pFlags: p2pFlagsHelp(words), ...values });
}

export function configFrom(
  values: { 'data-dir'?: string; host?: string; port?: string; 'p2p-listen'?: string; 'no-p2p'?: boolean },
  env: NodeJS.ProcessEnv,
): Config {
  return loadConfig(env, {
    dataDir: values['data-dir'],
    host: values.host,
    port: values.port,
    p2pListen: values['p2p-listen'],
    noP2p: values['no-p2p'],
  });
}
