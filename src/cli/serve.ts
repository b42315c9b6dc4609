import { createApp } from '../app.js';
import { ensureSetupCode } from '../community/setup-code.js';
import { migrateToLatest } from '../db/migrate.js';
import { openDatabase } from '../db/open.js';
import { allJobs } from '../jobs/jobs.js';
import { createScheduler } from '../jobs/scheduler.js';
import { claimServerLock, runningServerPid } from '../backup/server-lock.js';
import { nightlyBackupJob } from '../backup/backup.job.js';
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
    try {
      await sync?.start();
    } catch (error) {
      io.err(
        `The box could not listen for sibling boxes on ${config.p2pListen.join(', ')}: ${(error as Error).message}. Choose another address with --p2p-listen, or run alone with --no-p2p.`,
      );
      await app.stop();
      await database.close();
      releaseLock();
      return 1;
    }
    const scheduler = createScheduler({ db: database.db, now: app.deps.now, log: io.out }, [
      ...allJobs,
      nightlyBackupJob(database, config, app.deps.version),
    ]);
    scheduler.start();
    void scheduler.runMissed(); // catch up on what fell due while the box was off
    io.out(`Marketcross ${app.deps.version} is serving ${url} (data in ${config.dataDir})`);
    if (setupCode) io.out(`This box has no steward yet. Open ${url}/setup and enter the setup code: ${setupCode}`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    io.out('Stopping…');
    await scheduler.stop();
    await sync?.stop();
    await app.stop();
    await database.close();
    releaseLock();
    return 0;
  },
};
