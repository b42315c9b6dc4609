import type { Generated } from 'kysely';

/**
 * The scheduler’s tables, by name (composed into `Database` in src/db/database.ts): the jobs the running server has
 * scheduled, and each of their runs.
 */
export interface JobsTables {
  scheduled_jobs: ScheduledJobsTable;
  job_runs: JobRunsTable;
}

/** Each job the running server has scheduled, and when it runs next (see src/jobs/scheduler.ts). */
interface ScheduledJobsTable {
  name: string;
  cron: string;
  next_run_at: string | null;
}

/**
 * One run of a scheduled job: finished_at is null while it runs (or when it was cut short). Its result is a message
 * (message_key, and message_values as JSON; see src/lib/stored-message.ts), null when the job had nothing to say; the
 * column `message`, where results were once written in English, is no longer read or written.
 */
interface JobRunsTable {
  id: Generated<number>;
  job: string;
  started_at: string;
  finished_at: string | null;
  outcome: 'running' | 'ok' | 'failed';
  message_key: string | null;
  message_values: string | null;
}
