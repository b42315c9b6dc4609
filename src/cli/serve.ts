import { createApp } from '../app.js';
import type { Config } from '../config.js';
import { ensureSetupCode } from '../community/setup-code.js';
import { migrateToLatest } from '../db/migrate.js';
import { openDatabase, type OpenDatabase } from '../db/open.js';
import { createScheduler } from '../jobs/scheduler.js';
import { claimServerLock, runningServerPid } from '../backup/server-lock.js';
import { nightlyBackupJob } from '../backup/backup.job.js';
import { listingJobs } from '../listings/listings.jobs.js';
import { expiredArchivesJob } from '../your-data/your-data.jobs.js';
import { setUpHttps } from '../https/https.js';
import { loadOrCreateIdentity } from '../../sync/identity.js';
import { SyncService } from '../../sync/service.js';
import { syncPort } from '../federation/sync-port.js';
import { type Message, msg } from '../lib/messages.js';
import { type CliIO, configFrom, DATA_FLAGS, P2P_FLAGS, parseCommandArgs, usageText, type Command } from './command.js';

export const serveCommand: Command = {
  name: 'serve',
  usage: (words) => usageText(words, 'cli.usage.serve'),
  async run(argv, io) {
    const { values } = parseCommandArgs(argv, { ...DATA_FLAGS, ...P2P_FLAGS });
    if (values.help) {
      io.out(this.usage(io.words));
      return 0;
    }
    const config = configFrom(values, io.env);
    const { t } = io.words;
    const other = runningServerPid(config.dataDir);
    if (other !== null) {
      io.err(t('cli.serve.alreadyRunning', { pid: String(other), dataDir: config.dataDir }));
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
      io.err(t(error.reason));
      return 1;
    }
    // Serving HTTPS, the box is opened there: its plain address only sends browsers on (and answers monitors).
    const open = box.httpsUrl ?? box.url;
    io.out(t('cli.serve.serving', { version: box.version, url: open, dataDir: config.dataDir }));
    if (box.httpsUrl) io.out(t('cli.serve.plainRedirects', { url: box.url }));
    if (box.setupCode) io.out(t('cli.serve.setupCode', { url: `${open}/setup`, code: box.setupCode }));
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    io.out(t('cli.serve.stopping'));
    await box.stop();
    releaseLock();
    return 0;
  },
};

/** The sibling boxes' listen address could not be bound: the message says what to do. */
class PeerListenError extends Error {
  override name = 'PeerListenError';
  constructor(readonly reason: Message) {
    super(reason.key);
  }
}

/** What `serve` started, stopped in the reverse order (the database, which it was given open, last). */
interface RunningBox {
  url: string;
  /** The HTTPS address, when the box had a certificate for its name as it started. */
  httpsUrl: string | null;
  setupCode: string | null;
  version: string;
  stop(): Promise<void>;
}

/**
 * Brings the database up to date, then starts the web app, the sync service and the scheduler. If any step fails it
 * stops what had started and closes the database before rethrowing, so the caller only has its lock to release.
 */
async function startBox(config: Config, database: OpenDatabase, io: CliIO): Promise<RunningBox> {
  const stops: (() => Promise<void>)[] = [async () => database.close()];
  const stopAll = async () => {
    for (const stop of [...stops].reverse()) await stop();
  };
  try {
    await migrateToLatest(database.db, io.out);
    await io.words.adoptCommunityDefault(database.db);
    const setupCode = await ensureSetupCode(database.db);
    const now = () => new Date();
    const sync =
      config.p2pListen.length > 0
        ? new SyncService(
            { box: syncPort(database.db), identity: await loadOrCreateIdentity(config.dataDir), now, log: io.out },
            { listen: [...config.p2pListen], mdns: config.p2pMdns },
          )
        : null;
    const https = setUpHttps(config, io.out);
    const app = await createApp(config, database, { log: io.out, now, federation: sync, https: https?.serving });
    const url = await app.start();
    stops.push(() => app.stop());
    try {
      await sync?.start();
    } catch (error) {
      const addresses = config.p2pListen.join(', ');
      throw new PeerListenError(msg('cli.serve.peerListen', { addresses, reason: (error as Error).message }));
    }
    if (sync) stops.push(() => sync.stop());
    // Every job the box runs: each feature contributes its own (src/jobs/ is plumbing and knows none of them).
    const scheduler = createScheduler({ db: database.db, now: app.deps.now, log: io.out, words: io.words.t }, [
      ...listingJobs,
      expiredArchivesJob(config.dataDir),
      nightlyBackupJob(database, config, app.deps.version),
      ...(https ? [https.job] : []),
    ]);
    scheduler.start();
    stops.push(() => scheduler.stop());
    // A box with a name and no certificate for it (or one near its end) asks for one now, not at the job's next time.
    https?.keeper.renewIfDue(now()).then(
      (done) => done && io.out(io.words.t(msg('cli.serve.https', { what: io.words.t(done) }))),
      (error: Error) => io.out(io.words.t(msg('cli.serve.httpsFailed', { reason: error.message }))),
    );
    void scheduler.runMissed(); // catch up on what fell due while the box was off
    return { url, httpsUrl: https?.serving.url() ?? null, setupCode, version: app.deps.version, stop: stopAll };
  } catch (error) {
    // Unwinding: each part is stopped even if another fails to, and no such failure hides the error that made us stop.
    for (const stop of [...stops].reverse()) await stop().catch(() => {});
    throw error;
  }
}
