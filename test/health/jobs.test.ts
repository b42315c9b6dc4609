import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { msg } from '../../src/lib/messages.js';
import { openDatabase } from '../../src/db/open.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { migrations } from '../../src/db/migrations/index.js';
import { checkWords, describeJobs, jobsCheck as checkJobs, phraseWords } from '../../src/health/checks.js';
import { createTranslator } from '../../src/i18n/translate.js';
import { catalogues } from '../../src/messages.js';

/** The jobs' check in English words, as doctor prints it and the health page shows it. */
const english = createTranslator(catalogues).forLocale('en');
const jobsCheck = (...args: Parameters<typeof checkJobs>) => checkWords(checkJobs(...args), english);
import {
  findScheduledJobStatuses,
  finishJobRun,
  insertJobRun,
  replaceScheduledJobs,
} from '../../src/jobs/job-runs.queries.js';
import type { Job } from '../../src/jobs/scheduler.js';
import { testScheduler } from '../helpers/scheduler.js';
import { insertLegacyJobRun } from './legacy-job-runs.queries.js';
import { startSetUpBox, type TestBox } from '../helpers/box.js';
import { cli, tempDataDir } from '../cli/cli-io.js';
import { signedInSteward } from '../members/helpers.js';

// Once a year: these jobs never fire by themselves while a test runs; runAll() runs them.
const YEARLY = '0 0 1 1 *';
const fine: Job = { name: 'test-fine', cron: YEARLY, run: async () => msg('listings.jobs.archived', { count: 3 }) };
const broken: Job = {
  name: 'test-broken',
  cron: YEARLY,
  run: async () => {
    throw new Error('the disk is read-only');
  },
};

const CUT_SHORT = 'Cut short: the server stopped during this run.';
const minutes = (date: Date, n: number) => new Date(date.getTime() + n * 60_000);

