import { jobProblem, type JobProblem, type ScheduledJobStatus } from '../jobs/job-runs.js';
import type { Check } from './checks.js';
import { durationPhrase, formatUtc, phrase, type Phrase } from './phrase.js';

const SERVER_ADVICE = phrase('health.jobs.checkServer');

/**
 * The scheduled jobs (nightly backup, reminders, tidying): a job that failed
 * its last run, has not run when it should have, or never finished is a
 * warning: the box still works, but something it should do is not done.
 */
export function jobsCheck(jobs: readonly ScheduledJobStatus[], now: Date): Check {
  const id = 'jobs';
  if (jobs.length === 0) return { id, level: 'warn', detail: [phrase('health.jobs.none')], advice: [SERVER_ADVICE] };
  const problems = jobs.flatMap((job) => {
    const problem = jobProblem(job, now);
    return problem ? [describeJobProblem(job.name, problem)] : [];
  });
  if (problems.length === 0) return { id, level: 'ok', detail: [phrase('health.jobs.allRan', { count: jobs.length })] };
  // One piece of advice for several jobs that need the same thing done.
  const advice = new Map(problems.map((p) => [JSON.stringify(p.advice), p.advice]));
  return { id, level: 'warn', detail: problems.map((p) => p.detail), advice: [...advice.values()] };
}

function describeJobProblem(job: string, problem: JobProblem): { detail: Phrase; advice: Phrase } {
  switch (problem.kind) {
    case 'overdue':
      return { detail: phrase('health.jobs.overdue', { job, dueAt: formatUtc(problem.dueAt) }), advice: SERVER_ADVICE };
    case 'stuck':
      return {
        detail: phrase('health.jobs.stuck', { job, startedAt: formatUtc(problem.run.startedAt) }),
        advice: phrase('health.jobs.restart'),
      };
    case 'failed': {
      const startedAt = formatUtc(problem.run.startedAt);
      const message = problem.run.message ?? phrase('health.jobs.noReason');
      return {
        detail: phrase('health.jobs.failed', { job, startedAt }, { message }),
        advice: phrase('health.jobs.readLog', { startedAt }),
      };
    }
  }
}

/** One scheduled job, for the health page's cards and doctor's list. */
export interface JobLine {
  name: string;
  /** When it last started and how long it took ("never" when it has not run). */
  lastRun: Phrase;
  result: 'ok' | 'failed' | 'running' | 'not yet';
  /** What the job itself said of its last run, or what went wrong; null when it said nothing. */
  message: Phrase | null;
  nextRun: Phrase;
  needsAttention: boolean;
}

export function describeJobs(jobs: readonly ScheduledJobStatus[], now: Date): JobLine[] {
  return jobs.map((job) => {
    const last = job.lastRun;
    const took = last?.finishedAt ? durationPhrase(last.finishedAt.getTime() - last.startedAt.getTime()) : null;
    const at = last ? formatUtc(last.startedAt) : '';
    const lastRun = !last
      ? phrase('health.jobs.never')
      : took
        ? phrase('health.jobs.ranTook', { at }, { took })
        : phrase('health.jobs.at', { at });
    return {
      name: job.name,
      lastRun,
      result: last?.outcome ?? 'not yet',
      message: last?.message ?? null,
      nextRun: job.nextRunAt
        ? phrase('health.jobs.at', { at: formatUtc(job.nextRunAt) })
        : phrase('health.jobs.notScheduled'),
      needsAttention: jobProblem(job, now) !== null,
    };
  });
}
