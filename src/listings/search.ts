import { type Message, msg } from '../lib/messages.js';
import { z } from 'zod';
import { findCommunity } from '../community/community.queries.js';
import type { DB } from '../db/database.js';
import type { ListingKind } from './listings.table.js';
import type { Actor } from '../auth/actor.js';
import { coordinate } from '../lib/fields.js';
import type { LatLon } from '../members/location.js';
import { findMemberById } from '../members/members.queries.js';
import { CATEGORIES, LISTING_KINDS, RADII_KM, type Category, type Listing } from './listings.js';
import type { ListingViewer } from './listings.queries.js';
import { findNewListingsNear } from './search.queries.js';

/**
 * The search page's query string. The URL is the search, so it can be shared;
 * a value that makes no sense falls back to its default rather than failing,
 * because it came from a link, not from a form someone is filling in.
 */
export const CENTRES = ['box', 'me', 'here'] as const;
export type Centre = (typeof CENTRES)[number];
export const RADIUS_CHOICES = [...RADII_KM.map(String), 'any'] as const;

/** The search's radius unless another is chosen, and the home page's "near you". */
export const NEAR_KM = 10;

/** Keywords longer than this are cut before they are searched (the match expression keeps fewer still). */
const KEYWORD_CHARS = 10_000;

/** A page number from a link: a bad one is the first page. */
export const pageNumber = z.coerce.number().int().min(1).max(10_000).catch(1).default(1);

const keyword = z
  .preprocess((v) => (Array.isArray(v) ? v[0] : v), z.string().catch(''))
  .transform((s) => s.slice(0, KEYWORD_CHARS).trim());

export const searchPageQuery = z.object({
  q: keyword,
  kind: z.enum(LISTING_KINDS).nullable().catch(null).default(null),
  category: z.enum(CATEGORIES).nullable().catch(null).default(null),
  radius: z.enum(RADIUS_CHOICES).catch(`${NEAR_KM}`).default(`${NEAR_KM}`),
  centre: z.enum(CENTRES).optional().catch(undefined),
  lat: coordinate({ number: 'listings.field.latNumber', range: 'listings.field.latRange' }, 90)
    .optional()
    .catch(undefined),
  lon: coordinate({ number: 'listings.field.lonNumber', range: 'listings.field.lonRange' }, 180)
    .optional()
    .catch(undefined),
  page: pageNumber,
});

export type SearchPageQuery = z.output<typeof searchPageQuery>;

export interface ResolvedSearch {
  centre: Centre;
  point: LatLon;
  radiusM: number | null;
  q: string;
  kind: ListingKind | null;
  category: Category | null;
  page: number;
  /** Set when the chosen centre could not be used and the box's location was used instead. */
  notice: Message | null;
}

export async function boxLocation(db: DB): Promise<LatLon> {
  const community = await findCommunity(db);
  if (!community) throw new Error('The community is not set up.');
  return { lat: community.lat, lon: community.lon };
}

/** The viewer's own (exact, private) location: they measure from it, nobody else sees it. */
export async function ownLocation(db: DB, actor: Actor | null): Promise<LatLon | null> {
  if (!actor) return null;
  const record = await findMemberById(db, actor.id);
  return record ? { lat: record.location.lat, lon: record.location.lon } : null;
}

/** Where distances are measured from: the box, the member's own place, or a point the browser gave. */
export async function resolveSearch(db: DB, actor: Actor | null, query: SearchPageQuery): Promise<ResolvedSearch> {
  const base = {
    radiusM: query.radius === 'any' ? null : Number(query.radius) * 1000,
    q: query.q,
    kind: query.kind,
    category: query.category,
    page: query.page,
  };
  const wanted: Centre = query.centre ?? (actor ? 'me' : 'box');
  if (wanted === 'here' && query.lat !== undefined && query.lon !== undefined) {
    return { ...base, centre: 'here', point: { lat: query.lat, lon: query.lon }, notice: null };
  }
  if (wanted === 'me') {
    const own = await ownLocation(db, actor);
    if (own) return { ...base, centre: 'me', point: own, notice: null };
  }
  const notice =
    wanted === 'box'
      ? null
      : wanted === 'me'
        ? msg('listings.search.signInForOwnPlace')
        : msg('listings.search.typePoint');
  return { ...base, centre: 'box', point: await boxLocation(db), notice };
}

/**
 * The offers and wants posted near a member since `since` (the newest when null) that they may see, newest first:
 * the home page's "new near you", within the search's own radius of the member's place.
 */
export async function findNewNearMember(
  db: DB,
  actor: Actor,
  viewer: NonNullable<ListingViewer>,
  window: { since: string | null; limit: number },
  now: Date,
): Promise<{ listings: Listing[]; hasMore: boolean }> {
  const centre = (await ownLocation(db, actor)) ?? (await boxLocation(db));
  return findNewListingsNear(db, { centre, radiusM: NEAR_KM * 1000, ...window }, viewer, now);
}
