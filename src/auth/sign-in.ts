import { z } from 'zod';
import { findCommunity } from '../community/community.queries.js';
import type { DB } from '../db/database.js';
import { requiredText } from '../lib/fields.js';
import { type Message, msg } from '../lib/messages.js';
import { addDays, addMinutes } from '../lib/time.js';
import { parseContact } from '../members/contact.js';
import { countVouchesFor } from '../members/vouches.queries.js';
import { dummyPasswordHash, passwordMatches, PASSWORD_MAX_LENGTH } from './passwords.js';
import {
  deleteFailuresBefore,
  deleteFailuresOfAccounts,
  findAccountByContact,
  findLatestDecisionReason,
  findNthLatestFailure,
  insertFailedSignIn,
  type SignInAccount,
} from './sign-in.queries.js';

/**
 * Failed sign-ins are counted over a sliding window, per account (a guesser
 * aiming at one person) and per client address (one device trying many
 * accounts). The address limit is higher because a venue's Wi-Fi may put many
 * people behind one address.
 */
const THROTTLE_WINDOW_MINUTES = 15;
const ACCOUNT_FAILURE_LIMIT = 5;
const ADDRESS_FAILURE_LIMIT = 20;
/** Older failures no longer matter; they are deleted as new ones arrive. */
const KEEP_FAILURES_DAYS = 1;

export const signInSchema = z.object({
  account: requiredText(
    {
      notText: 'auth.field.account.notText',
      tooLong: 'auth.field.account.tooLong',
      required: 'auth.field.account.required',
    },
    254,
  ).transform((value, ctx) => {
    const contact = parseContact(value);
    if (contact) return contact;
    ctx.addIssue({ code: 'custom', message: 'auth.field.account.form' });
    return z.NEVER;
  }),
  password: z
    .string({ error: 'auth.field.password.notText' })
    .min(1, 'auth.field.password.required')
    .max(PASSWORD_MAX_LENGTH, 'auth.field.password.tooLong'),
});

export type SignInInput = z.output<typeof signInSchema>;

export type SignInOutcome =
  | { kind: 'signed_in'; memberId: number }
  /** Too many failures: refused without looking at the password. */
  | { kind: 'throttled'; retryAt: Date }
  /** No such account, or the wrong password: the two are never told apart. */
  | { kind: 'no_match' }
  /** The right password for an account that may not sign in (yet); `message` says why. */
  | { kind: 'not_active'; message: Message };

/**
 * Checks an email or phone and password. The attempt is counted as a failure
 * before the password is checked, in the same transaction as the throttle
 * check, so parallel guesses cannot slip past the limit; the right password
 * takes it back. Refused attempts are not counted, so the window always ends.
 */
export async function signIn(db: DB, input: SignInInput, address: string, now: Date): Promise<SignInOutcome> {
  const account = 'email' in input.account ? input.account.email : input.account.phone;
  const retryAt = await db.transaction().execute(async (trx) => {
    const blockedUntil = await throttledUntil(trx, account, address, now);
    if (!blockedUntil) await insertFailedSignIn(trx, account, address, now);
    return blockedUntil;
  });
  if (retryAt) return { kind: 'throttled', retryAt };

  const found = await findAccountByContact(db, input.account);
  // Always run one verification, so an unknown account takes as long as a wrong password.
  const matches = await passwordMatches(found?.passwordHash ?? (await dummyPasswordHash()), input.password);
  await deleteFailuresBefore(db, addDays(now, -KEEP_FAILURES_DAYS));
  if (!found || !matches) return { kind: 'no_match' };

  await deleteFailuresOfAccounts(db, [account]);
  if (found.status === 'active') return { kind: 'signed_in', memberId: found.id };
  return { kind: 'not_active', message: await whyNotActive(db, found) };
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

/** Told only to someone who has just given the account's password. */
async function whyNotActive(db: DB, account: SignInAccount): Promise<Message> {
  switch (account.status) {
    case 'pending': {
      const required = (await findCommunity(db))?.vouchesRequired ?? 0;
      const missing = required - (await countVouchesFor(db, account.id));
      if (missing <= 0) return msg('auth.signIn.waitingForSteward');
      return msg('auth.signIn.waitingForVouches', { missing });
    }
    case 'declined': {
      const reason = await findLatestDecisionReason(db, account.id, 'declined');
      return reason ? msg('auth.signIn.declinedBecause', { reason }) : msg('auth.signIn.declined');
    }
    case 'suspended': {
      const reason = await findLatestDecisionReason(db, account.id, 'suspended');
      return reason ? msg('auth.signIn.suspendedBecause', { reason }) : msg('auth.signIn.suspended');
    }
    case 'active':
      throw new Error('an active account is never refused');
  }
}
