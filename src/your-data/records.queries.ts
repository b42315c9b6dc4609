import { type RawBuilder, sql } from 'kysely';
import type { DB } from '../db/database.js';

/** One record of an archive's section: a row as the member may read it (no secrets, no one else's private fields). */
export type ArchiveRow = Record<string, string | number | null>;

type SectionQuery = (me: number) => RawBuilder<unknown>;

/** Another member as a record about the member names them: by handle, nothing more. */
const handleOf = (column: RawBuilder<unknown>) => sql`(SELECT handle FROM members WHERE id = ${column})`;

/** The member's listings, replies on them, and the conversations they started on others' listings. */
const myConversations = (me: number) => sql`SELECT c.id FROM listing_conversations c
  JOIN listings l ON l.seq = c.listing_seq WHERE c.replier_id = ${me} OR l.author_id = ${me}`;
const myAccounts = (me: number) => sql`SELECT id FROM accounts WHERE member_id = ${me}`;

/**
 * What the box holds about one member, section by section: each query reads the rows that name them (the archive's
 * `json/<section>.json` and `csv/<section>.csv`). Password and token hashes are never read; another member appears by
 * handle only; listings promised to the member by others leave out their author's exact place.
 */
export const SECTION_QUERIES = {
  profile: (me) => sql`SELECT m.id, m.handle, m.display_name, m.kind, m.email, m.phone, m.status, m.role, m.about,
      m.links, m.lat, m.lon, p.name AS place, m.name_visibility, m.about_visibility, m.values_visibility,
      m.links_visibility, m.location_visibility, m.contact_visibility, m.locale, m.created_at, m.activated_at
    FROM members m LEFT JOIN places p ON p.id = m.place_id WHERE m.id = ${me}`,
  values: (me) => sql`SELECT value FROM member_values WHERE member_id = ${me} ORDER BY value`,
  join_request: (me) => sql`SELECT m.why_join, m.created_at AS asked_at, m.status, m.activated_at,
      ${handleOf(sql`m.invited_by`)} AS invited_by FROM members m WHERE m.id = ${me}`,
  invites: (me) => sql`SELECT id, max_uses, relation, uses, expires_at, created_at, revoked_at
    FROM invites WHERE inviter_id = ${me} ORDER BY id`,
  invited_members: (me) => sql`SELECT id, handle, created_at FROM members WHERE invited_by = ${me} ORDER BY id`,
  vouches: (me) => sql`SELECT id, CASE WHEN member_id = ${me} THEN 'received' ELSE 'given' END AS direction,
      ${handleOf(sql`CASE WHEN member_id = ${me} THEN voucher_id ELSE member_id END`)} AS other_member,
      relation, note, created_at
    FROM vouches WHERE member_id = ${me} OR voucher_id = ${me} ORDER BY id`,
  decisions: (me) => sql`SELECT id, ${handleOf(sql`member_id`)} AS about, ${handleOf(sql`actor_id`)} AS decided_by,
      decision, reason, reason_message, created_at
    FROM member_decisions WHERE member_id = ${me} OR actor_id = ${me} ORDER BY id`,
  password_resets: (me) => sql`SELECT ${handleOf(sql`member_id`)} AS for_member,
      ${handleOf(sql`issued_by`)} AS issued_by, created_at, expires_at, used_at
    FROM password_resets WHERE member_id = ${me} OR issued_by = ${me} ORDER BY created_at`,
  sessions: (me) => sql`SELECT created_at, last_seen_at, expires_at FROM sessions WHERE member_id = ${me}
    ORDER BY created_at`,
  home_visits: (me) => sql`SELECT visited_at, new_since FROM home_visits WHERE member_id = ${me}`,
  api_tokens: (me) => sql`SELECT id, name, created_at, last_used_at, revoked_at FROM api_tokens
    WHERE member_id = ${me} ORDER BY id`,
  groups: (me) => sql`SELECT g.id AS group_id, g.slug, g.name, gm.role, gm.status, gm.created_at
    FROM group_members gm JOIN groups g ON g.id = gm.group_id WHERE gm.member_id = ${me} ORDER BY g.id`,
  groups_started: (me) => sql`SELECT id, slug, name, purpose, join_policy, visibility, created_at
    FROM groups WHERE created_by = ${me} ORDER BY id`,
  listings: (me) => sql`SELECT l.id, l.kind, l.title, l.description, l.category, l.terms, l.price_amount,
      l.price_currency, l.lat, l.lon, l.public_lat, l.public_lon, l.town, l.visibility, g.slug AS group_slug,
      ${handleOf(sql`l.promised_to`)} AS promised_to, l.promised_at, l.done_at, l.withdrawn_at, l.expires_at,
      l.archived_at, l.regional, l.created_at, l.updated_at
    FROM listings l LEFT JOIN groups g ON g.id = l.group_id WHERE l.author_id = ${me} ORDER BY l.seq`,
  promised_to_me: (me) => sql`SELECT id, title, ${handleOf(sql`author_id`)} AS author, promised_at, done_at
    FROM listings WHERE promised_to = ${me} ORDER BY seq`,
  photos: (me) => sql`SELECT l.id AS listing_id, p.content_type, p.width, p.height
    FROM listing_photos p JOIN listings l ON l.seq = p.listing_seq WHERE l.author_id = ${me} ORDER BY l.seq`,
  conversations: (me) => sql`SELECT c.id, l.id AS listing_id, l.title AS listing_title,
      ${handleOf(sql`l.author_id`)} AS listing_author, ${handleOf(sql`c.replier_id`)} AS replier, c.created_at
    FROM listing_conversations c JOIN listings l ON l.seq = c.listing_seq
    WHERE c.id IN (${myConversations(me)}) ORDER BY c.id`,
  messages: (me) => sql`SELECT id, conversation_id, ${handleOf(sql`sender_id`)} AS sender, body, created_at
    FROM listing_messages WHERE conversation_id IN (${myConversations(me)}) ORDER BY id`,
  notices: (me) => sql`SELECT n.id, l.id AS listing_id, n.message, n.message_values, n.created_at, n.read_at
    FROM listing_notices n JOIN listings l ON l.seq = n.listing_seq WHERE n.member_id = ${me} ORDER BY n.id`,
  accounts: (me) => sql`SELECT a.id, c.code AS currency, a.lower_limit, a.upper_limit, a.balance, a.frozen_reason,
      a.created_at FROM accounts a JOIN currencies c ON c.id = a.currency_id WHERE a.member_id = ${me} ORDER BY a.id`,
  payments: (me) => sql`SELECT t.id, c.code AS currency, t.payer_account_id, t.payee_account_id, t.amount, t.kind,
      t.state, t.description, t.listing_id, t.reverses_id, t.reason, ${handleOf(sql`t.created_by`)} AS created_by,
      t.created_at, t.expires_at, t.decided_at, ${handleOf(sql`t.decided_by`)} AS decided_by
    FROM transfers t JOIN currencies c ON c.id = t.currency_id
    WHERE t.payer_account_id IN (${myAccounts(me)}) OR t.payee_account_id IN (${myAccounts(me)})
      OR t.created_by = ${me} OR t.decided_by = ${me} ORDER BY t.created_at, t.id`,
  entries: (me) => sql`SELECT id, transfer_id, account_id, amount, created_at FROM entries
    WHERE account_id IN (${myAccounts(me)}) ORDER BY id`,
  account_changes: (me) => sql`SELECT id, account_id, ${handleOf(sql`actor_id`)} AS changed_by, change, lower_limit,
      upper_limit, reason, created_at
    FROM account_changes WHERE account_id IN (${myAccounts(me)}) OR actor_id = ${me} ORDER BY id`,
  feedback: (me) => sql`SELECT f.id, f.transfer_id, ${handleOf(sql`f.author_id`)} AS author, ga.slug AS for_group,
      ${handleOf(sql`f.subject_id`)} AS about_member, gs.slug AS about_group, f.rating, f.comment, f.created_at,
      f.updated_at
    FROM transfer_feedback f LEFT JOIN groups ga ON ga.id = f.author_group_id
      LEFT JOIN groups gs ON gs.id = f.subject_group_id
    WHERE f.author_id = ${me} OR f.subject_id = ${me} ORDER BY f.id`,
  currencies_created: (me) => sql`SELECT id, code, name, symbol, scale, created_at FROM currencies
    WHERE created_by = ${me} ORDER BY id`,
  regional_records: (me) => sql`SELECT r.listing_id, l.title, r.op, r.seq, r.expires_at
    FROM listing_records r JOIN listings l ON l.id = r.listing_id WHERE l.author_id = ${me} ORDER BY r.seq`,
  // Regional records go to every sibling box of the region: the towns the member's listings were shared with.
  neighbouring_towns: (me) => sql`SELECT name, peer_id, added_at FROM siblings
    WHERE EXISTS (SELECT 1 FROM listings WHERE author_id = ${me} AND regional = 1) ORDER BY name`,
  town_conversations: (me) => sql`SELECT id, listing_id, listing_title, peer, side, other_name, created_at
    FROM federated_conversations WHERE member_id = ${me} ORDER BY id`,
  town_messages: (me) => sql`SELECT m.id, m.conversation_id, m.mine, m.body, m.created_at, m.delivered_at, m.refused
    FROM federated_messages m JOIN federated_conversations c ON c.id = m.conversation_id
    WHERE c.member_id = ${me} ORDER BY m.id`,
} satisfies Record<string, SectionQuery>;

export type SectionName = keyof typeof SECTION_QUERIES;

export const SECTION_NAMES = Object.keys(SECTION_QUERIES) as SectionName[];

export async function findSectionRows(db: DB, section: SectionName, memberId: number): Promise<ArchiveRow[]> {
  const { rows } = await SECTION_QUERIES[section](memberId).execute(db);
  return rows as ArchiveRow[];
}

/** A photo of one of the member's listings, for the archive. */
export async function findPhoto(
  db: DB,
  memberId: number,
  listingId: string,
): Promise<{ contentType: string; data: Buffer } | null> {
  const row = await db
    .selectFrom('listing_photos')
    .innerJoin('listings', 'listings.seq', 'listing_photos.listing_seq')
    .select(['listing_photos.content_type', 'listing_photos.data'])
    .where('listings.id', '=', listingId)
    .where('listings.author_id', '=', memberId)
    .executeTakeFirst();
  return row ? { contentType: row.content_type, data: row.data } : null;
}
