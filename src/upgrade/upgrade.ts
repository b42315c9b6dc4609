import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';
import { checkBackupFile } from '../backup/restore.js';
import { runningServerPid } from '../backup/server-lock.js';
import { type Message, msg } from '../lib/messages.js';
import { dataOwner, runReleaseCommand, type CommandRun } from './release-commands.js';
import { installDirOf, linkedRelease, pointLink, readRelease, type Release } from './releases.js';
import { waitForServerToExit, waitUntilServing, type ServiceControl } from './service.js';
import { causeOf, StepError, UpgradeError, withNested, type Words } from './upgrade-error.js';

export interface UpgradeOptions {
  readonly config: Config;
  /** The folder of the release to switch to, in `<install>/releases/`. */
  readonly release: string;
  /** The service to stop before and start after; null when the server is not run by a service (or not running). */
  readonly service: ServiceControl | null;
  /** The environment the releases' own commands run with. */
  readonly env: NodeJS.ProcessEnv;
  /** Progress, as sentences of the catalogue (the releases' own commands' lines come as `upgrade.output`). */
  readonly log: (line: Message) => void;
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

/** The steps named in messages ("failed while migrating the database"). */
type Step = 'switching' | 'migrating' | 'starting' | 'upgrading';

/** A step that failed, and why. */
class StepFailure extends Error {
  constructor(
    readonly step: Step,
    readonly reason: Words,
  ) {
    super(step);
  }
}

/** One upgrade under way: what it switches between, and how it reaches the data, the service and the releases. */
interface Upgrade {
  readonly options: UpgradeOptions;
  readonly from: Release;
  readonly to: Release;
  readonly installDir: string;
  readonly wasRunning: boolean;
  readonly healthUrl: string;
  readonly startTimeoutMs: number;
  run(release: Release, args: string[]): Promise<CommandRun>;
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
  const { config, log } = options;
  const to = readRelease(options.release);
  const installDir = installDirOf(to);
  const from = linkedRelease(installDir, 'current');
  if (!from) throw new UpgradeError(msg('upgrade.nothingInstalled', { link: path.join(installDir, 'current') }));
  if (from.dir === to.dir) {
    log(msg('upgrade.alreadyInstalled', { version: to.version, id: to.id }));
    return { from, to, backup: null, alreadyCurrent: true };
  }
  try {
    fs.accessSync(installDir, fs.constants.W_OK);
  } catch {
    throw new UpgradeError(msg('upgrade.notRoot', { dir: installDir }));
  }
  const upgrade: Upgrade = {
    options,
    from,
    to,
    installDir,
    wasRunning: options.service?.isActive() ?? false,
    healthUrl: healthUrlOf(config),
    startTimeoutMs: options.startTimeoutMs ?? START_TIMEOUT_MS,
    run: (release, args) =>
      runReleaseCommand(release, [...args, '--data-dir', config.dataDir], {
        env: options.env,
        runAs: dataOwner(config.dataDir),
        log: (line) => log(msg('upgrade.output', { line })),
      }),
  };
  log(msg('upgrade.starting', { from: from.version, fromId: from.id, to: to.version, toId: to.id }));

