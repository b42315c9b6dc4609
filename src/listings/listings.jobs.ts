import type { Job } from '../jobs/scheduler.js';
import { addDays } from '../lib/time.js';
import { archiveListingsClosedBefore, findListingsToRemind, insertNotice, markReminded } from './listings.queries.js';
import { ARCHIVE_AFTER_DAYS, REMINDER_DAYS_BEFORE } from './listings.js';

/** In-app reminders (no mail server is assumed), once per expiry: renewing re-arms it. */
export const remindExpiringListings: Job = {
  name: 'listings-remind-expiring',
  cron: '7 * * * *',
  async run(db, now) {
    const due = await findListingsToRemind(db, now, addDays(now, REMINDER_DAYS_BEFORE));
    for (const listing of due) {
      await db.transaction().execute(async (trx) => {
        await insertNotice(trx, { memberId: listing.authorId, listingSeq: listing.seq, message: `“${listing.title}” expires on ${listing.expiresAt.slice(0, 10)}: renew it if it still stands.`, now });
        await markReminded(trx, listing.seq, now);
      });
    }
    return due.length > 0 ? `reminded ${due.length} authors` : null;
  },
};

/** Moves long-finished listings out of "My listings"; their status was already derived when read. */
export const archiveOldListings: Job = {
  name: 'listings-archive',
  cron: '41 3 * * *', // away from the nightly backup at 03:17
  async run(db, now) {
    const archived = await archiveListingsClosedBefore(db, addDays(now, -ARCHIVE_AFTER_DAYS), now);
    return archived > 0 ? `archived ${archived} listings` : null;
  },
};

export const listingJobs = [remindExpiringListings, archiveOldListings] as const;
