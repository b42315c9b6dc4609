import schedule from 'node-schedule';
import type { DB } from '../db/database.js';
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
  /** Returns a line for the log, or null when there was nothing to do. */
  run(db: DB, now: Date): Promise<string | null>;
}

export interface SchedulerDeps {
  readonly db: DB;
  readonly now: () => Date;
  readonly log: (line: string) => void;
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

  const track = (work: Promise<void>): Promise<void> => {
    running.add(work);
    void work.finally(() => running.delete(work));
    return work;
  };
  const record = async <T>(what: string, write: () => Promise<T>): Promise<T | null> => {
    try {
      return await write();
    } catch (error) {
      deps.log(`jobs: could not record ${what}: ${(error as Error)?.message ?? String(error)}`);
      return null;
    }
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
        const runId = await record(`the start of ${job.name}`, () => insertJobRun(deps.db, job.name, deps.now()));
        let outcome: 'ok' | 'failed' = 'ok';
        let message = '';
        try {
          const line = await job.run(deps.db, deps.now());
          if (line) deps.log(`job ${job.name}: ${line}`);
          message = line ?? '';
        } catch (error) {
          outcome = 'failed';
          message = (error as Error)?.message ?? String(error);
          deps.log(`job ${job.name} failed: ${(error as Error)?.stack ?? String(error)}`);
        }
        if (runId !== null)
          await record(`the end of ${job.name}`, () =>
            finishJobRun(deps.db, runId, { finishedAt: deps.now(), outcome, message }),
          );
        if (scheduled.has(job.name))
          await record(`the next time of ${job.name}`, () => updateNextRun(deps.db, job.name, nextRunOf(job.name)));
      })(),
    );

  return {
    start() {
      if (scheduled.size > 0) return;
      for (const job of jobs) {
        const handle = schedule.scheduleJob(job.name, job.cron, () => void runOne(job));
        if (!handle) {
          for (const other of scheduled.values()) other.cancel();
          scheduled.clear();
          throw new Error(`The job ${job.name} has an invalid schedule: ${job.cron}`);
        }
        scheduled.set(job.name, handle);
      }
      const written = record('the schedule', async () => {
        const before = new Map((await findScheduledJobStatuses(deps.db)).map((status) => [status.name, status]));
        const now = deps.now();
        missed = jobs.filter((job) => {
          const last = before.get(job.name);
          return (
            !last?.lastRun || last.lastRun.outcome === 'running' || (last.nextRunAt !== null && last.nextRunAt <= now)
          );
        });
        await markInterruptedRuns(deps.db, now);
        await replaceScheduledJobs(
          deps.db,
          jobs.map((job) => ({ name: job.name, cron: job.cron, nextRunAt: nextRunOf(job.name) })),
        );
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