  // 1. Nothing may write to the database while it is backed up, switched and migrated.
  await stopServer(upgrade);
  // 2. A verified backup, by the version that wrote the database.
  const backup = await backUp(upgrade);
  // 3. Switch, migrate, start. From here on a failure puts everything back.
  try {
    await switchAndStart(upgrade, backup !== null);
  } catch (error) {
    const failure = error instanceof StepFailure ? error : new StepFailure('upgrading', causeOf(error));
    log(msg('upgrade.rollingBack', { step: failure.step, version: from.version }));
    throw await rollBack(upgrade, failure, backup);
  }
  pointLink(installDir, 'previous', from);
  log(msg('upgrade.done', { version: to.version, id: to.id, previous: from.dir, ...backupValues(backup) }));
  return { from, to, backup, alreadyCurrent: false };
}

/** Stops the service if it runs, and refuses if a server still holds the data directory. */
async function stopServer(upgrade: Upgrade): Promise<void> {
  const { service, config, log } = upgrade.options;
  if (service && upgrade.wasRunning) {
    log(msg('upgrade.stopping', { name: service.name }));
    try {
      service.stop();
      await waitForServerToExit(config.dataDir);
    } catch (error) {
      throw new UpgradeError(
        withNested(msg('upgrade.couldNotStop', { name: service.name }), { cause: causeOf(error) }),
      );
    }
  }
  const pid = runningServerPid(config.dataDir);
  if (pid !== null) throw new UpgradeError(msg('upgrade.serverRunning', { pid: String(pid), dataDir: config.dataDir }));
}

/** Takes and checks the backup with the installed release; null when there is no database yet. */
async function backUp(upgrade: Upgrade): Promise<string | null> {
  const { config, log } = upgrade.options;
  if (!fs.existsSync(config.databaseFile)) {
    log(msg('upgrade.noDatabase', { dataDir: config.dataDir }));
    return null;
  }
  log(msg('upgrade.takingBackup'));
  let backup: string;
  try {
    backup = await takeBackup(upgrade.from, upgrade.run);
  } catch (error) {
    const serviceNote = await restartPrevious(upgrade);
    throw new UpgradeError(
      withNested(msg('upgrade.backupFailed'), { cause: causeOf(error) }),
      withNested(msg('upgrade.backupFailedNothingChanged', { version: upgrade.from.version }), { serviceNote }),
      msg('upgrade.backupFailedWhatToDo'),
    );
  }
  log(msg('upgrade.backupTaken', { file: backup }));
  return backup;
}

async function switchAndStart(upgrade: Upgrade, hasDatabase: boolean): Promise<void> {
  const { service, log } = upgrade.options;
  const { to } = upgrade;
  await step('switching', async () => pointLink(upgrade.installDir, 'current', to));
  if (hasDatabase) {
    log(msg('upgrade.migrating', { version: to.version }));
    await step('migrating', async () => mustSucceed(await upgrade.run(to, ['migrate'])));
  }
  if (service && upgrade.wasRunning) {
    log(msg('upgrade.startingService', { name: service.name, version: to.version }));
    await step('starting', async () => {
      service.start();
      await waitUntilServing(upgrade.healthUrl, to.version, service, upgrade.startTimeoutMs);
    });
  }
}

/**
 * Starts the previous release's service again after a failure, if the upgrade stopped it; says how that went, as the
 * end of the sentence that reports it (nothing when there was no service to start).
 */
async function restartPrevious(upgrade: Upgrade): Promise<Words> {
  const { service } = upgrade.options;
  if (!service || !upgrade.wasRunning) return '';
  try {
    service.start();
    await waitUntilServing(upgrade.healthUrl, upgrade.from.version, service, upgrade.startTimeoutMs);
    return msg('upgrade.serviceRunningAgain');
  } catch (error) {
    return withNested(msg('upgrade.serviceNotRestarted', { name: service.name }), { reason: causeOf(error) });
  }
}

/** Puts the previous release and the backed-up database back; returns the error that tells the operator. */
async function rollBack(upgrade: Upgrade, failure: StepFailure, backup: string | null): Promise<UpgradeError> {
  const { service, config } = upgrade.options;
  const { from, to, installDir } = upgrade;
  const problems: Words[] = [];
  const attempt = async (what: string, work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (error) {
      problems.push(withNested(msg('upgrade.undoFailed', { what }), { reason: causeOf(error) }));
    }
  };
  if (service && upgrade.wasRunning) {
    await attempt('stopping', async () => {
      service.stop();
      await waitForServerToExit(config.dataDir);
    });
  }
  await attempt('switching', async () => pointLink(installDir, 'current', from));
  if (backup) {
    await attempt('restoring', async () => mustSucceed(await upgrade.run(from, ['restore', backup])));
  }
  const head = [
    msg('upgrade.failedWhile', { version: to.version, step: failure.step }),
    { indented: failure.reason },
  ] as const;
  if (problems.length === 0) {
    const serviceNote = await restartPrevious(upgrade);
    const back = msg('upgrade.backOnPrevious', { version: from.version, id: from.id, ...backupValues(backup) });
    return new UpgradeError(...head, withNested(back, { serviceNote }), msg('upgrade.backOnPreviousWhatToDo'));
  }
  const name = service?.name ?? 'marketcross';
  return new UpgradeError(
    ...head,
    withNested(msg('upgrade.undoIncomplete'), { problems }),
    msg('upgrade.byHand', {
      name,
      target: path.relative(installDir, from.dir),
      link: path.join(installDir, 'current'),
      ...backupValues(backup),
    }),
  );
}

async function takeBackup(
  release: Release,
  run: (release: Release, args: string[]) => Promise<CommandRun>,
): Promise<string> {
  const made = mustSucceed(await run(release, ['backup']));
  // `marketcross backup` prints the backup's path alone on standard output (its messages go to standard error).
  const file = made.out.trim().split('\n').at(-1) ?? '';
  if (!file) throw new StepError(msg('upgrade.backupSaidNothing'));
  checkBackupFile(file);
  return file;
}

function mustSucceed(run: CommandRun): CommandRun {
  if (run.code === 0) return run;
  const said = lastLines(run.err || run.out);
  throw new StepError(said || msg('upgrade.exitCode', { code: String(run.code) }));
}

/** The values of a sentence that names the backup taken before, when there is one. */
function backupValues(backup: string | null): { withBackup: 'yes' | 'no'; backup: string } {
  return { withBackup: backup ? 'yes' : 'no', backup: backup ?? '' };
}

async function step(name: Step, work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    throw new StepFailure(name, causeOf(error));
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
