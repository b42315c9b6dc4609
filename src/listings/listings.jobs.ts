import type { Job } from '../jobs/scheduler.js';
import { msg } from '../lib/messages.js';
import { addDays } from '../lib/time.js';
import { archiveListingsClosedBefore } from './listings.queries.js';
import { findListingsToRemind, insertNotice, markReminded } from './notices.queries.js';
import { ARCHIVE_AFTER_DAYS, REMINDER_DAYS_BEFORE } from './listings.js';
import { mergeKeywordIndexSegments } from './search.queries.js';

/** In-app reminders (no mail server is assumed), once per expiry: renewing re-arms it. */
export const remindExpiringListings: Job = {
  name: 'listings-remind-expiring',
  cron: '7 * * * *',
  async run(db, now) {
    const due = await findListingsToRemind(db, now, addDays(now, REMINDER_DAYS_BEFORE));
    for (const listing of due) {
      await db.transaction().execute(async (trx) => {
        await insertNotice(trx, {
          memberId: listing.authorId,
          listingSeq: listing.seq,
          message: { key: 'listings.notice.expiring', values: { title: listing.title, expiresAt: listing.expiresAt } },
          now,
        });
        await markReminded(trx, listing.seq, now);
      });
    }
    return due.length > 0 ? msg('listings.jobs.reminded', { count: due.length }) : null;
  },
};

/** Moves long-finished listings out of "My listings"; their status was already derived when read. */
const archiveOldListings: Job = {
  name: 'listings-archive',
  cron: '41 3 * * *', // away from the nightly backup at 03:17
  async run(db, now) {
    const archived = await archiveListingsClosedBefore(db, addDays(now, -ARCHIVE_AFTER_DAYS), now);
    return archived > 0 ? msg('listings.jobs.archived', { count: archived }) : null;
  },
};

/**
 * Merges each keyword index into one segment. FTS5 adds a small segment per
 * write and merges them only now and then; a search reads every segment for
 * each word and grid cell it asks for (see search-cells.ts), so after a busy
 * day a merged index answers a keyword search near a place up to twice as
 * fast. About 0.1 s per 100,000 listings.
 */
export const mergeKeywordIndexes: Job = {
  name: 'listings-merge-keyword-indexes',
  cron: '53 3 * * *', // after the nightly backup at 03:17 and the archive at 03:41
  async run(db) {
    await mergeKeywordIndexSegments(db);
    return null;
  },
};

export const listingJobs = [remindExpiringListings, archiveOldListings, mergeKeywordIndexes] as const;
