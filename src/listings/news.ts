import type { DB } from '../db/database.js';
import type { Viewer } from '../groups/groups.js';
import { listingViewerOf, type ListingViewer } from './listings.queries.js';
import { countUnreadNotices } from './notices.queries.js';
import {
  countUnreadFederatedByListing,
  countUnreadInStartedThere,
  findConversationsStartedThere,
} from '../federation/conversations.queries.js';
import {
  countUnreadInStartedHere,
  countUnreadRepliesByListing,
  findConversationsStartedHere,
  type StartedConversation,
} from './replies.queries.js';

/**
 * What waits for a member about listings, and where it is: new replies on
 * their own listings, new answers in the conversations they started on
 * others' listings (here and in sibling towns), and reminders. Every one
 * counted is on "My listings", where opening it clears it.
 */

/** The header's count on "My listings", and the section its link leads to; the home page shows its parts. */
export interface ListingNews {
  count: number;
  href: string;
  /** Unread replies on the member's own listings. */
  replies: number;
  /** Unread answers in the conversations the member started on others' listings. */
  answers: number;
  /** Reminders about the member's listings (one about to expire). */
  reminders: number;
}

/** Unread replies on an author's own listings, from here and from other towns. */
export interface UnreadOnOwnListings {
  /** By listing id, for the listings' cards. */
  byListing: Map<string, number>;
  /** How many are on archived listings, which "My listings" shows only when asked. */
  archived: number;
  total: number;
}

export async function findUnreadOnOwnListings(db: DB, authorId: number): Promise<UnreadOnOwnListings> {
  const [here, there] = await Promise.all([
    countUnreadRepliesByListing(db, authorId),
    countUnreadFederatedByListing(db, authorId),
  ]);
  const unread: UnreadOnOwnListings = { byListing: new Map(), archived: 0, total: 0 };
  for (const row of [...here, ...there]) {
    unread.byListing.set(row.listingId, (unread.byListing.get(row.listingId) ?? 0) + row.unread);
    if (row.archived) unread.archived += row.unread;
    unread.total += row.unread;
  }
  return unread;
}

async function countUnreadInStarted(db: DB, viewer: NonNullable<ListingViewer>, now: Date): Promise<number> {
  const [here, there] = await Promise.all([
    countUnreadInStartedHere(db, viewer),
    countUnreadInStartedThere(db, viewer, now),
  ]);
  return here + there;
}

/** `viewer`, when the caller has it already, spares reading the member's groups again. */
export async function findListingNews(
  db: DB,
  member: NonNullable<Viewer>,
  now: Date,
  known?: NonNullable<ListingViewer>,
): Promise<ListingNews> {
  const viewer = known ?? (await listingViewerOf(db, member))!;
  const [own, started, notices] = await Promise.all([
    findUnreadOnOwnListings(db, member.id),
    countUnreadInStarted(db, viewer, now),
    countUnreadNotices(db, member.id),
  ]);
  return {
    count: own.total + started + notices,
    href: whereNewsIs(notices + own.total - own.archived, started, own.archived),
    replies: own.total,
    answers: started,
    reminders: notices,
  };
}

/**
 * The first place on "My listings" with something new: the reminders and current listings at the top, then the
 * conversations section, then the archive.
 */
function whereNewsIs(onTop: number, inConversations: number, inArchive: number): string {
  if (onTop === 0 && inConversations > 0) return '/listings/mine#conversations';
  if (onTop === 0 && inArchive > 0) return '/listings/mine?archived=1';
  return '/listings/mine';
}

const STARTED_PAGE_SIZE = 10;

/**
 * One page of the conversations a member started on others' listings that
 * they may still open, here and in sibling towns together, latest message
 * first. Each source gives its latest `offset + size + 1`, and the page is
 * taken from the merge: whatever either has beyond them is older than the whole page.
 */
export async function findStartedConversations(
  db: DB,
  member: NonNullable<Viewer>,
  now: Date,
  page: number,
): Promise<{ conversations: StartedConversation[]; page: number; hasMore: boolean }> {
  const viewer = (await listingViewerOf(db, member))!;
  const offset = (page - 1) * STARTED_PAGE_SIZE;
  const wanted = offset + STARTED_PAGE_SIZE + 1;
  const [here, there] = await Promise.all([
    findConversationsStartedHere(db, viewer, now, wanted),
    findConversationsStartedThere(db, viewer, now, wanted),
  ]);
  const merged = [...here, ...there].sort((a, b) => (a.lastAt < b.lastAt ? 1 : a.lastAt > b.lastAt ? -1 : 0));
  return {
    conversations: merged.slice(offset, offset + STARTED_PAGE_SIZE),
    page,
    hasMore: merged.length > offset + STARTED_PAGE_SIZE,
  };
}
