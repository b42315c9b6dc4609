import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';
import { checkBackupFile } from '../backup/restore.js';
import { runningServerPid } from '../backup/server-lock.js';
import { dataOwner, runReleaseCommand, type CommandRun } from './release-commands.js';
import { installDirOf, linkedRelease, pointLink, readRelease, UpgradeError, type Release } from './releases.js';
import { waitForServerToExit, waitUntilServing, type ServiceControl } from './service.js';

export interface UpgradeOptions {
  readonly config: Config;
  /** The folder of the release to switch to, in `<install>/releases/`. */
  readonly release: string;
  /** The service to stop before and start after; null when the server is not run by a service (or not running). */
  readonly service: ServiceControl | null;
  /** The environment the releases' own commands run with. */
  readonly env: NodeJS.ProcessEnv;
  readonly log: (line: string) => void;
  /** How long a started service may take to answer /healthz (a Pi loading the app is slow). */
  readonly startTimeoutMs?: number;
}

export interface UpgradeResult {
  readonly from: Release;
  readonly to: Release;
  /** The backup taken before the switch; null when the box had no database yet. */
  readonly backup: string | null;
  /** True when the release was already the current one: nothing was done. */
  readonly alreadyCurrent: boolean;
}

const START_TIMEOUT_MS = 120_000;

/** A step that failed, named for the message ("while migrating the database"). */
class StepFailure extends Error {
  constructor(
    readonly step: string,
    cause: string,
  ) {
    super(cause);
  }
}

/**
 * Switches the box to another installed release: stops the service (if it is
 * given and running), takes and verifies a backup, points `current` at the new
 * release, runs its migrations, and starts the service again, waiting until it
 * answers as the new version. If any step after the backup fails, the previous
 * release and the backed-up database are put back (and the service started
 * again), and an UpgradeError says what happened and what to do.
 */
