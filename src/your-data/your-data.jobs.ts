import type { Job } from '../jobs/scheduler.js';
import { msg } from '../lib/messages.js';
import { deleteExpiredArchives } from './data-exports.js';

/** Members' archives are kept a day: each hour, those past it are deleted, file and row. */
export function expiredArchivesJob(dataDir: string): Job {
  return {
    name: 'your-data-delete-expired-archives',
    cron: '29 * * * *',
    async run(db, now) {
      const deleted = await deleteExpiredArchives(db, dataDir, now);
      return deleted > 0 ? msg('yourData.jobs.deleted', { count: deleted }) : null;
    },
  };
}
