import path from 'node:path';
import { restoreBackup } from '../backup/restore.js';
import { configFrom, DATA_FLAGS, DATA_FLAGS_HELP, parseCommandArgs, UsageError, type Command } from './command.js';

export const restoreCommand: Command = {
  name: 'restore',
  usage: `Usage: marketcross restore <backup file> [options]

Checks the backup first (integrity, row counts), then replaces the database,
the box's key and its settings with the ones in the backup. The database it
replaces is kept in <data dir>/replaced/. Refuses while the server runs: stop
it first (on a box: sudo systemctl stop marketcross).

Options:
${DATA_FLAGS_HELP}`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, DATA_FLAGS, true);
    if (values.help) {
      io.out(this.usage);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError('Name one backup file to restore.');
    const config = configFrom(values, io.env);
    const result = await restoreBackup(config, path.resolve(positionals[0]!), new Date());
    io.out(`Restored the backup taken ${result.takenAt} (Marketcross ${result.version}) into ${config.dataDir}.`);
    if (result.replaced) io.out(`The database it replaced is kept at ${result.replaced}.`);
    if (result.boxFiles.length > 0) io.out(`Restored box files: ${result.boxFiles.join(', ')}.`);
    return 0;
  },
};
