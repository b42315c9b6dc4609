import type { Actor } from '../auth/actor.js';
import type { DB } from '../db/database.js';
import { findMyLedger, type MyAccount } from '../ledger/my-ledger.js';
import type { TransferView } from '../ledger/statements.queries.js';
import { findRequestsToGroupsRunBy } from '../groups/group-members.queries.js';
import type { Listing } from '../listings/listings.js';
import { listingViewerOf } from '../listings/listings.queries.js';
import { findListingNews, type ListingNews } from '../listings/news.js';
import { findNewNearMember, NEAR_KM } from '../listings/search.js';
import type { MemberStatus } from '../members/members.table.js';
import { countRequestsNotVouchedBy } from '../members/vouches.queries.js';
import { recordHomeVisit } from './home.queries.js';

/** How many new offers and wants the home page lists; the search shows the rest. */
const NEW_LISTINGS_SHOWN = 6;

/**
 * Something waiting for the member: how many, what (`home.waiting.<what>`, a plural sentence), where it is, and for
 * requests to join a group the member runs, the group's name.
 */
export interface Waiting {
  what: 'payments' | 'replies' | 'answers' | 'reminders' | 'vouches' | 'decisions' | 'groupRequests';
  count: number;
  href: string;
  name?: string;
}

/** What the home page shows a signed-in member of their day. */
export interface MembersDay {
  /** The member's own accounts, one per currency, with what each can still pay. */
  accounts: MyAccount[];
  /** The listings' news, which the page header counts too. */
  news: ListingNews;
  /** The payments (requests, reversals) the member or a fund they run is to accept or decline. */
  payments: TransferView[];
  /** What waits for the member, only what there is: empty when nothing does. */
  waiting: Waiting[];
  /** Offers and wants near the member since their last visit (the newest on their first), newest first. */
  newListings: Listing[];
  moreNew: boolean;
  /** When the listings shown as new start; null on the first visit. */
  newSince: string | null;
  /** How near "near" is: the search's own radius, which the page's link to the search shows too. */
  nearM: number;
}

/**
 * The member's day, each part from the feature it belongs to: the ledger's accounts and pending payments, the
 * listings' unread replies and new offers and wants (with the search's visibility rules), the join requests they have
 * not vouched for, the requests to join the groups they run, and for a steward the requests to decide. Opening it
 * records the visit.
 */
export async function findMembersDay(
  db: DB,
  actor: Actor,
  counts: Record<MemberStatus, number>,
  now: Date,
): Promise<MembersDay> {
  const newSince = await recordHomeVisit(db, actor.id, now);
  const viewer = (await listingViewerOf(db, actor))!;
  const [ledger, news, toVouch, toGroups, fresh] = await Promise.all([
    findMyLedger(db, actor, now),
    findListingNews(db, actor, now, viewer),
    countRequestsNotVouchedBy(db, actor.id),
    findRequestsToGroupsRunBy(db, actor.id),
    findNewNearMember(db, actor, viewer, { since: newSince, limit: NEW_LISTINGS_SHOWN }, now),
  ]);
  const waiting: Waiting[] = [
    { what: 'payments', count: ledger.waitingForMe.length, href: '/ledger' },
    { what: 'replies', count: news.replies, href: '/listings/mine' },
    { what: 'answers', count: news.answers, href: '/listings/mine#conversations' },
    { what: 'reminders', count: news.reminders, href: '/listings/mine' },
    { what: 'vouches', count: toVouch, href: '/members/requests' },
    { what: 'decisions', count: actor.role === 'steward' ? counts.pending : 0, href: '/stewards?status=pending' },
    ...toGroups.map(
      (g): Waiting => ({
        what: 'groupRequests',
        count: g.requests,
        href: `/groups/${encodeURIComponent(g.slug)}`,
        name: g.name,
      }),
    ),
  ];
  return {
    news,
    accounts: ledger.accounts.filter((a) => a.holder.kind === 'member'),
    payments: ledger.waitingForMe,
    waiting: waiting.filter((w) => w.count > 0),
    newListings: fresh.listings,
    moreNew: fresh.hasMore,
    newSince,
    nearM: NEAR_KM * 1000,
  };
}