export async function upgradeBox(options: UpgradeOptions): Promise<UpgradeResult> {
  const { config, service, log } = options;
  const to = readRelease(options.release);
  const installDir = installDirOf(to);
  const installed = linkedRelease(installDir, 'current');
  if (!installed)
    throw new UpgradeError(
      `There is no installed version at ${path.join(installDir, 'current')}, so there is nothing to upgrade. provisioning/provision.sh installs the first version.`,
    );
  const from: Release = installed;
  if (from.dir === to.dir) {
    log(`Marketcross ${to.version} (${to.id}) is already the installed version: nothing to do.`);
    return { from, to, backup: null, alreadyCurrent: true };
  }
  try {
    fs.accessSync(installDir, fs.constants.W_OK);
  } catch {
    throw new UpgradeError(
      `The upgrade changes ${installDir}, which this user may not: run it as root (sudo). Nothing was changed.`,
    );
  }

  const dataFlags = ['--data-dir', config.dataDir];
  const run = (release: Release, args: string[]) =>
    runReleaseCommand(release, [...args, ...dataFlags], { env: options.env, runAs: dataOwner(config.dataDir), log });
  const healthUrl = healthUrlOf(config);
  const startTimeoutMs = options.startTimeoutMs ?? START_TIMEOUT_MS;
  log(`Upgrading Marketcross ${from.version} (${from.id}) to ${to.version} (${to.id}).`);

  // 1. Nothing may write to the database while it is backed up, switched and migrated.
  const wasRunning = service?.isActive() ?? false;
  if (service && wasRunning) {
    log(`Stopping the service ${service.name}…`);
    try {
      service.stop();
      await waitForServerToExit(config.dataDir);
    } catch (error) {
      throw new UpgradeError(
        `The upgrade did not start: the service ${service.name} could not be stopped (${(error as Error).message}). Nothing was changed. What to do: run "sudo systemctl status ${service.name}", then try again.`,
      );
    }
  }
  const pid = runningServerPid(config.dataDir);
  if (pid !== null) {
    throw new UpgradeError(
      `A Marketcross server (process ${pid}) is running on ${config.dataDir}, and the upgrade must not change the database under it. Nothing was changed. ` +
        `Stop it first (on a box: sudo systemctl stop marketcross), or let the upgrade stop and start the service itself: --service marketcross.`,
    );
  }
  const restartPrevious = async (): Promise<string> => {
    if (!service || !wasRunning) return '';
    try {
      service.start();
      await waitUntilServing(healthUrl, from.version, service, startTimeoutMs);
      return ', and its service is running again';
    } catch (error) {
      return `, but its service did not start again (${(error as Error).message}); start it with: sudo systemctl start ${service.name}`;
    }
  };

  // 2. A verified backup, by the version that wrote the database.
  const hasDatabase = fs.existsSync(config.databaseFile);
  let backup: string | null = null;
  if (hasDatabase) {
    log('Taking a backup of the database, key and settings…');
    try {
      backup = await takeBackup(from, run);
    } catch (error) {
      const serviceNote = await restartPrevious();
      throw new UpgradeError(
        `The upgrade did not start: taking the backup failed: ${(error as Error).message}\n` +
          `Nothing was changed: the box is still on Marketcross ${from.version}${serviceNote}.\n` +
          `What to do: "sudo marketcross doctor" shows what is wrong (often a full disk); fix it, then run the upgrade again.`,
      );
    }
    log(`Backup taken and checked: ${backup}`);
  } else {
    log(`There is no database in ${config.dataDir} yet: nothing to back up or migrate.`);
  }

  // 3. Switch, migrate, start. From here on a failure puts everything back.
  try {
    await step('switching to the new version', async () => pointLink(installDir, 'current', to));
    if (hasDatabase) {
      log(`Migrating the database with Marketcross ${to.version}…`);
      await step('migrating the database', async () => mustSucceed(await run(to, ['migrate'])));
    }
    if (service && wasRunning) {
      log(`Starting the service ${service.name} with Marketcross ${to.version}…`);
      await step('starting the new version', async () => {
        service.start();
        await waitUntilServing(healthUrl, to.version, service, startTimeoutMs);
      });
    }
  } catch (error) {
    const failure = error instanceof StepFailure ? error : new StepFailure('upgrading', (error as Error).message);
    log(`The upgrade failed while ${failure.step}; putting Marketcross ${from.version} back…`);
    throw new UpgradeError(await rollBack(failure));
  }
  pointLink(installDir, 'previous', from);
  log(
    `Upgraded to Marketcross ${to.version} (${to.id}). The previous version stays in ${from.dir}${backup ? `; the backup taken before is ${backup}` : ''}.`,
  );
  return { from, to, backup, alreadyCurrent: false };

  /** Puts the previous release and the backed-up database back; returns the message for the operator. */
  async function rollBack(failure: StepFailure): Promise<string> {
    const problems: string[] = [];
    const attempt = async (what: string, work: () => Promise<unknown>) => {
      try {
        await work();
      } catch (error) {
        problems.push(`${what} failed (${(error as Error).message})`);
      }
    };
    if (service && wasRunning) {
      await attempt('stopping the new version', async () => {
        service.stop();
        await waitForServerToExit(config.dataDir);
      });
    }
    await attempt('switching back to the previous version', async () => pointLink(installDir, 'current', from));
    if (backup) {
      const file = backup;
      await attempt('restoring the database from the backup', async () =>
        mustSucceed(await run(from, ['restore', file])),
      );
    }
    const serviceNote = problems.length === 0 ? await restartPrevious() : '';
    const head = `The upgrade to Marketcross ${to.version} failed while ${failure.step}:\n  ${failure.message.trim().split('\n').join('\n  ')}\n`;
    if (problems.length === 0) {
      return (
        head +
        `The box is back on Marketcross ${from.version} (${from.id})${backup ? `, with its database restored from the backup taken just before (${backup})` : ''}${serviceNote}.\n` +
        `What to do: nothing is lost, and the box works as before. Keep the message above and give it to whoever provides your Marketcross updates; upgrade again when there is a fixed version. "sudo marketcross doctor" checks the box.`
      );
    }
    const name = service?.name ?? 'marketcross';
    return (
      head +
      `Putting the previous version back did not fully work: ${problems.join('; ')}.\n` +
      `What to do, on the box, one line at a time:\n` +
      `  sudo systemctl stop ${name}\n` +
      `  sudo ln -sfn ${path.relative(installDir, from.dir)} ${path.join(installDir, 'current')}\n` +
      (backup ? `  sudo marketcross restore ${backup}\n` : '') +
      `  sudo systemctl start ${name}\n` +
      `  sudo marketcross doctor`
    );
  }
}

async function takeBackup(
  release: Release,
  run: (release: Release, args: string[]) => Promise<CommandRun>,
): Promise<string> {
  const made = mustSucceed(await run(release, ['backup']));
  // `marketcross backup` prints the backup's path alone on standard output (its messages go to standard error).
  const file = made.out.trim().split('\n').at(-1) ?? '';
  if (!file) throw new Error('the backup command did not say where it wrote the backup');
  checkBackupFile(file);
  return file;
}

function mustSucceed(run: CommandRun): CommandRun {
  if (run.code !== 0) throw new Error(lastLines(run.err || run.out) || `exit code ${run.code}`);
  return run;
}

async function step(name: string, work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    throw new StepFailure(name, (error as Error).message);
  }
}

/** A child's message is its last few lines; the rest (progress) was already logged as it came. */
function lastLines(text: string, count = 4): string {
  return text.trim().split('\n').slice(-count).join('\n');
}

/** Where the box answers on itself: a box listening on every address answers on loopback. */
function healthUrlOf(config: Config): string {
  const host =
    config.host === '0.0.0.0' || config.host === '::'
      ? '127.0.0.1'
      : config.host.includes(':') && !config.host.startsWith('[')
        ? `[${config.host}]`
        : config.host;
  return `http://${host}:${config.port}/healthz`;
}