describe('scheduled jobs and their last runs', () => {
  let box: TestBox;
  beforeAll(async () => {
    box = await startSetUpBox();
  });
  afterAll(() => box.close());

  it("records every run (started, finished, ok or the error) and each job's next time", async () => {
    const logs: string[] = [];
    const scheduler = testScheduler({ db: box.database.db, now: box.clock.now }, [fine, broken], (l) => logs.push(l));
    scheduler.start();
    await scheduler.runAll();
    await scheduler.stop();

    const statuses = await findScheduledJobStatuses(box.database.db);
    // The result is stored as a message, put in words when shown.
    expect(statuses.map((s) => [s.name, s.cron, s.lastRun?.outcome, s.lastRun?.message])).toEqual([
      ['test-broken', YEARLY, 'failed', msg('jobs.error', { error: 'the disk is read-only' })],
      ['test-fine', YEARLY, 'ok', msg('listings.jobs.archived', { count: 3 })],
    ]);
    for (const status of statuses) {
      expect(status.lastRun!.startedAt).toEqual(box.clock.now());
      expect(status.lastRun!.finishedAt).toEqual(box.clock.now());
      // node-schedule's own next time for the cron: midnight on the next 1st of January.
      expect(status.nextRunAt!.getMonth()).toBe(0);
      expect(status.nextRunAt!.getDate()).toBe(1);
      expect(status.nextRunAt!.getTime()).toBeGreaterThan(Date.now());
    }
    expect(logs).toEqual([
      expect.stringMatching(/^job test-fine: archived 3 listings$/),
      expect.stringMatching(/^job test-broken failed: Error: the disk is read-only/),
    ]);
  });

  it('at start, runs only the jobs that missed a time while no server ran, never ran, or were cut short', async () => {
    const job = (name: string): Job => ({ name, cron: YEARLY, run: async () => null });
    const [missedTime, onTime, cutShort, brandNew] = [
      'start-missed',
      'start-on-time',
      'start-cut-short',
      'start-new',
    ].map(job) as [Job, Job, Job, Job];
    const first = testScheduler({ db: box.database.db, now: box.clock.now }, [missedTime, onTime, cutShort]);
    first.start();
    await first.runAll();
    await first.stop();
    // While no server ran: one job's recorded time passed, and another's run was cut short by a crash.
    await box.database.db
      .updateTable('scheduled_jobs')
      .set({ next_run_at: minutes(box.clock.now(), -1).toISOString() })
      .where('name', '=', missedTime.name)
      .execute();
    await insertJobRun(box.database.db, cutShort.name, box.clock.now());

    const next = testScheduler({ db: box.database.db, now: box.clock.now }, [missedTime, onTime, cutShort, brandNew]);
    next.start();
    expect(await next.runMissed()).toEqual([missedTime.name, cutShort.name, brandNew.name]);
    expect(await next.runMissed()).toEqual([]); // once
    await next.stop();
  });

  it(
    'marks a run cut short by a crash when the next server starts, ' + 'and keeps the last 50 runs of each job',
    async () => {
      const cutShort = await insertJobRun(box.database.db, 'test-fine', box.clock.now());
      const scheduler = testScheduler({ db: box.database.db, now: box.clock.now }, [fine, broken]);
      scheduler.start();
      await scheduler.runAll(); // waits for the start-up records
      const row = await box.database.db
        .selectFrom('job_runs')
        .selectAll()
        .where('id', '=', cutShort)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ outcome: 'failed', message_key: 'jobs.cutShort', message_values: null });
      expect(row.finished_at).not.toBeNull();

      for (let i = 0; i < 55; i++) await scheduler.runAll();
      await scheduler.stop();
      const kept = await box.database.db
        .selectFrom('job_runs')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('job', '=', 'test-fine')
        .executeTakeFirstOrThrow();
      expect(kept.n).toBe(50);
    },
  );

  it(
    'is a warning, with what to do, when a job failed its last run, ' + 'did not run when due, or never finished',
    async () => {
      const now = box.clock.now();
      const ok = {
        name: 'a',
        cron: YEARLY,
        nextRunAt: minutes(now, 30),
        lastRun: { startedAt: minutes(now, -30), finishedAt: minutes(now, -29), outcome: 'ok' as const, message: null },
      };
      expect(jobsCheck([ok], now)).toEqual({
        name: 'Scheduled jobs',
        level: 'ok',
        detail: 'All 1 jobs ran as planned.',
      });

      const failed = {
        ...ok,
        name: 'nightly-backup',
        lastRun: {
          ...ok.lastRun,
          outcome: 'failed' as const,
          message: msg('jobs.error', { error: 'SQLITE_FULL: database or disk is full.' }),
        },
      };
      expect(jobsCheck([ok, failed], now)).toMatchObject({
        level: 'warn',
        detail: 'nightly-backup failed its last run, at 2026-11-22 09:30 UTC: SQLITE_FULL: database or disk is full.',
        advice: expect.stringContaining('sudo journalctl -u marketcross --since "2026-11-22 09:30 UTC"'),
      });

      // Due 20 minutes ago, and the last run was before that: the server was not running.
      const overdue = { ...ok, name: 'listings-archive', nextRunAt: minutes(now, -20) };
      expect(jobsCheck([overdue], now)).toMatchObject({
        level: 'warn',
        detail: 'listings-archive should have run at 2026-11-22 09:40 UTC but has not.',
        advice: expect.stringContaining('sudo systemctl start marketcross'),
      });
      // Due 5 minutes ago is not late yet; running since its time is not late at all.
      expect(jobsCheck([{ ...overdue, nextRunAt: minutes(now, -5) }], now).level).toBe('ok');
      const runningNow = {
        ...overdue,
        lastRun: { startedAt: minutes(now, -19), finishedAt: null, outcome: 'running' as const, message: null },
      };
      expect(jobsCheck([runningNow], now).level).toBe('ok');
      // Running for two hours is stuck.
      const stuck = { ...runningNow, lastRun: { ...runningNow.lastRun, startedAt: minutes(now, -120) } };
      expect(jobsCheck([stuck], now)).toMatchObject({
        level: 'warn',
        detail: 'listings-archive started at 2026-11-22 08:00 UTC and has not finished.',
        advice: 'Restart the server: sudo systemctl restart marketcross.',
      });
      // A job that has never run and is not due yet is fine; no job scheduled at all means the server never ran.
      expect(jobsCheck([{ ...ok, lastRun: null }], now).level).toBe('ok');
      expect(jobsCheck([], now)).toMatchObject({
        level: 'warn',
        detail: expect.stringContaining('No job has been scheduled'),
        advice: expect.stringContaining('sudo systemctl'),
      });
    },
  );

  it("shows each job and its last run on the stewards' health page, with the failed one as a warning", async () => {
    const db = box.database.db;
    await replaceScheduledJobs(db, [
      { name: 'nightly-backup', cron: '17 3 * * *', nextRunAt: minutes(box.clock.now(), 600) },
      { name: 'listings-archive', cron: '41 3 * * *', nextRunAt: minutes(box.clock.now(), 620) },
    ]);
    const run = await insertJobRun(db, 'nightly-backup', minutes(box.clock.now(), -400));
    await finishJobRun(db, run, {
      finishedAt: minutes(box.clock.now(), -399),
      outcome: 'failed',
      message: msg('jobs.error', { error: 'disk I/O error' }),
    });

    const steward = await signedInSteward(box);
    const page = await steward.get('/stewards/health');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Scheduled jobs: Attention');
    expect(page.text).toContain('nightly-backup failed its last run, at 2026-11-22 03:20 UTC: disk I/O error.');
    // A card per job (no table to scroll sideways on a phone): its name, then last run, result and next run.
    const cards = [
      ...page.text.matchAll(
        new RegExp(
          /<li class="check-(\w+)">\s*<h3>([^<]+)(?:<strong[^>]*>([^<]*)<\/strong>)?<\/h3>\s*/.source +
            /<dl class="facts">\s*<dt>Last run<\/dt><dd>([^<]+)<\/dd>\s*/.source +
            /<dt>Result<\/dt><dd><strong>([^<]+)<\/strong>([^<]*)<\/dd>\s*<dt>Next run<\/dt><dd>([^<]+)<\/dd>/.source,
          'g',
        ),
      ),
    ].map((m) => m.slice(1).map((c) => (c ?? '').trim()));
    expect(cards).toEqual([
      ['ok', 'listings-archive', '', 'never', 'Has not run yet', '', '2026-11-22 20:20 UTC'],
      [
        'warn',
        'nightly-backup',
        '(needs attention, see above)',
        '2026-11-22 03:20 UTC (took 60 s)',
        'Failed',
        ': disk I/O error',
        '2026-11-22 20:00 UTC',
      ],
    ]);
  });

  it("shows a job's result in the reader's language: it is stored as a message, not as words", async () => {
    const db = box.database.db;
    await replaceScheduledJobs(db, [{ name: 'nightly-backup', cron: '17 3 * * *', nextRunAt: null }]);
    const run = await insertJobRun(db, 'nightly-backup', box.clock.now());
    const file = '/var/lib/marketcross/backups/marketcross-2026-11-22.db';
    const result = msg('backup.job.done', { file, rows: 1234, copiedTo: 'none', pruned: 2 });
    await finishJobRun(db, run, { finishedAt: box.clock.now(), outcome: 'ok', message: result });

    const steward = await signedInSteward(box);
    const english = await steward.get('/stewards/health');
    expect(english.text).toContain(`: wrote ${file} (1,234 rows), pruned 2 older backups`);
    const french = await steward.get('/stewards/health', { 'accept-language': 'fr' });
    expect(french.text).toContain(`: ${file} écrite (1\u202f234 lignes), 2 anciennes sauvegardes supprimées`);
  });
});

