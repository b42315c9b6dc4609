import type { Scale } from '../ledger/amounts.js';
import { type Message, msg } from '../lib/messages.js';
import type { GroupMembershipStatus } from './groups.table.js';

/**
 * What a group holds beyond its own row, counted by `findGroupHoldings`, for
 * judging whether it may be deleted and saying what deleting removes.
 */
export interface GroupHoldings {
  /** The groups inside it that the viewer may see. */
  subgroups: number;
  memberships: Record<GroupMembershipStatus, number>;
  /** Listings shown only to this group that are still open: neither withdrawn, done nor archived. */
  openListings: number;
  /** Listings shown only to this group that are withdrawn, done or archived: their authors' history. */
  closedListings: number;
  /** The currencies the group issued, with how many accounts each has. */
  currencies: { code: string; name: string; accounts: number }[];
  /** The group fund's accounts, one per currency it has used. */
  fundAccounts: { code: string; scale: Scale; balance: number; transfers: number }[];
}

/** What deleting a group would do: refused while `blockers` is not empty; otherwise it removes `removes`. */
export interface Deletion {
  blockers: Message[];
  removes: Message[];
}

/** How an amount is written for the reader (`Formats.amount` of src/i18n/format.ts). */
export type AmountWriter = (minor: number, scale: Scale) => string;

/**
 * Deleting a group must never lose members' money or silently lose their
 * data, so it is refused while the group holds anything that would be lost:
 *
 * - groups inside it that the admin can see (they would lose their place in
 *   the tree); those hidden from them are not counted, which would confirm
 *   them, and move up a level instead (see `deleteGroup`);
 * - open listings shown only to it, which the schema would delete with the
 *   group (widening who sees them is not ours to decide): their authors can
 *   change who sees them or withdraw them;
 * - a currency with accounts, or a fund that has been used. The ledger keeps
 *   no foreign key to groups, so these rows would stay, but nobody could use
 *   them: a currency is for its group's members and a fund is run by its
 *   admins, so balances would be stranded and a fund's statement unreadable.
 *   Ledger history is kept for ever, so such a group is kept too.
 *
 * What remains goes with the group, and the confirmation says so: its
 * memberships, requests and invitations; closed listings shown only to it
 * (which their authors can no longer change, so they could never unblock it);
 * and a currency nobody has used. `amount` writes a fund's balance in the reader's locale.
 */
export function deletionOf(holdings: GroupHoldings, amount: AmountWriter): Deletion {
  const blockers: Message[] = [];
  const { subgroups, openListings } = holdings;
  if (subgroups > 0) blockers.push(msg('groups.deletion.subgroups', { count: subgroups }));
  if (openListings > 0) blockers.push(msg('groups.deletion.openListings', { count: openListings }));
  for (const { code, name, accounts } of holdings.currencies.filter((c) => c.accounts > 0)) {
    blockers.push(msg('groups.deletion.currency', { code, name, accounts }));
  }
  for (const fund of holdings.fundAccounts) {
    const balance = amount(fund.balance, fund.scale);
    blockers.push(msg('groups.deletion.fund', { transfers: fund.transfers, code: fund.code, balance }));
  }

  const { active, requested, invited } = holdings.memberships;
  const counted = (key: string, count: number) => (count > 0 ? [msg(key, { count })] : []);
  const removes = [
    ...counted('groups.deletion.memberships', active),
    ...counted('groups.deletion.requests', requested),
    ...counted('groups.deletion.invitations', invited),
    ...counted('groups.deletion.closedListings', holdings.closedListings),
    ...holdings.currencies
      .filter((c) => c.accounts === 0)
      .map((c) => msg('groups.deletion.unusedCurrency', { code: c.code, name: c.name })),
  ];
  return { blockers, removes };
}
