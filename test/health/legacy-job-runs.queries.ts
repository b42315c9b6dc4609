import type { Kysely } from 'kysely';

/**
 * A run as the scheduler recorded it before results were messages: its result in English words, in the column
 * `message` (on a database migrated only that far).
 */
export async function insertLegacyJobRun(
  db: Kysely<any>,
  run: { job: string; at: string; outcome: 'ok' | 'failed'; message: string },
): Promise<void> {
  await db
    .insertInto('job_runs')
    .values({ job: run.job, started_at: run.at, finished_at: run.at, outcome: run.outcome, message: run.message })
    .execute();
}
