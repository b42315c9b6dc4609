import type { DB, MemberKind, MemberRole, MemberStatus, Visibility } from '../db/database.js';
import { iso } from '../lib/time.js';

export interface NewMember {
  displayName: string;
  kind: MemberKind;
  email: string | null;
  phone: string | null;
  passwordHash: string;
  status: MemberStatus;
  role: MemberRole;
  whyJoin: string;
  lat: number;
  lon: number;
  placeId: number | null;
  invitedBy?: number | null;
  inviteId?: number | null;
}

/**
 * Businesses and organisations are public-facing by default; a person's name
 * is shown to members only until they choose otherwise.
 */
export function defaultNameVisibility(kind: MemberKind): Visibility {
  return kind === 'person' ? 'members' : 'everyone';
}

export async function insertMember(db: DB, member: NewMember, now: Date): Promise<{ id: number; handle: string }> {
  const handle = await freeHandle(db, member.displayName);
  const row = await db
    .insertInto('members')
    .values({
      handle,
      display_name: member.displayName,
      kind: member.kind,
      email: member.email,
      phone: member.phone,
      password_hash: member.passwordHash,
      status: member.status,
      role: member.role,
      why_join: member.whyJoin,
      lat: member.lat,
      lon: member.lon,
      place_id: member.placeId,
      name_visibility: defaultNameVisibility(member.kind),
      invited_by: member.invitedBy ?? null,
      invite_id: member.inviteId ?? null,
      created_at: iso(now),
      activated_at: member.status === 'active' ? iso(now) : null,
    })
    .returning(['id', 'handle'])
    .executeTakeFirstOrThrow();
  return row;
}

/** True when an email or phone already belongs to a member (of any status). */
export async function contactTaken(db: DB, contact: { email?: string | null; phone?: string | null }): Promise<boolean> {
  let query = db.selectFrom('members').select('id');
  if (contact.email) query = query.where('email', '=', contact.email);
  else if (contact.phone) query = query.where('phone', '=', contact.phone);
  else return false;
  return (await query.executeTakeFirst()) !== undefined;
}

/** A handle made from the display name ("Jo Smith" → "jo-smith", then "jo-smith-2", …). */
async function freeHandle(db: DB, displayName: string): Promise<string> {
  const base =
    displayName
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 30)
      .replace(/-+$/, '') || 'member';
  const taken = new Set(
    (await db.selectFrom('members').select('handle').where('handle', 'like', `${base}%`).execute()).map((r) => r.handle),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
