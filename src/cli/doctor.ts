import {
  describeJobs,
  runHealthChecks,
  systemProbes,
  verdict,
  type CheckLevel,
  type JobLine,
} from '../health/checks.js';
import { findScheduledJobStatuses } from '../jobs/job-runs.queries.js';
import { runningServerPid } from '../backup/server-lock.js';
import { withBoxDatabase } from './box.js';
import { configFrom, DATA_FLAGS, DATA_FLAGS_HELP, parseCommandArgs, type Command } from './command.js';

const MARKS: Record<CheckLevel, string> = { ok: '[ ok ]', warn: '[warn]', fail: '[FAIL]' };
const VERDICTS: Record<CheckLevel, string> = {
  ok: 'All is well.',
  warn: 'The box works, but something needs attention soon (see above).',
  fail: 'Something is wrong and needs fixing now (see above).',
};

export const doctorCommand: Command = {
  name: 'doctor',
  usage: `Usage: marketcross doctor [options]

Checks the database, the free disk space, the latest backup, the clock, the
scheduled jobs (the nightly backup, reminders, tidying: a job that failed its
last run, or did not run when it should have, is a warning) and the
neighbouring towns (which the server saw in the last few minutes; one away for
more than a day is a warning), says what to do about each problem, and lists
each job's last run. Exit code 0 when nothing
needs fixing now, 1 when something does. Safe to run while the box is serving.

Options:
${DATA_FLAGS_HELP}`,
  async run(argv, io) {
    const { values } = parseCommandArgs(argv, DATA_FLAGS);
    if (values.help) {
      io.out(this.usage);
      return 0;
    }
    const config = configFrom(values, io.env);
    return withBoxDatabase(config, io.err, async (database) => {
      const now = systemProbes.now();
      const checks = await runHealthChecks(database.db, config, { ...systemProbes, now: () => now });
      const pid = runningServerPid(config.dataDir);
      io.out(
        `Marketcross box in ${config.dataDir}: ${pid === null ? 'the server is not running' : `the server is running (process ${pid})`}.`,
      );
      for (const check of checks) {
        io.out(`${MARKS[check.level]} ${check.name}: ${check.detail}`);
        if (check.advice) io.out(`       What to do: ${check.advice}`);
      }
      const jobs = describeJobs(await findScheduledJobStatuses(database.db), now);
      if (jobs.length > 0) io.out(formatJobs(jobs));
      const overall = verdict(checks);
      io.out(VERDICTS[overall]);
      return overall === 'fail' ? 1 : 0;
    });
  },
};

/** The jobs as a small table: name, last run and how it went, next run. */
function formatJobs(jobs: readonly JobLine[]): string {
  const width = Math.max(...jobs.map((job) => job.name.length));
  const lines = jobs.map((job) => {
    const result =
      job.result === 'not yet'
        ? 'has not run yet'
        : `${job.lastRun}, ${job.result}${job.message ? `: ${job.message}` : ''}`;
    return `  ${job.needsAttention ? '!' : ' '} ${job.name.padEnd(width)}  last ${result}; next ${job.nextRun}`;
  });
  return ['Scheduled jobs (times in UTC; ! needs attention):', ...lines].join('\n');
}
