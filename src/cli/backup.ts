import { createBackup } from '../backup/backup.js';
import { packageVersion } from '../paths.js';
import { withBoxDatabase } from './box.js';
import { configFrom, DATA_FLAGS, DATA_FLAGS_HELP, parseCommandArgs, type Command } from './command.js';

export const backupCommand: Command = {
  name: 'backup',
  usage: `Usage: marketcross backup [options]

Writes one file, <data dir>/backups/marketcross-<UTC time>.db: a consistent copy
of the database (safe while the box runs) with the box's key and settings.
It is checked (integrity, row counts) before older backups are pruned: the
last 14 daily and 8 weekly are kept. A USB drive holding a file named
.marketcross-backups (mounted under /media or /mnt) gets a copy too.

Options:
${DATA_FLAGS_HELP}`,
  async run(argv, io) {
    const { values } = parseCommandArgs(argv, DATA_FLAGS);
    if (values.help) {
      io.out(this.usage);
      return 0;
    }
    const config = configFrom(values, io.env);
    return withBoxDatabase(config, io.err, async (database) => {
      const result = await createBackup(database, config.dataDir, {
        now: new Date(),
        version: packageVersion,
        log: io.err,
      });
      io.out(result.file);
      for (const copy of result.copiedTo) io.err(`Copied to ${copy}`);
      return 0;
    });
  },
};
