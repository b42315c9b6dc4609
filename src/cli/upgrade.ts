import { UpgradeError } from '../upgrade/releases.js';
import { systemdService } from '../upgrade/service.js';
import { upgradeBox } from '../upgrade/upgrade.js';
import { configFrom, DATA_FLAGS, DATA_FLAGS_HELP, parseCommandArgs, UsageError, type Command } from './command.js';

/** A systemd unit name, as systemctl takes it (no options, no paths). */
const SERVICE_NAME = /^[A-Za-z0-9:_.@-]+$/;

export const upgradeCommand: Command = {
  name: 'upgrade',
  usage: `Usage: marketcross upgrade <release folder> [--service NAME] [options]

Switches the box to another installed version: a release folder in
/opt/marketcross/releases/, prepared by provisioning/provision.sh (which runs
this command when it is run again with a new version of Marketcross).

  1. takes a backup of the database, key and settings, and checks it;
  2. points /opt/marketcross/current at the new release;
  3. runs the new release's database migrations;
  4. with --service, starts the service again and waits until it answers.

If a step fails, it puts the previous version back, restores the database
from that backup, and exits 1 saying what happened and what to do.

It never changes the database under a running server. With --service NAME it
stops that systemd service first and starts it again at the end (the new
version, or the previous one after a failure); without it, it refuses while
a server runs: stop it first.

Run it as root: it changes /opt/marketcross and the service. The backup,
migrations and restore run as the owner of the data directory, so every file
they write stays the service's.

Options:
  --service NAME   the systemd service running the box (on a box: marketcross)
${DATA_FLAGS_HELP}
  (--host and --port say where the restarted service answers /healthz.)`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, { ...DATA_FLAGS, service: { type: 'string' } }, true);
    if (values.help) {
      io.out(this.usage);
      return 0;
    }
    if (positionals.length !== 1)
      throw new UsageError('Name one release folder to upgrade to, e.g. /opt/marketcross/releases/0.2.0-1a2b3c4d5e6f.');
    if (values.service !== undefined && !SERVICE_NAME.test(values.service))
      throw new UsageError(`--service takes a systemd service name such as marketcross, not "${values.service}".`);
    const config = configFrom(values, io.env);
    try {
      const result = await upgradeBox({
        config,
        release: positionals[0]!,
        service: values.service === undefined ? null : systemdService(values.service, io.env),
        env: io.env,
        log: io.err,
      });
      io.out(
        result.alreadyCurrent
          ? `Marketcross ${result.to.version} was already installed.`
          : `Upgraded from Marketcross ${result.from.version} to ${result.to.version}.`,
      );
      return 0;
    } catch (error) {
      if (error instanceof UpgradeError) {
        io.err(error.message);
        return 1;
      }
      throw error;
    }
  },
};
