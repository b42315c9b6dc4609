import { createBackup } from '../backup/backup.js';
import { packageVersion } from '../paths.js';
import { withBoxDatabase } from './box.js';
import { configFrom, DATA_FLAGS, parseCommandArgs, usageText, type Command } from './command.js';

export const backupCommand: Command = {
  name: 'backup',
  usage: (words) => usageText(words, 'cli.usage.backup'),
  async run(argv, io) {
    const { values } = parseCommandArgs(argv, DATA_FLAGS);
    if (values.help) {
      io.out(this.usage(io.words));
      return 0;
    }
    const config = configFrom(values, io.env);
    return withBoxDatabase(config, io, async (database) => {
      const result = await createBackup(database, config.dataDir, {
        now: new Date(),
        version: packageVersion,
        // Kept apart from the nightly rotation: a backup taken by hand is never pruned by it.
        kind: 'manual',
        log: (line) => io.err(io.words.t(line)),
      });
      io.out(result.file);
      for (const copy of result.copiedTo) io.err(io.words.t('cli.backup.copiedTo', { copy }));
      return 0;
    });
  },
};
