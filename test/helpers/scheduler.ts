import type { DB } from '../../src/db/database.js';
import { createTranslator } from '../../src/i18n/translate.js';
import { createScheduler, type Job, type Scheduler } from '../../src/jobs/scheduler.js';
import { catalogues } from '../../src/messages.js';

const english = createTranslator(catalogues).forLocale('en');

/** A scheduler as `serve` composes it, logging the jobs' results in English (into `log`, or nowhere). */
export function testScheduler(
  box: { db: DB; now: () => Date },
  jobs: readonly Job[],
  log: (line: string) => void = () => {},
): Scheduler {
  return createScheduler({ db: box.db, now: box.now, log, words: english }, jobs);
}
