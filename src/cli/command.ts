import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError, loadConfig, type Config } from '../config.js';

/**
 * One `marketcross <command>`: its help text and what it does (run returns the
 * exit code). Its one-line summary is in the command table (commands.ts),
 * which lists commands without loading them.
 */
export interface Command {
  readonly name: string;
  readonly usage: string;
  run(argv: string[], io: CommandIO): Promise<number>;
}

/** Where a command reads and writes, so tests can run commands in-process. */
export interface CommandIO {
  env: NodeJS.ProcessEnv;
  out: (text: string) => void;
  err: (text: string) => void;
  /** Asks a question in the terminal; undefined when there is no terminal. */
  ask?: (question: string, options?: { secret?: boolean }) => Promise<string>;
}

/** A mistake in how a command was called; printed with a pointer to --help, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The flags every command that touches the box's data accepts. */
export const DATA_FLAGS = {
  'data-dir': { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

export const DATA_FLAGS_HELP = `  --data-dir DIR   where the database lives (MARKETCROSS_DATA_DIR, default ./data)
  --host HOST      address to listen on (MARKETCROSS_HOST, default 127.0.0.1)
  --port PORT      port to listen on (MARKETCROSS_PORT, default 8080)`;

export function parseCommandArgs<O extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: O,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** The flags of the commands that run the peer layer (or say where it listens). */
export const P2P_FLAGS = {
  'p2p-listen': { type: 'string' },
  'no-p2p': { type: 'boolean' },
} as const satisfies ParseArgsConfig['options'];

export const P2P_FLAGS_HELP = `  --p2p-listen ADDR  where sibling boxes reach this one, a TCP multiaddr; several
                     separated by commas (MARKETCROSS_P2P_LISTEN, default
                     /ip4/127.0.0.1/tcp/4001; a box for the venue uses
                     /ip4/0.0.0.0/tcp/4001); empty runs the box alone
  --no-p2p           run the box alone, without sibling boxes`;

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

export { ConfigError };
