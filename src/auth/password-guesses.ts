import type { DB } from '../db/database.js';
import { addDays, addMinutes } from '../lib/time.js';
import {
  deleteFailuresBefore,
  deleteFailuresOfAccounts,
  findNthLatestFailure,
  insertFailedSignIn,
} from './sign-in.queries.js';

/**
 * Wrong passwords, wherever one is typed (signing in, the current password when changing it), are counted over a
 * sliding window, per account (a guesser aiming at one person) and per client address (one device trying many
 * accounts). The address limit is higher because a venue's Wi-Fi may put many people behind one address. Both forms
 * count in the same table, so a guesser gets no more tries by using both.
 */
const THROTTLE_WINDOW_MINUTES = 15;
const ACCOUNT_FAILURE_LIMIT = 5;
const ADDRESS_FAILURE_LIMIT = 20;
/** Older failures no longer matter; they are deleted as new ones arrive. */
const KEEP_FAILURES_DAYS = 1;

/**
 * Counts a guess at `account`'s password (its email or phone, normalised) as a failure before the password is checked,
 * in the same transaction as the throttle check, so parallel guesses cannot slip past the limit; `forgiveGuesses` takes
 * it back when the password was right. Over the limit, the guess is refused and not counted (so the window always
 * ends), and this answers when the pause ends; else null.
 */
export async function countGuess(db: DB, account: string, address: string, now: Date): Promise<Date | null> {
  return db.transaction().execute(async (trx) => {
    const blockedUntil = await throttledUntil(trx, account, address, now);
    if (blockedUntil) return blockedUntil;
    await deleteFailuresBefore(trx, addDays(now, -KEEP_FAILURES_DAYS));
    await insertFailedSignIn(trx, account, address, now);
    return null;
  });
}

/** The right password: the account's failures, this guess among them, are forgotten. */
export async function forgiveGuesses(db: DB, account: string): Promise<void> {
  await deleteFailuresOfAccounts(db, [account]);
}

async function throttledUntil(db: DB, account: string, address: string, now: Date): Promise<Date | null> {
  const since = addMinutes(now, -THROTTLE_WINDOW_MINUTES);
  const ends = [
    await findNthLatestFailure(db, { account }, ACCOUNT_FAILURE_LIMIT, since),
    await findNthLatestFailure(db, { address }, ADDRESS_FAILURE_LIMIT, since),
  ]
    .filter((at): at is Date => at !== null)
    .map((at) => addMinutes(at, THROTTLE_WINDOW_MINUTES));
  return ends.length > 0 ? new Date(Math.max(...ends.map((d) => d.getTime()))) : null;
}