describe('job results recorded in words before they were messages', () => {
  const data = tempDataDir();
  afterAll(() => data.remove());

  it('still show, as they were written; a run cut short is said in the reader’s language', async () => {
    const cron = YEARLY;
    const database = openDatabase(`${data.dir}/marketcross.db`);
    const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '2026-12-07T20-00'));
    await migrateToLatest(database.db, () => {}, before);
    const at = '2026-11-22T03:17:00.000Z';
    await replaceScheduledJobs(
      database.db,
      ['nightly-backup', 'listings-archive', 'listings-remind-expiring'].map((name) => ({
        name,
        cron,
        nextRunAt: null,
      })),
    );
    await insertLegacyJobRun(database.db, { job: 'nightly-backup', at, outcome: 'ok', message: 'wrote x.db (9 rows)' });
    await insertLegacyJobRun(database.db, { job: 'listings-archive', at, outcome: 'failed', message: CUT_SHORT });
    await insertLegacyJobRun(database.db, { job: 'listings-remind-expiring', at, outcome: 'ok', message: '' });
    await migrateToLatest(database.db);

    const jobs = describeJobs(await findScheduledJobStatuses(database.db), new Date(at));
    await database.close();
    const french = createTranslator(catalogues).forLocale('fr');
    expect(jobs.map((job) => [job.name, job.message && phraseWords(job.message, english)])).toEqual([
      ['listings-archive', CUT_SHORT],
      ['listings-remind-expiring', null],
      ['nightly-backup', 'wrote x.db (9 rows)'],
    ]);
    expect(phraseWords(jobs[0]!.message!, french)).toBe(
      'Interrompue\u00a0: le serveur s’est arrêté pendant cette exécution.',
    );
  });
});

describe('marketcross doctor and the scheduled jobs', () => {
  const data = tempDataDir();
  afterAll(() => data.remove());

  it("lists each job's last run and warns, saying what to do, about one that failed", async () => {
    expect((await cli(['demo', '--data-dir', data.dir])).code).toBe(0);
    expect((await cli(['backup', '--data-dir', data.dir])).code).toBe(0);
    const before = await cli(['doctor', '--data-dir', data.dir]);
    expect(before.out).toContain('[warn] Scheduled jobs: No job has been scheduled on this box yet');

    // What a server does with its jobs, on the same data directory (doctor runs in another process than the server).
    const database = openDatabase(`${data.dir}/marketcross.db`);
    const scheduler = testScheduler({ db: database.db, now: () => new Date() }, [fine, broken]);
    scheduler.start();
    await scheduler.runAll();
    await scheduler.stop();
    await database.close();

    const after = await cli(['doctor', '--data-dir', data.dir]);
    expect(after.code).toBe(0); // a warning, not a failure
    expect(after.out).toMatch(
      new RegExp(
        /\[warn\] Scheduled jobs: test-broken failed its last run, /.source +
          /at \d{4}-\d\d-\d\d \d\d:\d\d UTC: the disk is read-only\./.source,
      ),
    );
    expect(after.out).toContain(
      "What to do: Read what went wrong in the box's log: sudo journalctl -u marketcross --since",
    );
    expect(after.out).toMatch(
      new RegExp(
        /Scheduled jobs \(times in UTC; ! needs attention\):\n/.source +
          / {2}! test-broken {2}last \d{4}-\d\d-\d\d \d\d:\d\d UTC \(took under a second\), /.source +
          /failed: the disk is read-only; next \d{4}-01-01 00:00 UTC\n/.source +
          / {4}test-fine {4}last .*, ok: archived 3 listings; next/.source,
      ),
    );
    expect(after.out).toContain('The box works, but something needs attention soon');
  });
});
