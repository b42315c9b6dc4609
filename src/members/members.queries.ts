import { sql } from 'kysely';
import type { DB } from '../db/database.js';
import type { MemberDecision, MemberKind, MemberRole, MemberStatus, Visibility } from './members.table.js';
import { containsText } from '../db/like.js';
import type { Message } from '../lib/messages.js';
import { slugify } from '../lib/slug.js';
import { iso } from '../lib/time.js';
import type { MemberLocation } from './location.js';
import type { FieldVisibility, MemberRecord } from './members.js';

export interface NewMember {
  displayName: string;
  kind: MemberKind;
  email: string | null;
  phone: string | null;
  passwordHash: string;
  status: MemberStatus;
  role: MemberRole;
  whyJoin: string;
  /** What they say about themselves; empty unless given (setup asks the first steward). */
  about?: string;
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
function defaultNameVisibility(kind: MemberKind): Visibility {
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
      about: member.about ?? '',
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
export async function contactTaken(
  db: DB,
  contact: { email?: string | null; phone?: string | null },
): Promise<boolean> {
  let query = db.selectFrom('members').select('id');
  if (contact.email) query = query.where('email', '=', contact.email);
  else if (contact.phone) query = query.where('phone', '=', contact.phone);
  else return false;
  return (await query.executeTakeFirst()) !== undefined;
}

/** Handles that would clash with pages under /members/. */
const RESERVED_HANDLES = new Set(['requests']);

/** A handle made from the display name ("Jo Smith" → "jo-smith", then "jo-smith-2", …). */
async function freeHandle(db: DB, displayName: string): Promise<string> {
  const base = slugify(displayName, 30) || 'member';
  const taken = new Set(
    (await db.selectFrom('members').select('handle').where('handle', 'like', `${base}%`).execute()).map(
      (r) => r.handle,
    ),
  );
  if (!taken.has(base) && !RESERVED_HANDLES.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

const MEMBER_COLUMNS = [
  'members.id',
  'members.handle',
  'members.display_name',
  'members.kind',
  'members.status',
  'members.role',
  'members.why_join',
  'members.about',
  'members.links',
  'members.lat',
  'members.lon',
  'members.place_id',
  'places.name as place_name',
  'members.email',
  'members.phone',
  'members.name_visibility',
  'members.about_visibility',
  'members.values_visibility',
  'members.links_visibility',
  'members.location_visibility',
  'members.contact_visibility',
  'members.invited_by',
  'members.created_at',
  'members.activated_at',
] as const;

function selectMembers(db: DB) {
  return db.selectFrom('members').leftJoin('places', 'places.id', 'members.place_id').select(MEMBER_COLUMNS);
}

type MemberRow = Awaited<ReturnType<ReturnType<typeof selectMembers>['executeTakeFirstOrThrow']>>;

function toMemberRecord(row: MemberRow): MemberRecord {
  return {
    id: row.id,
    handle: row.handle,
    displayName: row.display_name,
    kind: row.kind,
    status: row.status,
    role: row.role,
    whyJoin: row.why_join,
    about: row.about,
    links: parseLinks(row.links),
    location: { lat: row.lat, lon: row.lon, placeId: row.place_id },
    placeName: row.place_name,
    email: row.email,
    phone: row.phone,
    visibility: {
      name: row.name_visibility,
      about: row.about_visibility,
      values: row.values_visibility,
      links: row.links_visibility,
      location: row.location_visibility,
      contact: row.contact_visibility,
    },
    invitedBy: row.invited_by,
    createdAt: row.created_at,
    activatedAt: row.activated_at,
  };
}

function parseLinks(json: string): string[] {
  try {
    const links: unknown = JSON.parse(json);
    return Array.isArray(links) ? links.filter((l): l is string => typeof l === 'string') : [];
  } catch {
    return []; // a damaged column shows no links rather than breaking the profile
  }
}

/**
 * How many members have each status: the home page's figures, and the stewards' status filter. Read from the status
 * index alone.
 */
export async function countMembersByStatus(db: DB): Promise<Record<MemberStatus, number>> {
  const rows = await db
    .selectFrom('members')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  const counts: Record<MemberStatus, number> = { pending: 0, active: 0, declined: 0, suspended: 0 };
  for (const row of rows) counts[row.status] = Number(row.n);
  return counts;
}

export async function findMemberByHandle(db: DB, handle: string): Promise<MemberRecord | null> {
  const row = await selectMembers(db).where('members.handle', '=', handle).executeTakeFirst();
  return row ? toMemberRecord(row) : null;
}

export async function findMemberById(db: DB, id: number): Promise<MemberRecord | null> {
  const row = await selectMembers(db).where('members.id', '=', id).executeTakeFirst();
  return row ? toMemberRecord(row) : null;
}

export async function findMembersWithStatus(db: DB, statuses: MemberStatus[]): Promise<MemberRecord[]> {
  const rows = await selectMembers(db)
    .where('members.status', 'in', statuses)
    .orderBy('members.created_at')
    .orderBy('members.id')
    .execute();
  return rows.map(toMemberRecord);
}

/** Each member's values (tags), alphabetically. */
export async function findValuesOf(db: DB, memberIds: number[]): Promise<Map<number, string[]>> {
  const values = new Map<number, string[]>(memberIds.map((id) => [id, []]));
  if (memberIds.length === 0) return values;
  const rows = await db
    .selectFrom('member_values')
    .select(['member_id', 'value'])
    .where('member_id', 'in', memberIds)
    .orderBy('value')
    .execute();
  for (const row of rows) values.get(row.member_id)!.push(row.value);
  return values;
}

export interface ProfileChanges {
  displayName: string;
  kind: MemberKind;
  about: string;
  values: string[];
  links: string[];
  location: MemberLocation;
  visibility: FieldVisibility;
}

export async function updateProfile(db: DB, memberId: number, changes: ProfileChanges): Promise<void> {
  await db
    .updateTable('members')
    .set({
      display_name: changes.displayName,
      kind: changes.kind,
      about: changes.about,
      links: JSON.stringify(changes.links),
      lat: changes.location.lat,
      lon: changes.location.lon,
      place_id: changes.location.placeId,
      name_visibility: changes.visibility.name,
      about_visibility: changes.visibility.about,
      values_visibility: changes.visibility.values,
      links_visibility: changes.visibility.links,
      location_visibility: changes.visibility.location,
      contact_visibility: changes.visibility.contact,
    })
    .where('id', '=', memberId)
    .execute();
  await db.deleteFrom('member_values').where('member_id', '=', memberId).execute();
  if (changes.values.length > 0) {
    await db
      .insertInto('member_values')
      .values(changes.values.map((value) => ({ member_id: memberId, value })))
      .execute();
  }
}

/** Moves a member to a new status; the first activation is remembered as when they joined. */
export async function setMemberStatus(db: DB, memberId: number, status: MemberStatus, now: Date): Promise<void> {
  await db
    .updateTable('members')
    .set((eb) => ({
      status,
      activated_at: status === 'active' ? eb.fn.coalesce('activated_at', eb.val(iso(now))) : eb.ref('activated_at'),
    }))
    .where('id', '=', memberId)
    .execute();
}

export async function setMemberRole(db: DB, memberId: number, role: MemberRole): Promise<void> {
  await db.updateTable('members').set({ role }).where('id', '=', memberId).execute();
}

/**
 * Logs a decision about a member: who (null when the box decided), what, why, when. The why is a steward's own words,
 * or the box's reason as a catalogue message (stored as its key and values, so each reader reads it in their language).
 */
export async function insertDecision(
  db: DB,
  decision: { memberId: number; actorId: number | null; decision: MemberDecision; reason: string | Message },
  now: Date,
): Promise<void> {
  const { reason } = decision;
  await db
    .insertInto('member_decisions')
    .values({
      member_id: decision.memberId,
      actor_id: decision.actorId,
      decision: decision.decision,
      reason: typeof reason === 'string' ? reason : '',
      reason_message: typeof reason === 'string' ? null : JSON.stringify(reason),
      created_at: iso(now),
    })
    .execute();
}

/** A stored decision's reason: the box's message when it gave one, else the steward's words. */
export function decisionReason(row: { reason: string; reason_message: string | null }): string | Message {
  return row.reason_message === null ? row.reason : (JSON.parse(row.reason_message) as Message);
}

export interface DirectorySearch {
  /** The visibilities the viewer may see (see `visibleLevels`). */
  levels: Visibility[];
  /** The viewer, who always sees their own fields; null for a visitor. */
  viewerId: number | null;
  /** Words to look for in names, and in about and values where the viewer may see them. */
  q: string;
  limit: number;
  offset: number;
}

/**
 * Active members whose name the viewer may see, matching the search, by name.
 * A hidden field is never searched, or a search would reveal what it holds.
 */
export async function searchActiveMembers(
  db: DB,
  search: DirectorySearch,
): Promise<{ members: MemberRecord[]; total: number }> {
  const viewerId = search.viewerId ?? -1;
  const filtered = db
    .selectFrom('members')
    .leftJoin('places', 'places.id', 'members.place_id')
    .where('members.status', '=', 'active')
    .where((eb) => eb.or([eb('members.name_visibility', 'in', search.levels), eb('members.id', '=', viewerId)]))
    .$if(search.q !== '', (qb) =>
      qb.where((eb) => {
        const matches = (column: string) => containsText(column, search.q);
        const shown = (column: 'members.about_visibility' | 'members.values_visibility') =>
          eb.or([eb(column, 'in', search.levels), eb('members.id', '=', viewerId)]);
        return eb.or([
          matches('members.display_name'),
          eb.and([shown('members.about_visibility'), matches('members.about')]),
          eb.and([
            shown('members.values_visibility'),
            eb.exists(
              eb
                .selectFrom('member_values')
                .select('member_values.value')
                .whereRef('member_values.member_id', '=', 'members.id')
                .where(matches('member_values.value')),
            ),
          ]),
        ]);
      }),
    );
  const [rows, count] = await Promise.all([
    filtered
      .select(MEMBER_COLUMNS)
      .orderBy(sql`members.display_name COLLATE NOCASE`)
      .orderBy('members.id')
      .limit(search.limit)
      .offset(search.offset)
      .execute(),
    filtered.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow(),
  ]);
  return { members: rows.map(toMemberRecord), total: Number(count.count) };
}
