import { migrateToLatest } from '../db/migrate.js';
import { openDatabase } from '../db/open.js';
import { configFrom, DATA_FLAGS, DATA_FLAGS_HELP, parseCommandArgs, type Command } from './command.js';

export const migrateCommand: Command = {
  name: 'migrate',
  usage: `Usage: marketcross migrate [options]

Applies every pending migration in one transaction: if one fails, the database
is left as it was and the command exits non-zero.

Options:
${DATA_FLAGS_HELP}`,
  async run(argv, io) {
    const { values } = parseCommandArgs(argv, DATA_FLAGS);
    if (values.help) {
      io.out(this.usage);
      return 0;
    }
    const config = configFrom(values, io.env);
    const database = openDatabase(config.databaseFile);
    try {
      const applied = await migrateToLatest(database.db, io.out);
      io.out(applied.length === 0 ? 'The database is up to date.' : `Applied ${applied.length} migration(s).`);
      return 0;
    } finally {
      await database.close();
    }
  },
};
