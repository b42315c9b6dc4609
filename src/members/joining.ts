import { z } from 'zod';
import { newPasswordRule } from '../auth/passwords.js';
import type { DB } from '../db/database.js';
import type { MemberKind } from './members.table.js';
import { Conflict } from '../lib/errors.js';
import { findCommunity } from '../community/community.queries.js';
import { msg } from '../lib/messages.js';
import { choice, requiredText } from '../lib/fields.js';
import { parseContact } from './contact.js';
import { claimInviteUse } from './invites.queries.js';
import type { MemberLocation } from './location.js';
import { contactTaken, insertMember } from './members.queries.js';
import { MEMBER_KINDS } from './members.js';
import { recordVouch } from './vouches.js';

export const kindField = choice({ choose: 'members.field.kind' }, MEMBER_KINDS);

/** The join form, apart from its location fields (see `locationSchema`). */
export const joinSchema = z.object({
  display_name: requiredText({ required: 'members.field.nameRequired', tooLong: 'members.field.nameTooLong' }, 80),
  kind: kindField,
  contact: requiredText(
    { required: 'members.field.contactRequired', tooLong: 'members.field.contactTooLong' },
    254,
  ).transform((value, ctx) => {
    const contact = parseContact(value);
    if (contact) return contact;
    ctx.addIssue({ code: 'custom', message: 'members.field.contactForm' });
    return z.NEVER;
  }),
  // A password someone chooses: the same rule wherever one is set.
  password: newPasswordRule('password'),
  why_join: requiredText({ required: 'members.field.whyRequired', tooLong: 'members.field.whyTooLong' }, 1000),
});

export interface JoinRequest {
  displayName: string;
  kind: MemberKind;
  contact: { email: string } | { phone: string };
  passwordHash: string;
  whyJoin: string;
  location: MemberLocation;
}

export interface JoinResult {
  /** Vouches the newcomer already has (the inviter's, when they came through a link). */
  vouches: number;
  activated: boolean;
}

/**
 * Stores a join request as a pending member, in the caller's transaction. Through
 * an invite link, it also takes one use of the link and records the inviter's
 * vouch, which may be all the newcomer needs.
 *
 * An email or phone that already belongs to a member (or a request) is answered
 * exactly as a new one would be, the link's use taken too, and nothing stored: the
 * join form must not tell a visitor who is a member. Whoever owns the contact
 * already has an account; anyone else learns nothing.
 */
export async function requestToJoin(
  trx: DB,
  request: JoinRequest,
  inviteTokenHash: string | null,
  now: Date,
): Promise<JoinResult> {
  const email = 'email' in request.contact ? request.contact.email : null;
  const phone = 'phone' in request.contact ? request.contact.phone : null;
  const invite = inviteTokenHash === null ? null : await claimInviteUse(trx, inviteTokenHash, now);
  // The route checked the link, but it may have closed since (the last use taken by someone else).
  if (inviteTokenHash !== null && !invite)
    throw new Conflict(msg('members.inviteClosed.meanwhile'), undefined, 'invite_closed');
  if (await contactTaken(trx, { email, phone })) return answerAsIfNew(trx, invite !== null);
  const member = await insertMember(
    trx,
    {
      displayName: request.displayName,
      kind: request.kind,
      email,
      phone,
      passwordHash: request.passwordHash,
      status: 'pending',
      role: 'member',
      whyJoin: request.whyJoin,
      lat: request.location.lat,
      lon: request.location.lon,
      placeId: request.location.placeId,
      invitedBy: invite?.inviterId ?? null,
      inviteId: invite?.id ?? null,
    },
    now,
  );
  if (!invite) return { vouches: 0, activated: false };
  const { activated } = await recordVouch(
    trx,
    {
      memberId: member.id,
      voucherId: invite.inviterId,
      relation: invite.relation,
      // No note: the profile says who invited the member, in the reader's language.
      note: '',
      inviteId: invite.id,
    },
    now,
  );
  return { vouches: 1, activated };
}

/** What `requestToJoin` answers a new request with: the inviter's vouch, which activates it when one is enough. */
async function answerAsIfNew(trx: DB, invited: boolean): Promise<JoinResult> {
  if (!invited) return { vouches: 0, activated: false };
  const required = (await findCommunity(trx))?.vouchesRequired ?? Infinity;
  return { vouches: 1, activated: required <= 1 };
}
