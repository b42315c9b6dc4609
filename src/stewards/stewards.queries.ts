import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Database, DB } from '../db/database.js';
import type { MemberDecision, MemberKind, MemberRole, MemberStatus } from '../members/members.table.js';
import { containsText } from '../db/like.js';
import type { Message } from '../lib/messages.js';
import { parseContact } from '../members/contact.js';
import { decisionReason } from '../members/members.queries.js';
import { shownLocation, type ShownLocation } from '../members/profiles.js';

/** A member as the stewards' list shows them. */
export interface MemberEntry {
  handle: string;
  displayName: string;
  kind: MemberKind;
  status: MemberStatus;
  role: MemberRole;
  /** For someone waiting for approval: what a steward weighs up before deciding. */
  request: { whyJoin: string; askedAt: string; vouches: number; location: ShownLocation } | null;
}

export interface MemberListSearch {
  /** A part of a name or handle, or a whole email address or phone number; '' for everyone. */
  q: string;
  /** Null for everyone but the declined (closed requests, kept for the decisions log). */
  status: MemberStatus | null;
  limit: number;
  offset: number;
}

const NOT_DECLINED: MemberStatus[] = ['pending', 'active', 'suspended'];

const ENTRY_COLUMNS = [
  'members.handle',
  'members.display_name',
  'members.kind',
  'members.status',
  'members.role',
  'members.why_join',
  'members.created_at',
  'members.lat',
  'members.lon',
  'places.name as place_name',
  // In the same query, for requests only (through the index of vouches_once): no query per row.
  sql<number>`CASE WHEN members.status = 'pending'
    THEN (SELECT count(*) FROM vouches WHERE vouches.member_id = members.id) ELSE 0 END`.as('vouches'),
] as const;

function selectEntries(db: DB) {
  return db.selectFrom('members').leftJoin('places', 'places.id', 'members.place_id').select(ENTRY_COLUMNS);
}

type EntryRow = Awaited<ReturnType<ReturnType<typeof selectEntries>['executeTakeFirstOrThrow']>>;

function toEntry(row: EntryRow): MemberEntry {
  return {
    handle: row.handle,
    displayName: row.display_name,
    kind: row.kind,
    status: row.status,
    role: row.role,
    request:
      row.status === 'pending'
        ? {
            whyJoin: row.why_join,
            askedAt: row.created_at,
            vouches: Number(row.vouches),
            location: shownLocation({ placeName: row.place_name, location: row }),
          }
        : null,
  };
}

/**
 * One page of the stewards' members list and how many match in all. Requests
 * waiting for approval come first, oldest first (ids grow with each request),
 * then everyone else by name. One status reads the (status, display_name)
 * index; a search reads the community's members once, which is quick at the
 * few thousand a box holds. Names and handles match in part, an email or phone
 * only whole: contacts are private, and a fragment such as "gmail" would list
 * everyone's mail provider.
 */
export async function findMemberEntries(
  db: DB,
  search: MemberListSearch,
): Promise<{ members: MemberEntry[]; total: number }> {
  const count = await db
    .selectFrom('members')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where((eb) => listed(eb, search))
    .executeTakeFirstOrThrow();
  const rows = await selectEntries(db)
    .where((eb) => listed(eb, search))
    .orderBy(sql`members.status <> 'pending'`)
    .orderBy(sql`CASE WHEN members.status = 'pending' THEN members.id END`)
    .orderBy(sql`members.display_name COLLATE NOCASE`)
    .orderBy('members.id')
    .limit(search.limit)
    .offset(search.offset)
    .execute();
  return { members: rows.map(toEntry), total: Number(count.count) };
}

/** The members a search finds, whatever is selected with them. */
function listed(eb: ExpressionBuilder<Database, 'members'>, search: MemberListSearch): Expression<SqlBool> {
  const byStatus = eb('members.status', 'in', search.status ? [search.status] : NOT_DECLINED);
  if (search.q === '') return byStatus;
  const contact = parseContact(search.q);
  return eb.and([
    byStatus,
    eb.or([
      containsText('members.display_name', search.q),
      containsText('members.handle', search.q),
      ...(contact && 'email' in contact ? [eb('members.email', '=', contact.email)] : []),
      ...(contact && 'phone' in contact ? [eb('members.phone', '=', contact.phone)] : []),
    ]),
  ]);
}

export async function findMemberEntry(db: DB, handle: string): Promise<MemberEntry | null> {
  const row = await selectEntries(db).where('members.handle', '=', handle).executeTakeFirst();
  return row ? toEntry(row) : null;
}

export interface DecisionLogEntry {
  member: { handle: string; displayName: string };
  /** Null when the box decided by itself (enough vouches). */
  actor: { handle: string; displayName: string } | null;
  decision: MemberDecision;
  /** A steward's words, or the box's own reason as a message (said in the reader's language). */
  reason: string | Message;
  createdAt: string;
}

export async function countActiveStewards(db: DB): Promise<number> {
  const row = await db
    .selectFrom('members')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('role', '=', 'steward')
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * The latest decisions about members, newest first; `offset` skips that many of the newest (for the log's older pages).
 */
export async function findRecentDecisions(db: DB, limit: number, offset = 0): Promise<DecisionLogEntry[]> {
  const rows = await db
    .selectFrom('member_decisions')
    .innerJoin('members as member', 'member.id', 'member_decisions.member_id')
    .leftJoin('members as actor', 'actor.id', 'member_decisions.actor_id')
    .select([
      'member.handle as member_handle',
      'member.display_name as member_name',
      'actor.handle as actor_handle',
      'actor.display_name as actor_name',
      'member_decisions.decision',
      'member_decisions.reason',
      'member_decisions.reason_message',
      'member_decisions.created_at',
    ])
    .orderBy('member_decisions.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map((r) => ({
    member: { handle: r.member_handle, displayName: r.member_name },
    actor:
      r.actor_handle === null || r.actor_name === null ? null : { handle: r.actor_handle, displayName: r.actor_name },
    decision: r.decision,
    reason: decisionReason(r),
    createdAt: r.created_at,
  }));
}
