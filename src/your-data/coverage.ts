import type { SectionName } from './records.queries.js';

/**
 * Where the archive holds each column that names a member (a foreign key to `members`): the section whose rows are
 * the rows naming them, and the column that matches a table's row to a section's (`key`: table column, section field).
 * A column that holds nothing about the member says why instead. The test of the archive lists every such column in
 * the database and fails, naming it, when a new one is missing here: a new table cannot be forgotten.
 */
export type Coverage = { section: SectionName; key: readonly [string, string] } | { notPersonal: string };

const BY_ID = ['id', 'id'] as const;

export const MEMBER_COLUMNS: Readonly<Record<string, Coverage>> = {
  'account_changes.actor_id': { section: 'account_changes', key: BY_ID },
  'accounts.member_id': { section: 'accounts', key: BY_ID },
  'api_tokens.member_id': { section: 'api_tokens', key: BY_ID },
  'currencies.created_by': { section: 'currencies_created', key: BY_ID },
  'data_exports.member_id': { notPersonal: 'the archives of this data themselves, shown on the page, kept a day' },
  'federated_conversations.member_id': { section: 'town_conversations', key: BY_ID },
  'group_members.member_id': { section: 'groups', key: ['group_id', 'group_id'] },
  'groups.created_by': { section: 'groups_started', key: BY_ID },
  'home_visits.member_id': { section: 'home_visits', key: ['visited_at', 'visited_at'] },
  'invites.inviter_id': { section: 'invites', key: BY_ID },
  'listing_conversations.replier_id': { section: 'conversations', key: BY_ID },
  'listing_messages.sender_id': { section: 'messages', key: BY_ID },
  'listing_notices.member_id': { section: 'notices', key: BY_ID },
  'listings.author_id': { section: 'listings', key: BY_ID },
  'listings.promised_to': { section: 'promised_to_me', key: BY_ID },
  'member_decisions.actor_id': { section: 'decisions', key: BY_ID },
  'member_decisions.member_id': { section: 'decisions', key: BY_ID },
  'member_values.member_id': { section: 'values', key: ['value', 'value'] },
  'members.invited_by': { section: 'invited_members', key: BY_ID },
  'password_resets.issued_by': { section: 'password_resets', key: ['created_at', 'created_at'] },
  'password_resets.member_id': { section: 'password_resets', key: ['created_at', 'created_at'] },
  'sessions.member_id': { section: 'sessions', key: ['created_at', 'created_at'] },
  'transfer_feedback.author_id': { section: 'feedback', key: BY_ID },
  'transfer_feedback.subject_id': { section: 'feedback', key: BY_ID },
  'transfers.created_by': { section: 'payments', key: BY_ID },
  'transfers.decided_by': { section: 'payments', key: BY_ID },
  'vouches.member_id': { section: 'vouches', key: BY_ID },
  'vouches.voucher_id': { section: 'vouches', key: BY_ID },
};
