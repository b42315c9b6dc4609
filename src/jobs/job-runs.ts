import type { Message } from '../lib/messages.js';

/**
 * What counts as trouble with a scheduled job. The scheduler records each run
 * (job-runs.queries.ts); the health page and `marketcross doctor` ask this file
 * whether a job needs a steward's attention, and put it in words themselves.
 */

export type JobRunOutcome = 'running' | 'ok' | 'failed';

export interface JobRun {
  startedAt: Date;
  /** Null while it runs, or when the run was cut short and not yet marked so. */
  finishedAt: Date | null;
  outcome: JobRunOutcome;
  /** What the job said of its run when it went well, what went wrong when it failed; null when there was nothing. */
  message: Message | null;
}

export interface ScheduledJobStatus {
  name: string;
  cron: string;
  /** When the server's scheduler will run it next; in the past when that time came and went. */
  nextRunAt: Date | null;
  lastRun: JobRun | null;
}

export type JobProblem =
  /** Its time came and went without a run: the server was stopped, or hung. */
  | { kind: 'overdue'; dueAt: Date }
  | { kind: 'failed'; run: JobRun }
  /** Started long ago and never finished: the server hung in it, or died and has not started again. */
  | { kind: 'stuck'; run: JobRun };

/** A job starts at its time give or take the event loop; after this long without a run it did not happen. */
const OVERDUE_AFTER_MINUTES = 15;
/** The slowest job (a backup of a large database on a Pi) takes a minute or two; an hour is not slow, it is stuck. */
const STUCK_AFTER_MINUTES = 60;
/**
 * A run that started a little before its recorded time still counts as that time's run (timers fire early by
 * milliseconds).
 */
const EARLY_START_MS = 60_000;

/**
 * What needs attention about one job, or null when it runs as it should. A job that has not run yet, and is not due, is
 * fine.
 */
export function jobProblem(job: ScheduledJobStatus, now: Date): JobProblem | null {
  const last = job.lastRun;
  if (last?.outcome === 'running' && now.getTime() - last.startedAt.getTime() > STUCK_AFTER_MINUTES * 60_000)
    return { kind: 'stuck', run: last };
  const due = job.nextRunAt;
  const ranSinceDue = last !== null && due !== null && last.startedAt.getTime() >= due.getTime() - EARLY_START_MS;
  if (due && !ranSinceDue && now.getTime() - due.getTime() > OVERDUE_AFTER_MINUTES * 60_000)
    return { kind: 'overdue', dueAt: due };
  if (last?.outcome === 'failed') return { kind: 'failed', run: last };
  return null;
}
