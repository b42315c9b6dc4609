import { z } from 'zod';
import type { DB } from '../db/database.js';
import type { Actor } from './actor.js';
import { Invalid, LimitReached, NotFound } from '../lib/errors.js';
import { msg } from '../lib/messages.js';
import { addDays, minutesUntil } from '../lib/time.js';
import { hashSecretToken, newSecretToken } from '../lib/secret-tokens.js';
import { findMemberByHandle, findMemberById, insertDecision } from '../members/members.queries.js';
import { hashPassword, newPasswordRule, passwordMatches, PASSWORD_MAX_LENGTH } from './passwords.js';
import {
  claimReset,
  deleteUnusedResetsOf,
  findPasswordOf,
  insertPasswordReset,
  setPasswordHash,
} from './passwords.queries.js';
import { deleteSessionsOfMember } from './sessions.queries.js';
import { revokeApiTokensOfMember } from './api-tokens.queries.js';
import { deleteFailuresOfAccounts } from './sign-in.queries.js';
import { countGuess, forgiveGuesses } from './password-guesses.js';

/** Long enough to hand over in person and use at home; short enough that a lost one soon stops mattering. */
const RESET_LINK_DAYS = 1;
export const RESET_PATH = '/reset/';
export const RESET_LINK_GONE = msg('auth.reset.gone');

const newPasswordFields = {
  new_password: newPasswordRule('newPassword'),
  new_password_again: z.string({ error: 'auth.field.newPasswordAgain.missing' }),
};

// Typing it twice catches a slip nobody could see in a password field.
function sameTwice(value: { new_password: string; new_password_again: string }, ctx: z.RefinementCtx): void {
  if (value.new_password !== value.new_password_again) {
    ctx.addIssue({ code: 'custom', path: ['new_password_again'], message: 'auth.field.newPasswordAgain.different' });
  }
}

export const newPasswordSchema = z.object(newPasswordFields).superRefine(sameTwice);

export const changePasswordSchema = z
  .object({
    current_password: z
      .string({ error: 'auth.field.currentPassword.notText' })
      .min(1, 'auth.field.currentPassword.required')
      .max(PASSWORD_MAX_LENGTH, 'auth.field.currentPassword.wrong'),
    ...newPasswordFields,
  })
  .superRefine(sameTwice);

/** Where a password change comes from: the session to keep, and the client's address its guesses count against. */
interface ChangeRequest {
  keepSessionHash: string | undefined;
  address: string;
  now: Date;
}

/**
 * A member changes their own password. Every other session ends, so a
 * browser someone else left signed in (or stole) is signed out; this one stays.
 * A wrong current password counts as a failed sign-in (see `countGuess`): a
 * borrowed session is no way to guess the password it lacks.
 */
export async function changePassword(
  db: DB,
  memberId: number,
  input: z.output<typeof changePasswordSchema>,
  request: ChangeRequest,
): Promise<void> {
  const stored = await findPasswordOf(db, memberId);
  if (!stored) throw new NotFound(msg('auth.noSuchMember'));
  const retryAt = await countGuess(db, stored.account, request.address, request.now);
  if (retryAt)
    throw new LimitReached(msg('auth.password.throttled', { minutes: minutesUntil(retryAt, request.now) }), retryAt);
  if (!(await passwordMatches(stored.passwordHash, input.current_password))) {
    throw new Invalid({ current_password: msg('auth.field.currentPassword.wrong') });
  }
  await forgiveGuesses(db, stored.account);
  const passwordHash = await hashPassword(input.new_password);
  await db.transaction().execute(async (trx) => {
    await setPasswordHash(trx, memberId, passwordHash);
    await deleteSessionsOfMember(trx, memberId, request.keepSessionHash);
  });
}

/**
 * A steward makes a one-time link for a member who forgot their password (the
 * box sends no mail, so it is handed over in person). Only its hash is kept;
 * an older unused link for the same member stops working.
 */
export async function issueResetLink(
  db: DB,
  steward: Actor,
  handle: string,
  now: Date,
): Promise<{ memberId: number; token: string; expiresAt: Date }> {
  const member = await findMemberByHandle(db, handle);
  if (!member) throw new NotFound(msg('auth.noSuchMember'));
  const token = newSecretToken();
  const expiresAt = addDays(now, RESET_LINK_DAYS);
  await db.transaction().execute(async (trx) => {
    await deleteUnusedResetsOf(trx, member.id);
    await insertPasswordReset(
      trx,
      { tokenHash: hashSecretToken(token), memberId: member.id, issuedBy: steward.id, expiresAt },
      now,
    );
    await insertDecision(
      trx,
      { memberId: member.id, actorId: steward.id, decision: 'reset_link_issued', reason: '' },
      now,
    );
  });
  return { memberId: member.id, token, expiresAt };
}

/**
 * Sets a new password through a reset link, once. A reset link is how a member
 * takes back an account someone else may hold, so every session of the member
 * ends and every API token is revoked (a stolen token must not outlive it);
 * their failed sign-ins are forgiven so they can sign in at once. Returns how
 * many tokens were revoked, for the page that follows to say so.
 */
export async function resetPassword(
  db: DB,
  token: string,
  input: z.output<typeof newPasswordSchema>,
  now: Date,
): Promise<{ revokedTokens: number }> {
  const passwordHash = await hashPassword(input.new_password);
  return db.transaction().execute(async (trx) => {
    const memberId = await claimReset(trx, hashSecretToken(token), now);
    if (memberId === null) throw new NotFound(RESET_LINK_GONE);
    await setPasswordHash(trx, memberId, passwordHash);
    await deleteSessionsOfMember(trx, memberId);
    const revokedTokens = await revokeApiTokensOfMember(trx, memberId, now);
    const member = await findMemberById(trx, memberId);
    await deleteFailuresOfAccounts(
      trx,
      [member?.email, member?.phone].filter((c): c is string => !!c),
    );
    return { revokedTokens };
  });
}
