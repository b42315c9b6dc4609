import type { Config } from '../config.js';
import type { OpenDatabase } from '../db/open.js';
import type { Job } from '../jobs/scheduler.js';
import { createBackup } from './backup.js';

/** The nightly backup, at 03:17 box time (off the hour, away from other jobs). */
export function nightlyBackupJob(database: OpenDatabase, config: Config, version: string): Job {
  return {
    name: 'nightly-backup',
    cron: '17 3 * * *',
    async run(_db, now) {
      const result = await createBackup(database, config.dataDir, { now, version });
      const copies = result.copiedTo.length > 0 ? `, copied to ${result.copiedTo.join(', ')}` : '';
      return `wrote ${result.file} (${result.rows} rows)${copies}${result.pruned.length > 0 ? `, pruned ${result.pruned.length}` : ''}`;
    },
  };
}
