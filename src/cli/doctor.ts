import {
  checkWords,
  describeJobs,
  phraseWords,
  runHealthChecks,
  systemProbes,
  verdict,
  type JobLine,
} from '../health/checks.js';
import { findScheduledJobStatuses } from '../jobs/job-runs.queries.js';
import { runningServerPid } from '../backup/server-lock.js';
import { withBoxDatabase } from './box.js';
import { configFrom, DATA_FLAGS, parseCommandArgs, usageText, type Command } from './command.js';
import type { Translate } from '../i18n/translate.js';

export const doctorCommand: Command = {
  name: 'doctor',
  usage: (words) => usageText(words, 'cli.usage.doctor'),
  async run(argv, io) {
    const { values } = parseCommandArgs(argv, DATA_FLAGS);
    if (values.help) {
      io.out(this.usage(io.words));
      return 0;
    }
    const config = configFrom(values, io.env);
    const { t } = io.words;
    return withBoxDatabase(config, io, async (database) => {
      const now = systemProbes.now();
      const checks = await runHealthChecks(database.db, config, { ...systemProbes, now: () => now });
      const pid = runningServerPid(config.dataDir);
      io.out(t('cli.doctor.box', { dataDir: config.dataDir, pid: pid === null ? 'none' : String(pid) }));
      for (const check of checks.map((c) => checkWords(c, t))) {
        io.out(t('cli.doctor.check', { mark: t('cli.doctor.mark', { level: check.level }), ...check }));
        if (check.advice) io.out(`       ${t('cli.doctor.whatToDo', { advice: check.advice })}`);
      }
      const jobs = describeJobs(await findScheduledJobStatuses(database.db), now);
      if (jobs.length > 0) io.out(formatJobs(jobs, t));
      const overall = verdict(checks);
      io.out(t('cli.doctor.verdict', { level: overall }));
      return overall === 'fail' ? 1 : 0;
    });
  },
};

/** The jobs as a small table: name, last run and how it went, next run. */
function formatJobs(jobs: readonly JobLine[], t: Translate): string {
  const width = Math.max(...jobs.map((job) => job.name.length));
  const lines = jobs.map((job) => {
    const run = t('cli.doctor.jobRun', {
      result: job.result === 'not yet' ? 'notYet' : job.result,
      lastRun: phraseWords(job.lastRun, t),
      message: job.message ? `: ${phraseWords(job.message, t)}` : '',
      nextRun: phraseWords(job.nextRun, t),
    });
    return `  ${job.needsAttention ? '!' : ' '} ${job.name.padEnd(width)}  ${run}`;
  });
  return [t('cli.doctor.jobsHeading'), ...lines].join('\n');
}
