import type { Config } from '../config.js';
import type { OpenDatabase } from '../db/open.js';
import type { Job } from '../jobs/scheduler.js';
import { msg } from '../lib/messages.js';
import { createBackup } from './backup.js';

/** The nightly backup, at 03:17 box time (off the hour, away from other jobs). */
export function nightlyBackupJob(database: OpenDatabase, config: Config, version: string): Job {
  return {
    name: 'nightly-backup',
    cron: '17 3 * * *',
    async run(_db, now) {
      const result = await createBackup(database, config.dataDir, { now, version, kind: 'nightly' });
      return msg('backup.job.done', {
        file: result.file,
        rows: result.rows,
        copiedTo: result.copiedTo.length > 0 ? result.copiedTo.join(', ') : 'none',
        pruned: result.pruned.length,
      });
    },
  };
}
