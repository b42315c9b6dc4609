import { sql } from 'kysely';
import type { DB } from '../../src/db/database.js';

/** Every column of every table that names a member: each foreign key to `members`, as `table.column`. */
export async function findMemberColumns(db: DB): Promise<string[]> {
  const { rows } = await sql<{ name: string; column: string }>`
    SELECT t.name, f."from" AS "column" FROM sqlite_master t, pragma_foreign_key_list(t.name) f
    WHERE t.type = 'table' AND f."table" = 'members' ORDER BY t.name, f."from"`.execute(db);
  return rows.map((row) => `${row.name}.${row.column}`);
}

/** The `key` column of `table`'s rows whose `column` names the member (names checked against the schema first). */
export async function findKeysNaming(
  db: DB,
  target: { table: string; column: string; key: string },
  memberId: number,
): Promise<string[]> {
  const { rows } = await sql<{ key: unknown }>`SELECT ${sql.ref(target.key)} AS key FROM ${sql.table(target.table)}
    WHERE ${sql.ref(target.column)} = ${memberId}`.execute(db);
  return rows.map((row) => String(row.key));
}

/** What the archive must hold beyond the columns that name the member: what hangs off their accounts, listings... */
export async function findIndirectKeys(db: DB, memberId: number) {
  const accounts = sql`SELECT id FROM accounts WHERE member_id = ${memberId}`;
  const conversations = sql`SELECT c.id FROM listing_conversations c JOIN listings l ON l.seq = c.listing_seq
    WHERE c.replier_id = ${memberId} OR l.author_id = ${memberId}`;
  const keys = async (query: ReturnType<typeof sql<{ key: unknown }>>) =>
    (await query.execute(db)).rows.map((row) => String(row.key));
  return {
    entries: await keys(sql`SELECT id AS key FROM entries WHERE account_id IN (${accounts})`),
    payments: await keys(sql`SELECT id AS key FROM transfers
      WHERE payer_account_id IN (${accounts}) OR payee_account_id IN (${accounts})`),
    conversations: await keys(sql`SELECT id AS key FROM listing_conversations WHERE id IN (${conversations})`),
    messages: await keys(sql`SELECT id AS key FROM listing_messages WHERE conversation_id IN (${conversations})`),
    photos: await keys(sql`SELECT l.id AS key FROM listing_photos p JOIN listings l ON l.seq = p.listing_seq
      WHERE l.author_id = ${memberId}`),
    town_messages: await keys(sql`SELECT m.id AS key FROM federated_messages m
      JOIN federated_conversations c ON c.id = m.conversation_id WHERE c.member_id = ${memberId}`),
    account_changes: await keys(sql`SELECT id AS key FROM account_changes WHERE account_id IN (${accounts})`),
  };
}

/** What no one's archive but its owner's may show: contacts, hashes, reasons for joining, exact places. */
export async function findOthersSecrets(db: DB, memberId: number): Promise<string[]> {
  const { rows } = await sql<{ secret: string | null }>`
    SELECT email AS secret FROM members WHERE id != ${memberId}
    UNION ALL SELECT phone FROM members WHERE id != ${memberId}
    UNION ALL SELECT password_hash FROM members
    UNION ALL SELECT why_join FROM members WHERE id != ${memberId} AND length(why_join) > 12
    UNION ALL SELECT CAST(lat AS TEXT) FROM members WHERE id != ${memberId} AND length(CAST(lat AS TEXT)) >= 9
    UNION ALL SELECT CAST(lat AS TEXT) FROM listings WHERE author_id != ${memberId} AND length(CAST(lat AS TEXT)) >= 9
    UNION ALL SELECT token_hash FROM sessions
    UNION ALL SELECT token_hash FROM api_tokens
    UNION ALL SELECT token_hash FROM invites
    UNION ALL SELECT token_hash FROM password_resets`.execute(db);
  return rows.map((row) => row.secret).filter((secret): secret is string => !!secret);
}

/** A conversation with someone in a neighbouring town, with a message each way (as the peer layer stores them). */
export async function insertTownConversation(db: DB, memberId: number, now: Date): Promise<void> {
  const { rows } = await sql<{ id: number }>`INSERT INTO federated_conversations
    (uuid, listing_id, listing_title, peer, side, member_id, other_name, created_at)
    VALUES (${crypto.randomUUID()}, ${crypto.randomUUID()}, 'A bike trailer in Eye', 'peer-eye', 'replier',
      ${memberId}, 'Ezra of Eye', ${now.toISOString()}) RETURNING id`.execute(db);
  for (const mine of [1, 0]) {
    await sql`INSERT INTO federated_messages (uuid, conversation_id, mine, body, created_at)
      VALUES (${crypto.randomUUID()}, ${rows[0]!.id}, ${mine}, 'Is it still there?', ${now.toISOString()})`.execute(db);
  }
}

/** A steward's change to another member's account limits (the stewards' ledger page does the same). */
export async function insertLimitChange(db: DB, stewardId: number, now: Date): Promise<void> {
  await sql`INSERT INTO account_changes (account_id, actor_id, change, lower_limit, upper_limit, reason, created_at)
    SELECT id, ${stewardId}, 'limits', lower_limit, upper_limit, 'Agreed at the meeting', ${now.toISOString()}
    FROM accounts WHERE member_id IS NOT NULL AND member_id != ${stewardId} LIMIT 1`.execute(db);
}

/** The member (not a steward) who appears in the most records: listings, vouches, feedback, conversations. */
export async function findBusiestMember(db: DB): Promise<{ id: number; handle: string; email: string }> {
  const { rows } = await sql<{ id: number; handle: string; email: string }>`SELECT m.id, m.handle, m.email
    FROM members m WHERE m.status = 'active' AND m.role = 'member' AND m.email IS NOT NULL
    ORDER BY (SELECT count(*) FROM listings WHERE author_id = m.id)
      + (SELECT count(*) FROM vouches WHERE member_id = m.id OR voucher_id = m.id)
      + (SELECT count(*) FROM transfer_feedback WHERE author_id = m.id OR subject_id = m.id)
      + (SELECT count(*) FROM listing_conversations WHERE replier_id = m.id) DESC, m.id LIMIT 1`.execute(db);
  return rows[0]!;
}

/** Whether this box has issued a regional record for the listing (its peer layer does so as the listing is saved). */
export async function findRegionalRecord(db: DB, listingId: string): Promise<boolean> {
  const { rows } = await sql`SELECT 1 FROM listing_records WHERE listing_id = ${listingId}`.execute(db);
  return rows.length > 0;
}
