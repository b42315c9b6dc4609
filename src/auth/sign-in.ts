import { z } from 'zod';
import { findCommunity } from '../community/community.queries.js';
import type { DB } from '../db/database.js';
import { requiredText } from '../lib/fields.js';
import { type Message, msg } from '../lib/messages.js';
import { parseContact } from '../members/contact.js';
import { countVouchesFor } from '../members/vouches.queries.js';
import { dummyPasswordHash, passwordMatches, PASSWORD_MAX_LENGTH } from './passwords.js';
import { countGuess, forgiveGuesses } from './password-guesses.js';
import { findAccountByContact, findLatestDecisionReason, type SignInAccount } from './sign-in.queries.js';

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
 * Checks an email or phone and password, the attempt counted against the account and the address (see `countGuess`):
 * over their limits, refused without looking at the password.
 */
export async function signIn(db: DB, input: SignInInput, address: string, now: Date): Promise<SignInOutcome> {
  const account = 'email' in input.account ? input.account.email : input.account.phone;
  const retryAt = await countGuess(db, account, address, now);
  if (retryAt) return { kind: 'throttled', retryAt };

  const found = await findAccountByContact(db, input.account);
  // Always run one verification, so an unknown account takes as long as a wrong password.
  const matches = await passwordMatches(found?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!found || !matches) return { kind: 'no_match' };

  await forgiveGuesses(db, account);
  if (found.status === 'active') return { kind: 'signed_in', memberId: found.id };
  return { kind: 'not_active', message: await whyNotActive(db, found) };
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
