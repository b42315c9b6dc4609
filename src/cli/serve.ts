import { createApp } from '../app.js';
import type { Config } from '../config.js';
import { ensureSetupCode } from '../community/setup-code.js';
import { migrateToLatest } from '../db/migrate.js';
import { openDatabase, type OpenDatabase } from '../db/open.js';
import { createScheduler } from '../jobs/scheduler.js';
import { claimServerLock, runningServerPid } from '../backup/server-lock.js';
import { nightlyBackupJob } from '../backup/backup.job.js';
import { listingJobs } from '../listings/listings.jobs.js';
import { loadOrCreateIdentity } from '../../sync/identity.js';
import { SyncService } from '../../sync/service.js';
import { syncPort } from '../federation/sync-port.js';
import {
  configFrom,
  DATA_FLAGS,
  DATA_FLAGS_HELP,
  P2P_FLAGS,
  P2P_FLAGS_HELP,
  parseCommandArgs,
  type Command,
  type CommandIO,
} from './command.js';

export const serveCommand: Command = {
  name: 'serve',
  usage: `Usage: marketcross serve [options]

Runs the web app until stopped (Ctrl-C or SIGTERM). Brings the database up to
date first. Until the community has a steward, prints a one-time setup code for
the /setup page.

Sibling boxes (neighbouring towns) reach this one on the peer listen address;
"marketcross peers" manages the list of siblings.

Options:
${DATA_FLAGS_HELP}
${P2P_FLAGS_HELP}`,
  async run(argv, io) {
    const { values } = parseCommandArgs(argv, { ...DATA_FLAGS, ...P2P_FLAGS });
    if (values.help) {
      io.out(this.usage);
      return 0;
    }
    const config = configFrom(values, io.env);
    const other = runningServerPid(config.dataDir);
    if (other !== null) {
      io.err(`A Marketcross server (process ${other}) is already running on ${config.dataDir}.`);
      return 1;
    }
    const database = openDatabase(config.databaseFile);
    const releaseLock = claimServerLock(config.dataDir);
    let box: RunningBox;
    try {
      box = await startBox(config, database, io);
    } catch (error) {
      // Whatever failed (a migration, a busy port, the peer address), the lock must go with the process: a lock left
      // behind by a server that never served would make restore refuse until the steward found and deleted it.
      releaseLock();
      if (!(error instanceof PeerListenError)) throw error;
      io.err(error.message);
      return 1;
    }
    io.out(`Marketcross ${box.version} is serving ${box.url} (data in ${config.dataDir})`);
    if (box.setupCode)
      io.out(`This box has no steward yet. Open ${box.url}/setup and enter the setup code: ${box.setupCode}`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    io.out('Stopping…');
    await box.stop();
    releaseLock();
    return 0;
  },
};

/** The sibling boxes' listen address could not be bound: the message says what to do. */
class PeerListenError extends Error {
  override name = 'PeerListenError';
}

/** What `serve` started, stopped in the reverse order (the database, which it was given open, last). */
interface RunningBox {
  url: string;
  setupCode: string | null;
  version: string;
  stop(): Promise<void>;
}

/**
 * Brings the database up to date, then starts the web app, the sync service and the scheduler. If any step fails it
 * stops what had started and closes the database before rethrowing, so the caller only has its lock to release.
 */
async function startBox(config: Config, database: OpenDatabase, io: CommandIO): Promise<RunningBox> {
  const stops: (() => Promise<void>)[] = [async () => database.close()];
  const stopAll = async () => {
    for (const stop of [...stops].reverse()) await stop();
  };
  try {
    await migrateToLatest(database.db, io.out);
    const setupCode = await ensureSetupCode(database.db);
    const now = () => new Date();
    const sync =
      config.p2pListen.length > 0
        ? new SyncService(
            { box: syncPort(database.db), identity: await loadOrCreateIdentity(config.dataDir), now, log: io.out },
            { listen: [...config.p2pListen], mdns: config.p2pMdns },
          )
        : null;
    const app = await createApp(config, database, { log: io.out, now, federation: sync });
    const url = await app.start();
    stops.push(() => app.stop());
    try {
      await sync?.start();
    } catch (error) {
      throw new PeerListenError(
        `The box could not listen for sibling boxes on ${config.p2pListen.join(', ')}: ${(error as Error).message}. Choose another address with --p2p-listen, or run alone with --no-p2p.`,
      );
    }
    if (sync) stops.push(() => sync.stop());
    // Every job the box runs: each feature contributes its own (src/jobs/ is plumbing and knows none of them).
    const scheduler = createScheduler({ db: database.db, now: app.deps.now, log: io.out }, [
      ...listingJobs,
      nightlyBackupJob(database, config, app.deps.version),
    ]);
    scheduler.start();
    stops.push(() => scheduler.stop());
    void scheduler.runMissed(); // catch up on what fell due while the box was off
    return { url, setupCode, version: app.deps.version, stop: stopAll };
  } catch (error) {
    // Unwinding: each part is stopped even if another fails to, and no such failure hides the error that made us stop.
    for (const stop of [...stops].reverse()) await stop().catch(() => {});
    throw error;
  }
}
