import path from 'node:path';
import { restoreBackup } from '../backup/restore.js';
import { msg } from '../lib/messages.js';
import { configFrom, DATA_FLAGS, parseCommandArgs, UsageError, usageText, type Command } from './command.js';

export const restoreCommand: Command = {
  name: 'restore',
  usage: (words) => usageText(words, 'cli.usage.restore'),
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, DATA_FLAGS, true);
    const { t } = io.words;
    if (values.help) {
      io.out(this.usage(io.words));
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError(msg('cli.restore.nameOne'));
    const config = configFrom(values, io.env);
    const result = await restoreBackup(config, path.resolve(positionals[0]!), new Date());
    const { takenAt, version } = result;
    io.out(t('cli.restore.restored', { takenAt, version, dataDir: config.dataDir }));
    if (result.replaced) io.out(t('cli.restore.replacedKept', { replaced: result.replaced }));
    if (result.boxFiles.length > 0) io.out(t('cli.restore.boxFiles', { files: result.boxFiles.join(', ') }));
    return 0;
  },
};
