import fs from 'node:fs';
import type { Config } from '../config.js';
import { migrateToLatest } from '../db/migrate.js';
import { openDatabase, type OpenDatabase } from '../db/open.js';
import { NotFound } from '../lib/errors.js';
import { msg } from '../lib/messages.js';
import type { CliIO } from './command.js';

/**
 * Opens the box's database for a command, brought up to date first (a command
 * may run right after an upgrade, before `serve`). Commands that only read or
 * add to an existing community pass `mustExist`, so a mistyped --data-dir says
 * so instead of quietly creating an empty database there. From then on the
 * command speaks the community's language, unless one was asked for.
 */
export async function openBoxDatabase(
  config: Config,
  io: Pick<CliIO, 'err' | 'words'>,
  options: { mustExist?: boolean } = {},
): Promise<OpenDatabase> {
  if (options.mustExist && !fs.existsSync(config.databaseFile)) {
    throw new NotFound(msg('cli.noDatabase', { dataDir: config.dataDir }));
  }
  const database = openDatabase(config.databaseFile);
  try {
    await migrateToLatest(database.db, io.err);
    await io.words.adoptCommunityDefault(database.db);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

/** Runs `use` with the box's existing database open (brought up to date), and closes it whatever happens. */
export async function withBoxDatabase<T>(
  config: Config,
  io: Pick<CliIO, 'err' | 'words'>,
  use: (database: OpenDatabase) => Promise<T>,
): Promise<T> {
  const database = await openBoxDatabase(config, io, { mustExist: true });
  try {
    return await use(database);
  } finally {
    await database.close();
  }
}

/** Where people sign in, as the operator would type it; a box listening on every address is reached by its own. */
export function signInUrl(config: Config): string {
  const anyAddress = config.host === '0.0.0.0' || config.host === '::';
  const host = anyAddress
    ? 'localhost'
    : config.host.includes(':') && !config.host.startsWith('[')
      ? `[${config.host}]`
      : config.host;
  return `http://${host}:${config.port}/signin`;
}
