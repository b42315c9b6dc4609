import type { DB } from '../db/database.js';
import { readStoredMessage, storeMessage } from '../lib/stored-message.js';
import { msg, type Message } from '../lib/messages.js';
import type { JobRun, JobRunOutcome, ScheduledJobStatus } from './job-runs.js';

/** A run's history is for spotting trouble, not an archive: this many of each job's latest runs are kept. */
const RUNS_KEPT_PER_JOB = 50;

/**
 * What the scheduler has scheduled now: these jobs and no others (a job dropped from the code must not look overdue
 * forever).
 */
export async function replaceScheduledJobs(
  db: DB,
  jobs: readonly { name: string; cron: string; nextRunAt: Date | null }[],
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('scheduled_jobs').execute();
    for (const job of jobs) {
      await trx
        .insertInto('scheduled_jobs')
        .values({ name: job.name, cron: job.cron, next_run_at: job.nextRunAt?.toISOString() ?? null })
        .execute();
    }
  });
}

export async function updateNextRun(db: DB, name: string, nextRunAt: Date | null): Promise<void> {
  await db
    .updateTable('scheduled_jobs')
    .set({ next_run_at: nextRunAt?.toISOString() ?? null })
    .where('name', '=', name)
    .execute();
}

/**
 * Runs still marked as running when a server starts were cut short: only the
 * server runs jobs, and only one server runs on a data directory at a time.
 */
export async function markInterruptedRuns(db: DB, now: Date): Promise<number> {
  const result = await db
    .updateTable('job_runs')
    .set({ outcome: 'failed', finished_at: now.toISOString(), ...messageColumns(msg('jobs.cutShort')) })
    .where('outcome', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function insertJobRun(db: DB, job: string, startedAt: Date): Promise<number> {
  const row = await db
    .insertInto('job_runs')
    .values({ job, started_at: startedAt.toISOString(), outcome: 'running' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function finishJobRun(
  db: DB,
  id: number,
  run: { finishedAt: Date; outcome: Exclude<JobRunOutcome, 'running'>; message: Message | null },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { job } = await trx
      .updateTable('job_runs')
      .set({ finished_at: run.finishedAt.toISOString(), outcome: run.outcome, ...messageColumns(run.message) })
      .where('id', '=', id)
      .returning('job')
      .executeTakeFirstOrThrow();
    const oldestKept = await trx
      .selectFrom('job_runs')
      .select('id')
      .where('job', '=', job)
      .orderBy('id', 'desc')
      .offset(RUNS_KEPT_PER_JOB - 1)
      .limit(1)
      .executeTakeFirst();
    if (oldestKept) await trx.deleteFrom('job_runs').where('job', '=', job).where('id', '<', oldestKept.id).execute();
  });
}

/** Each scheduled job with its latest run (by id: the order runs started in, whatever the clock said). */
export async function findScheduledJobStatuses(db: DB): Promise<ScheduledJobStatus[]> {
  const rows = await db
    .selectFrom('scheduled_jobs')
    .leftJoin('job_runs', (join) =>
      join.onRef('job_runs.job', '=', 'scheduled_jobs.name').on('job_runs.id', '=', (eb) =>
        eb
          .selectFrom('job_runs as latest')
          .select((l) => l.fn.max('latest.id').as('id'))
          .whereRef('latest.job', '=', 'scheduled_jobs.name'),
      ),
    )
    .select([
      'scheduled_jobs.name',
      'scheduled_jobs.cron',
      'scheduled_jobs.next_run_at',
      'job_runs.started_at',
      'job_runs.finished_at',
      'job_runs.outcome',
      'job_runs.message_key',
      'job_runs.message_values',
    ])
    .orderBy('scheduled_jobs.name')
    .execute();
  return rows.map((row) => ({
    name: row.name,
    cron: row.cron,
    nextRunAt: row.next_run_at ? new Date(row.next_run_at) : null,
    lastRun:
      row.started_at && row.outcome
        ? toJobRun({
            started_at: row.started_at,
            finished_at: row.finished_at,
            outcome: row.outcome,
            message_key: row.message_key,
            message_values: row.message_values,
          })
        : null,
  }));
}

function toJobRun(row: {
  started_at: string;
  finished_at: string | null;
  outcome: JobRunOutcome;
  message_key: string | null;
  message_values: string | null;
}): JobRun {
  return {
    startedAt: new Date(row.started_at),
    finishedAt: row.finished_at ? new Date(row.finished_at) : null,
    outcome: row.outcome,
    message: row.message_key ? readStoredMessage({ key: row.message_key, values: row.message_values }) : null,
  };
}

function messageColumns(message: Message | null): { message_key: string | null; message_values: string | null } {
  if (!message) return { message_key: null, message_values: null };
  const stored = storeMessage(message);
  return { message_key: stored.key, message_values: stored.values };
}
