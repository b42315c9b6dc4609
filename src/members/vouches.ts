import { z } from 'zod';
import { findCommunity } from '../community/community.queries.js';
import type { DB } from '../db/database.js';
import type { Actor } from '../auth/actor.js';
import { Conflict, NotFound } from '../lib/errors.js';
import { msg } from '../lib/messages.js';
import { choice, optionalText } from '../lib/fields.js';
import { findMemberByHandle, insertDecision, setMemberStatus } from './members.queries.js';
import { canSee, VOUCH_RELATIONS, viewerReach } from './members.js';
import { countVouchesFor, hasVouched, insertVouch, type NewVouch } from './vouches.queries.js';

export const relationField = choice({ choose: 'members.field.relation' }, VOUCH_RELATIONS);

export const vouchSchema = z
  .object({ relation: relationField, note: optionalText({ tooLong: 'members.field.noteTooLong' }, 500) })
  .superRefine((vouch, ctx) => {
    if (vouch.relation === 'other' && vouch.note === '') {
      ctx.addIssue({ code: 'custom', path: ['note'], message: 'members.field.noteNeeded' });
    }
  });

export type VouchInput = z.output<typeof vouchSchema>;

/**
 * Records a vouch for a pending member. The member becomes active, in the
 * caller's transaction, once their vouches reach the community's number.
 */
export async function recordVouch(trx: DB, vouch: NewVouch, now: Date): Promise<{ activated: boolean }> {
  await insertVouch(trx, vouch, now);
  const required = (await findCommunity(trx))?.vouchesRequired ?? Infinity;
  if ((await countVouchesFor(trx, vouch.memberId)) < required) return { activated: false };
  await setMemberStatus(trx, vouch.memberId, 'active', now);
  await insertDecision(
    trx,
    {
      memberId: vouch.memberId,
      actorId: null,
      decision: 'activated_by_vouches',
      reason: msg('members.decision.byVouches', { count: required }),
    },
    now,
  );
  return { activated: true };
}

/**
 * An active member vouches for a pending one, once. Nobody can vouch for
 * themselves: vouchers are active and the vouched-for pending (the table
 * refuses it too).
 */
export async function vouchFor(
  trx: DB,
  voucher: Actor,
  handle: string,
  input: VouchInput,
  now: Date,
): Promise<{ displayName: string; activated: boolean }> {
  const member = await findMemberByHandle(trx, handle);
  if (!member) throw new NotFound(msg('members.requests.unknown'));
  if (member.status !== 'pending') {
    // Any handle can be typed here: name only someone whose name the voucher may see (a request just let in, say).
    const name = canSee(viewerReach(voucher.id, member.id), member.visibility.name) ? member.displayName : handle;
    throw new Conflict(msg('members.requests.notWaiting', { name }));
  }
  if (await hasVouched(trx, member.id, voucher.id))
    throw new Conflict(msg('members.requests.already', { name: member.displayName }));
  const { activated } = await recordVouch(
    trx,
    { memberId: member.id, voucherId: voucher.id, relation: input.relation, note: input.note, inviteId: null },
    now,
  );
  return { displayName: member.displayName, activated };
}
