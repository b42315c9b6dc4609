import { migrateToLatest } from '../db/migrate.js';
import { openDatabase } from '../db/open.js';
import { configFrom, DATA_FLAGS, parseCommandArgs, usageText, type Command } from './command.js';

export const migrateCommand: Command = {
  name: 'migrate',
  usage: (words) => usageText(words, 'cli.usage.migrate'),
  async run(argv, io) {
    const { values } = parseCommandArgs(argv, DATA_FLAGS);
    if (values.help) {
      io.out(this.usage(io.words));
      return 0;
    }
    const config = configFrom(values, io.env);
    const database = openDatabase(config.databaseFile);
    try {
      const applied = await migrateToLatest(database.db, io.out);
      await io.words.adoptCommunityDefault(database.db);
      io.out(io.words.t('cli.migrate.done', { count: applied.length }));
      return 0;
    } finally {
      await database.close();
    }
  },
};
