import schedule from 'node-schedule';
import type { DB } from '../db/database.js';
import { isMessage, type Message, msg } from '../lib/messages.js';
import {
  findScheduledJobStatuses,
  finishJobRun,
  insertJobRun,
  markInterruptedRuns,
  replaceScheduledJobs,
  updateNextRun,
} from './job-runs.queries.js';

/** One piece of housekeeping: what it is called, when it runs (cron syntax), and what it does. */
export interface Job {
  readonly name: string;
  readonly cron: string;
  /**
   * Returns what it did, as a message of its feature's catalogue (logged, and shown on the health page in the
   * reader's language), or null when there was nothing to do.
   */
  run(db: DB, now: Date): Promise<Message | null>;
}

export interface SchedulerDeps {
  readonly db: DB;
  readonly now: () => Date;
  readonly log: (line: string) => void;
  /** The words of a job's result, for the log (the composition root knows the catalogues; this file knows none). */
  readonly words: (message: Message) => string;
}

export interface Scheduler {
  start(): void;
  /** Cancels future runs and waits for any run in progress. */
  stop(): Promise<void>;
  /**
   * At start: runs, once, each job that missed a time while no server ran
   * (the next time the last server recorded has passed), has never run, or
   * was cut short. A box that restarts often does not back up each time.
   * Resolves with their names.
   */
  runMissed(): Promise<string[]>;
  /** Runs every job once, now (in tests). */
  runAll(): Promise<void>;
}

/**
 * Runs jobs on `node-schedule`. Jobs only tidy up and remind: nothing a page
 * shows depends on a job having run (a listing's status is derived when it
 * is read), so a box that was switched off loses nothing but a reminder's
 * timeliness. A failing job is logged and tried again at its next time.
 *
 * Every run is recorded in the database (job-runs.queries.ts) with when it
 * started and finished and how it went, and each scheduled job with its next
 * time, so the stewards' health page and `marketcross doctor` can say which
 * job failed or did not run when it should have. Recording never stops a job:
 * if the database cannot take the record, that is logged and the job runs.
 */
export function createScheduler(deps: SchedulerDeps, jobs: readonly Job[]): Scheduler {
  const scheduled = new Map<string, schedule.Job>();
  const running = new Set<Promise<void>>();
  // Runs wait for the start-up records, so a run recorded at start is never mistaken for one cut short.
  let recorded: Promise<void> = Promise.resolve();
  let missed: readonly Job[] = [];
  const record = recorder(deps.log);

  const track = (work: Promise<void>): Promise<void> => {
    running.add(work);
    void work.finally(() => running.delete(work));
    return work;
  };
  // node-schedule hands back cron-parser's CronDate (typed as Date); a plain Date is what the queries store.
  const nextRunOf = (name: string): Date | null => {
    const next = scheduled.get(name)?.nextInvocation();
    return next ? new Date(next.getTime()) : null;
  };
  const runOne = (job: Job): Promise<void> =>
    track(
      (async () => {
        await recorded;
        await runAndRecord(deps, job, record);
        if (scheduled.has(job.name))
          await record(`the next time of ${job.name}`, () => updateNextRun(deps.db, job.name, nextRunOf(job.name)));
      })(),
    );

  return {
    start() {
      if (scheduled.size > 0) return;
      scheduleEach(jobs, scheduled, runOne);
      const written = record('the schedule', async () => {
        missed = await recordSchedule(deps, jobs, nextRunOf);
      });
      recorded = track(written.then(() => {}));
    },
    async stop() {
      for (const handle of scheduled.values()) handle.cancel();
      scheduled.clear();
      while (running.size > 0) await Promise.all([...running]);
    },
    async runMissed() {
      await recorded;
      const due = missed;
      missed = [];
      for (const job of due) await runOne(job);
      return due.map((job) => job.name);
    },
    async runAll() {
      for (const job of jobs) await runOne(job);
    },
  };
}

/** Writes a record, or logs why it could not: recording never stops a job. */
type RecordWrite = <T>(what: string, write: () => Promise<T>) => Promise<T | null>;

function recorder(log: (line: string) => void): RecordWrite {
  return async (what, write) => {
    try {
      return await write();
    } catch (error) {
      log(`jobs: could not record ${what}: ${(error as Error)?.message ?? String(error)}`);
      return null;
    }
  };
}

/** Schedules every job, or none: a job with an invalid schedule cancels the others and throws. */
function scheduleEach(jobs: readonly Job[], scheduled: Map<string, schedule.Job>, run: (job: Job) => void): void {
  for (const job of jobs) {
    const handle = schedule.scheduleJob(job.name, job.cron, () => void run(job));
    if (!handle) {
      for (const other of scheduled.values()) other.cancel();
      scheduled.clear();
      throw new Error(`The job ${job.name} has an invalid schedule: ${job.cron}`);
    }
    scheduled.set(job.name, handle);
  }
}

/**
 * At start: marks the runs the last server left unfinished as cut short, records the jobs now scheduled and their next
 * times, and returns the jobs that missed a time, never ran, or were cut short (read before anything is changed).
 */
async function recordSchedule(
  deps: SchedulerDeps,
  jobs: readonly Job[],
  nextRunOf: (name: string) => Date | null,
): Promise<Job[]> {
  const before = new Map((await findScheduledJobStatuses(deps.db)).map((status) => [status.name, status]));
  const now = deps.now();
  const missed = jobs.filter((job) => {
    const last = before.get(job.name);
    return !last?.lastRun || last.lastRun.outcome === 'running' || (last.nextRunAt !== null && last.nextRunAt <= now);
  });
  await markInterruptedRuns(deps.db, now);
  await replaceScheduledJobs(
    deps.db,
    jobs.map((job) => ({ name: job.name, cron: job.cron, nextRunAt: nextRunOf(job.name) })),
  );
  return missed;
}

/** Runs one job, logging and recording its start and how it went; a failure is recorded, never thrown. */
async function runAndRecord(deps: SchedulerDeps, job: Job, record: RecordWrite): Promise<void> {
  const runId = await record(`the start of ${job.name}`, () => insertJobRun(deps.db, job.name, deps.now()));
  let outcome: 'ok' | 'failed' = 'ok';
  let message: Message | null = null;
  try {
    message = await job.run(deps.db, deps.now());
    if (message) deps.log(`job ${job.name}: ${deps.words(message)}`);
  } catch (error) {
    outcome = 'failed';
    message = failureMessage(error);
    deps.log(`job ${job.name} failed: ${(error as Error)?.stack ?? String(error)}`);
  }
  if (runId !== null)
    await record(`the end of ${job.name}`, () =>
      finishJobRun(deps.db, runId, { finishedAt: deps.now(), outcome, message }),
    );
}

/** What went wrong, as a message: the error's own when it carries one (domain errors, a backup's), else its text. */
function failureMessage(error: unknown): Message {
  const reason = (error as { reason?: unknown })?.reason;
  if (isMessage(reason)) return reason;
  return msg('jobs.error', { error: (error as Error)?.message ?? String(error) });
}
