import type { Catalogue } from '../../i18n/catalogue.js';

/** What `marketcross upgrade` tells a steward: its progress, and when a step fails, what happened and what to do. */
export const en = {
  output: '  {line}',
  starting: 'Upgrading Marketcross {from} ({fromId}) to {to} ({toId}).',
  alreadyInstalled: 'Marketcross {version} ({id}) is already the installed version: nothing to do.',
  nothingInstalled:
    'There is no installed version at {link}, so there is nothing to upgrade. provisioning/provision.sh installs ' +
    'the first version.',
  notRoot: 'The upgrade changes {dir}, which this user may not: run it as root (sudo). Nothing was changed.',
  stopping: 'Stopping the service {name}…',
  couldNotStop:
    'The upgrade did not start: the service {name} could not be stopped ({cause}). Nothing was changed. What to ' +
    'do: run "sudo systemctl status {name}", then try again.',
  serverRunning:
    'A Marketcross server (process {pid}) is running on {dataDir}, and the upgrade must not change the database ' +
    'under it. Nothing was changed. Stop it first (on a box: sudo systemctl stop marketcross), or let the upgrade ' +
    'stop and start the service itself: --service marketcross.',
  noDatabase: 'There is no database in {dataDir} yet: nothing to back up or migrate.',
  takingBackup: 'Taking a backup of the database, key and settings…',
  backupFailed: 'The upgrade did not start: taking the backup failed: {cause}',
  backupFailedNothingChanged: 'Nothing was changed: the box is still on Marketcross {version}{serviceNote}.',
  backupFailedWhatToDo:
    'What to do: "sudo marketcross doctor" shows what is wrong (often a full disk); fix it, then run the upgrade ' +
    'again.',
  backupTaken: 'Backup taken and checked: {file}',
  backupSaidNothing: 'the backup command did not say where it wrote the backup',
  migrating: 'Migrating the database with Marketcross {version}…',
  startingService: 'Starting the service {name} with Marketcross {version}…',
  rollingBack:
    'The upgrade failed while {step, select, switching {switching to the new version} migrating {migrating the ' +
    'database} starting {starting the new version} other {upgrading}}; putting Marketcross {version} back…',
  done: 'Upgraded to Marketcross {version} ({id}). The previous version stays in {previous}{withBackup, select, yes {; the backup taken before is {backup}} other {}}.',
  failedWhile:
    'The upgrade to Marketcross {version} failed while {step, select, switching {switching to the new version} ' +
    'migrating {migrating the database} starting {starting the new version} other {upgrading}}:',
  backOnPrevious:
    'The box is back on Marketcross {version} ({id}){withBackup, select, yes {, with its database restored from ' +
    'the backup taken just before ({backup})} other {}}{serviceNote}.',
  backOnPreviousWhatToDo:
    'What to do: nothing is lost, and the box works as before. Keep the message above and give it to whoever ' +
    'provides your Marketcross updates; upgrade again when there is a fixed version. "sudo marketcross doctor" ' +
    'checks the box.',
  serviceRunningAgain: ', and its service is running again',
  serviceNotRestarted: ', but its service did not start again ({reason}); start it with: sudo systemctl start {name}',
  undoFailed:
    '{what, select, stopping {stopping the new version} switching {switching back to the previous version} other ' +
    '{restoring the database from the backup}} failed ({reason})',
  undoIncomplete: 'Putting the previous version back did not fully work: {problems}.',
  byHand:
    'What to do, on the box, one line at a time:\n  sudo systemctl stop {name}\n  sudo ln -sfn {target} ' +
    '{link}\n{withBackup, select, yes {  sudo marketcross restore {backup}\n} other {}}  sudo systemctl start ' +
    '{name}\n  sudo marketcross doctor',
  exitCode: 'exit code {code}',
  incomplete:
    '{dir} is not a complete Marketcross release (it has no {missing}). provisioning/provision.sh prepares ' +
    'releases; run it from the new version.',
  packageUnreadable: '{dir}/package.json cannot be read: {reason}.',
  noVersion: '{dir}/package.json has no version.',
  outsideReleases:
    '{dir} is not in the releases folder of an installed box (such as /opt/marketcross/releases/). ' +
    'provisioning/provision.sh puts new versions there.',
  systemctlMissing: 'systemctl could not be run ({reason})',
  systemctlFailed: '"systemctl {verb} {name}" failed: {silent, select, yes {exit code {code}} other {{said}}}',
  stillRunning: 'the server (process {pid}) is still running {seconds} seconds after it was told to stop',
  serviceStopped: 'the service {name} stopped instead of serving (sudo journalctl -u {name} -n 50 shows why)',
  notServing:
    'the box did not answer {url} as version {version} within {seconds} seconds ({last, select, answered {it ' +
    'answered {status}} answeredAs {it answered {status} as version {answeredAs}} error {{reason}} other {no ' +
    'answer yet}})',
} as const satisfies Catalogue;
