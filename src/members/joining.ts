import { z } from 'zod';
import { newPasswordField } from '../auth/passwords.js';
import type { DB } from '../db/database.js';
import type { MemberKind } from './members.table.js';
import { AppError, ValidationError } from '../http/errors.js';
import { choice, requiredText } from '../http/forms.js';
import { parseContact } from './contact.js';
import { claimInviteUse } from './invites.queries.js';
import type { MemberLocation } from './location.js';
import { contactTaken, insertMember } from './members.queries.js';
import { MEMBER_KINDS } from './members.js';
import { recordVouch } from './vouches.js';

/** A password someone chooses; the same rules wherever one is set. */

export const kindField = choice('Kind', MEMBER_KINDS, 'person, business or organisation');

/** The join form, apart from its location fields (see `locationSchema`). */
export const joinSchema = z.object({
  display_name: requiredText('Name', 80),
  kind: kindField,
  contact: requiredText('Email or phone', 254).transform((value, ctx) => {
    const contact = parseContact(value);
    if (contact) return contact;
    ctx.addIssue({
      code: 'custom',
      message: 'Email or phone must be an email address (like jo@example.org) or a phone number (like 07700 900123).',
    });
    return z.NEVER;
  }),
  password: newPasswordField(),
  why_join: requiredText('Why you would like to join', 1000),
});

export type JoinInput = z.output<typeof joinSchema>;

export interface JoinRequest {
  displayName: string;
  kind: MemberKind;
  contact: { email: string } | { phone: string };
  passwordHash: string;
  whyJoin: string;
  location: MemberLocation;
}

export interface JoinResult {
  handle: string;
  /** Vouches the newcomer already has (the inviter's, when they came through a link). */
  vouches: number;
  activated: boolean;
}

/**
 * Stores a join request as a pending member, in the caller's transaction. Through
 * an invite link, it also takes one use of the link and records the inviter's
 * vouch, which may be all the newcomer needs.
 */
export async function requestToJoin(
  trx: DB,
  request: JoinRequest,
  inviteTokenHash: string | null,
  now: Date,
): Promise<JoinResult> {
  const email = 'email' in request.contact ? request.contact.email : null;
  const phone = 'phone' in request.contact ? request.contact.phone : null;
  if (await contactTaken(trx, { email, phone })) {
    throw new ValidationError({
      contact: 'That email or phone already belongs to a member or a join request. Sign in instead, or use another.',
    });
  }
  const invite = inviteTokenHash === null ? null : await claimInviteUse(trx, inviteTokenHash, now);
  // The route checked the link, but it may have closed since (the last use taken by someone else).
  if (inviteTokenHash !== null && !invite)
    throw new AppError(
      410,
      'invite_closed',
      'This invite link stopped working: it has expired, been withdrawn or been used up. Ask for a new one.',
    );
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
  if (!invite) return { handle: member.handle, vouches: 0, activated: false };
  const { activated } = await recordVouch(
    trx,
    {
      memberId: member.id,
      voucherId: invite.inviterId,
      relation: invite.relation,
      note: 'Invited them with a link.',
      inviteId: invite.id,
    },
    now,
  );
  return { handle: member.handle, vouches: 1, activated };
}
