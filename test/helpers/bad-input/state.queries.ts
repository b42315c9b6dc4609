import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { TestBox } from '../box.js';

/** Every table people's input can reach; a refused request must leave each as it was. */
const TABLES = [
  'community',
  'places',
  'members',
  'member_values',
  'vouches',
  'member_decisions',
  'invites',
  'password_resets',
  'api_tokens',
  'groups',
  'group_members',
  'meta',
  'currencies',
  'accounts',
  'transfers',
  'entries',
  'account_changes',
  'transfer_feedback',
  'listings',
  'listing_photos',
  'listing_conversations',
  'listing_messages',
  'listing_notices',
];

/**
 * Each table as its row count and a digest of its rows, so that rows a refused
 * request could have updated (a profile, a password, a group) are compared too.
 */
export async function fingerprint(box: TestBox): Promise<Record<string, string>> {
  const prints: Record<string, string> = {};
  for (const table of TABLES) {
    const { rows } = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)} ORDER BY rowid`.execute(
      box.database.db,
    );
    const digest = crypto.createHash('sha256').update(JSON.stringify(rows)).digest('hex').slice(0, 16);
    prints[table] = `${rows.length} rows, ${digest}`;
  }
  return prints;
}
