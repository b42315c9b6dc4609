import type { Catalogue } from '../../i18n/catalogue.js';

/** What the scheduler itself says of a job's run (the jobs' own results are in their features' catalogues). */
export const en = {
  cutShort: 'Cut short: the server stopped during this run.',
  // A failure with no sentence of ours: what the error said (a library's or the system's words), as it said it.
  error: '{error}',
  // A result recorded in words before results were stored as messages (kept as they were written).
  asRecorded: '{words}',
} as const satisfies Catalogue;
