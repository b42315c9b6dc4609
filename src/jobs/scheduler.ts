import schedule from 'node-schedule';
import type { DB } from '../db/database.js';

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
  /** Runs every job once, now (at start, so a box that was off catches up; and in tests). */
  runAll(): Promise<void>;
}

/**
 * Runs jobs on `node-schedule`. Jobs only tidy up and remind: nothing a page
 * shows depends on a job having run (a listing's status is derived when it
 * is read), so a box that was switched off loses nothing but a reminder's
 * timeliness. A failing job is logged and tried again at its next time.
 */
export function createScheduler(deps: SchedulerDeps, jobs: readonly Job[]): Scheduler {
  const scheduled: schedule.Job[] = [];
  const running = new Set<Promise<void>>();

  const runOne = (job: Job): Promise<void> => {
    const run = (async () => {
      try {
        const line = await job.run(deps.db, deps.now());
        if (line) deps.log(`job ${job.name}: ${line}`);
      } catch (error) {
        deps.log(`job ${job.name} failed: ${(error as Error)?.stack ?? String(error)}`);
      }
    })();
    running.add(run);
    void run.finally(() => running.delete(run));
    return run;
  };

  return {
    start() {
      if (scheduled.length > 0) return;
      for (const job of jobs) {
        const handle = schedule.scheduleJob(job.name, job.cron, () => void runOne(job));
        if (!handle) throw new Error(`The job ${job.name} has an invalid schedule: ${job.cron}`);
        scheduled.push(handle);
      }
    },
    async stop() {
      for (const handle of scheduled.splice(0)) handle.cancel();
      await Promise.all([...running]);
    },
    async runAll() {
      for (const job of jobs) await runOne(job);
    },
  };
}
