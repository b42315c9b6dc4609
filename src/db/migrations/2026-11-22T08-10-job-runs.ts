// Frozen in time: this migration must never import app code or change once released.
import { sql, type Kysely } from 'kysely';

/**
 * What the scheduler did, for the stewards' health page and `marketcross doctor`
 * (which runs in another process than the scheduler, so it can only read it here).
 *
 * `scheduled_jobs`: each job the running server has scheduled, and when
 * node-schedule says it runs next. A `next_run_at` well in the past with no run
 * since means the job did not run when it should have (the server was stopped,
 * or hung).
 *
 * `job_runs`: one row per run, written when it starts and completed when it
 * ends, so a run cut short by a crash stays visible as never finished. Ordered
 * by `id`, not by time: a Pi's clock can jump.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('scheduled_jobs')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('cron', 'text', (c) => c.notNull())
    .addColumn('next_run_at', 'text')
    .execute();

  await db.schema
    .createTable('job_runs')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('job', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome IN ('running', 'ok', 'failed')`))
    // The job's log line when it went well, the error's message when it failed.
    .addColumn('message', 'text', (c) => c.notNull().defaultTo(''))
    .addCheckConstraint('job_runs_finished_when_done', sql`(outcome = 'running') = (finished_at IS NULL)`)
    .execute();
  await db.schema.createIndex('job_runs_by_job').on('job_runs').columns(['job', 'id']).execute();
}
