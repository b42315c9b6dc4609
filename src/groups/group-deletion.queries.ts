import { sql } from 'kysely';
import type { DB } from '../db/database.js';
import type { Scale } from '../ledger/amounts.js';
import type { GroupHoldings } from './group-deletion.js';
import type { VisibleGroup } from './groups.js';

// What a group holds beyond its own row, and deleting it.

/**
 * What a group holds beyond its own row: what deleting it would remove or
 * strand (judged by `deletionOf`). Listings, currencies and accounts belong to
 * other features, but the question is the group's, so it is asked here. Its
 * subgroups are those the viewer may see: one hidden from them is not theirs
 * to know of, so it is neither counted nor in the way (`deleteGroup` moves it up).
 */
export async function findGroupHoldings(db: DB, group: VisibleGroup): Promise<GroupHoldings> {
  const groupId = group.id;
  const memberships: GroupHoldings['memberships'] = { active: 0, requested: 0, invited: 0 };
  const byStatus = await db
    .selectFrom('group_members')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('group_id', '=', groupId)
    .groupBy('status')
    .execute();
  for (const row of byStatus) memberships[row.status] = Number(row.n);
  // Only group-only listings carry a group_id (a CHECK ties the two together).
  const listings = await sql<{ open: number | null; total: number }>`
    SELECT sum(withdrawn_at IS NULL AND done_at IS NULL AND archived_at IS NULL) AS open, count(*) AS total
    FROM listings WHERE group_id = ${groupId}`.execute(db);
  const { open, total } = listings.rows[0]!;
  const currencies = await db
    .selectFrom('currencies as c')
    .select(['c.code', 'c.name'])
    .select((eb) =>
      eb
        .selectFrom('accounts as a')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('a.currency_id', '=', 'c.id')
        .as('accounts'),
    )
    .where('c.group_id', '=', groupId)
    .orderBy('c.code')
    .execute();
  const fundAccounts = await db
    .selectFrom('accounts as a')
    .innerJoin('currencies as c', 'c.id', 'a.currency_id')
    .select(['c.code', 'c.scale', 'a.balance'])
    .select((eb) =>
      eb
        .selectFrom('transfers as t')
        .select(eb.fn.countAll<number>().as('n'))
        .where((w) => w.or([w('t.payer_account_id', '=', w.ref('a.id')), w('t.payee_account_id', '=', w.ref('a.id'))]))
        .as('transfers'),
    )
    .where('a.group_id', '=', groupId)
    .orderBy('c.code')
    .execute();
  return {
    subgroups: group.children.length,
    memberships,
    openListings: Number(open ?? 0),
    closedListings: Number(total) - Number(open ?? 0),
    currencies: currencies.map((c) => ({ code: c.code, name: c.name, accounts: Number(c.accounts ?? 0) })),
    fundAccounts: fundAccounts.map((f) => ({
      code: f.code,
      scale: f.scale as Scale,
      balance: f.balance,
      transfers: Number(f.transfers ?? 0),
    })),
  };
}

/**
 * Deletes a subgroup and what goes with it: its memberships, requests and
 * invitations, and the listings shown only to it with their photos,
 * conversations and notices (all by the schema's ON DELETE CASCADE), then its
 * currencies that have no accounts. The caller has judged, in the same
 * transaction, that nothing else is at stake (`deletionOf`); the root is never
 * deleted, and then nothing else is either.
 *
 * Subgroups still inside it are those hidden from the admin deleting it (the
 * visible ones stand in the way): groups seen only by their own members, which
 * are theirs, not the parent's admins'. They move up to the deleted group's
 * parent, as they are; being seen only by their own members, nobody who could
 * not see them before can see them now.
 */
export async function deleteGroup(db: DB, groupId: number): Promise<void> {
  const group = await db.selectFrom('groups').select('parent_id').where('id', '=', groupId).executeTakeFirst();
  if (!group || group.parent_id === null) return;
  await db.updateTable('groups').set({ parent_id: group.parent_id }).where('parent_id', '=', groupId).execute();
  await db.deleteFrom('groups').where('id', '=', groupId).execute();
  await db
    .deleteFrom('currencies')
    .where('group_id', '=', groupId)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('accounts').select('accounts.id').whereRef('accounts.currency_id', '=', 'currencies.id'))),
    )
    .execute();
}
