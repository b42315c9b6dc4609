import { runHealthChecks, verdict, type CheckLevel } from '../health/checks.js';
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
  summary: 'check the box: database, disk, backups, clock; says what to do',
  usage: `Usage: marketcross doctor [options]

Checks the database, the free disk space, the latest backup and the clock, and
says what to do about each problem. Exit code 0 when nothing needs fixing now,
1 when something does. Safe to run while the box is serving.

Options:
${DATA_FLAGS_HELP}`,
  async run(argv, io) {
    const { values } = parseCommandArgs(argv, DATA_FLAGS);
    if (values.help) return io.out(this.usage), 0;
    const config = configFrom(values, io.env);
    return withBoxDatabase(config, io.err, async (database) => {
      const checks = await runHealthChecks(database.db, config);
      const pid = runningServerPid(config.dataDir);
      io.out(`Marketcross box in ${config.dataDir}: ${pid === null ? 'the server is not running' : `the server is running (process ${pid})`}.`);
      for (const check of checks) {
        io.out(`${MARKS[check.level]} ${check.name}: ${check.detail}`);
        if (check.advice) io.out(`       What to do: ${check.advice}`);
      }
      const overall = verdict(checks);
      io.out(VERDICTS[overall]);
      return overall === 'fail' ? 1 : 0;
    });
  },
};
