import { msg } from '../lib/messages.js';
import { LOCALE_ENV } from './language.js';
import { systemdService } from '../upgrade/service.js';
import { UpgradeError } from '../upgrade/upgrade-error.js';
import { upgradeBox } from '../upgrade/upgrade.js';
import { configFrom, DATA_FLAGS, parseCommandArgs, UsageError, usageText, type Command } from './command.js';

/** A systemd unit name, as systemctl takes it (no options, no paths). */
const SERVICE_NAME = /^[A-Za-z0-9:_.@-]+$/;

export const upgradeCommand: Command = {
  name: 'upgrade',
  usage: (words) => usageText(words, 'cli.usage.upgrade'),
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, { ...DATA_FLAGS, service: { type: 'string' } }, true);
    const { t } = io.words;
    if (values.help) {
      io.out(this.usage(io.words));
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError(msg('cli.upgrade.nameOne'));
    if (values.service !== undefined && !SERVICE_NAME.test(values.service))
      throw new UsageError(msg('cli.upgrade.badService', { service: values.service }));
    const config = configFrom(values, io.env);
    // The releases' own commands (backup, migrate, restore) speak the language asked for here too.
    const asked = io.words.explicit;
    const env = asked ? { ...io.env, [LOCALE_ENV]: asked } : io.env;
    try {
      const result = await upgradeBox({
        config,
        release: positionals[0]!,
        service: values.service === undefined ? null : systemdService(values.service, io.env),
        env,
        log: (line) => io.err(t(line)),
      });
      io.out(
        result.alreadyCurrent
          ? t('cli.upgrade.alreadyInstalled', { version: result.to.version })
          : t('cli.upgrade.upgraded', { from: result.from.version, to: result.to.version }),
      );
      return 0;
    } catch (error) {
      if (error instanceof UpgradeError) {
        io.err(error.words(t));
        return 1;
      }
      throw error;
    }
  },
};
