import { z } from 'zod';
import type { DB } from '../db/database.js';
import { wholeNumber } from '../lib/fields.js';
import { hashSecretToken, newSecretToken } from '../lib/secret-tokens.js';
import { addDays } from '../lib/time.js';
import { insertInvite, type Invite, type InviteWithInviter } from './invites.queries.js';
import { relationField } from './vouches.js';

const withDefault = (fallback: number) => (v: unknown) => (v === undefined || v === '' ? fallback : v);

export const inviteSchema = z.object({
  expiry_days: z.preprocess(
    withDefault(7),
    wholeNumber(
      { whole: 'members.field.daysWhole', min: 'members.field.daysMin', max: 'members.field.daysMax' },
      1,
      30,
    ),
  ),
  max_uses: z.preprocess(
    withDefault(1),
    wholeNumber(
      { whole: 'members.field.usesWhole', min: 'members.field.usesMin', max: 'members.field.usesMax' },
      1,
      50,
    ),
  ),
  relation: relationField,
});

export type InviteInput = z.output<typeof inviteSchema>;

export const INVITE_PATH = '/join/invite/';

/** Makes a link; the token is returned once, for the inviter to share, and only its hash is kept. */
export async function createInvite(
  db: DB,
  inviterId: number,
  input: InviteInput,
  now: Date,
): Promise<{ id: number; token: string }> {
  const token = newSecretToken();
  const id = await insertInvite(
    db,
    {
      tokenHash: hashSecretToken(token),
      inviterId,
      relation: input.relation,
      maxUses: input.max_uses,
      expiresAt: addDays(now, input.expiry_days),
    },
    now,
  );
  return { id, token };
}

export type InviteState = 'live' | 'revoked' | 'expired' | 'used_up' | 'inviter_inactive';

/** Why a link does or does not work now (the same conditions as `claimInviteUse`). */
export function inviteState(invite: Invite | InviteWithInviter, now: Date): InviteState {
  if (invite.revokedAt) return 'revoked';
  if (invite.expiresAt <= now.toISOString()) return 'expired';
  if (invite.uses >= invite.maxUses) return 'used_up';
  if ('inviter' in invite && invite.inviter.status !== 'active') return 'inviter_inactive';
  return 'live';
}
