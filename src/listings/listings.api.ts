import { type AppRouter, createRouter } from '../http/router.js';
import { z } from 'zod';
import { API_PREFIX } from '../api/api.routes.js';
import type { AppDeps } from '../http/context.js';
import { checkInput, choice, coordinate, wholeNumber } from '../lib/fields.js';
import type { Currency } from '../ledger/ledger.js';
import { findCurrencies } from '../ledger/currencies.queries.js';
import { listingViewerOf } from './listings.queries.js';
import { isRemote, originCurrencies, type RemoteListing } from '../federation/remote-listings.js';
import { findRemoteListing, searchListings } from '../federation/remote-listings.queries.js';
import {
  CATEGORIES,
  LISTING_KINDS,
  showPrice,
  visibilityValue,
  type CurrencyUnit,
  type Listing,
  type Terms,
} from './listings.js';
import { boxLocation } from './search.js';
import { UUID, visibleListing } from './listing-access.js';
import { siteOrigin } from '../http/site.js';

/** A query parameter given once (a repeated one is an error, not a silent choice). */
const once = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (Array.isArray(v) ? { repeated: true } : v), schema);
const optionalOnce = <T extends z.ZodType>(schema: T) =>
  once(z.preprocess((v) => (v === '' ? undefined : v), schema.optional()));

const LIMIT_MESSAGES = { whole: 'listings.api.limitWhole', min: 'listings.api.limitMin', max: 'listings.api.limitMax' };
const OFFSET_MESSAGES = {
  whole: 'listings.api.offsetWhole',
  min: 'listings.api.offsetMin',
  max: 'listings.api.offsetMax',
};

const listingsQuery = z
  .object({
    lat: optionalOnce(coordinate({ number: 'listings.api.latNumber', range: 'listings.api.latRange' }, 90)),
    lon: optionalOnce(coordinate({ number: 'listings.api.lonNumber', range: 'listings.api.lonRange' }, 180)),
    radius_km: optionalOnce(
      z.preprocess(
        (v) => (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v),
        z
          .number({ error: 'listings.api.radiusNumber' })
          .gt(0, 'listings.api.radiusPositive')
          .max(1000, 'listings.api.radiusTooLarge'),
      ),
    ),
    // Any keywords are safe to search (see `matchExpression`); this only bounds the work.
    q: optionalOnce(z.string({ error: 'listings.api.qNotText' }).max(20_000, 'listings.api.qTooLong')),
    kind: optionalOnce(choice({ choose: 'listings.api.kind' }, LISTING_KINDS)),
    category: optionalOnce(choice({ choose: 'listings.api.category' }, CATEGORIES)),
    limit: z.preprocess((v) => v ?? 20, once(wholeNumber(LIMIT_MESSAGES, 1, 100))),
    offset: z.preprocess((v) => v ?? 0, once(wholeNumber(OFFSET_MESSAGES, 0, 100_000))),
  })
  .refine((q) => (q.lat === undefined) === (q.lon === undefined), {
    path: ['lat'],
    message: 'listings.api.bothOrNeither',
  });

/**
 * Terms in the API: a price's amount in minor units, as the ledger's API gives
 * amounts, with the formatted string beside it when the currency's scale is
 * known (null for a code the box does not have, an old free-text one, or a
 * neighbouring town's whose record gave no scale).
 */
function termsJson(t: Terms, currencies: readonly CurrencyUnit[]) {
  if (t.type !== 'price') return { type: t.type };
  const price = showPrice(t, currencies);
  return { type: t.type, amount: t.amount, amount_formatted: price.known ? price.amount : null, currency: t.currency };
}

/** A listing in the API: the rounded point only, its distance measured from that point. */
export function listingJson(listing: Listing, origin: string, currencies: readonly Currency[]) {
  return {
    id: listing.id,
    kind: listing.kind,
    title: listing.title,
    description: listing.description,
    category: listing.category,
    terms: termsJson(listing.terms, currencies),
    location: { lat: listing.location.lat, lon: listing.location.lon },
    distance_m: listing.distanceM === null ? null : Math.round(listing.distanceM),
    author: { handle: listing.author.handle, name: listing.author.name },
    town: listing.town,
    status: listing.status,
    visibility: visibilityValue(listing.visibility),
    regional: listing.regional,
    origin: null,
    created_at: listing.createdAt,
    expires_at: listing.expiresAt,
    url: `${origin}/listings/${listing.id}`,
  };
}

/**
 * A sibling town's listing in the API: the same shape, its author by name only
 * (they have no account here), `origin` naming the box it comes from. Its price
 * is never read in this box's currencies (the code names one on its own box),
 * but by the code and scale its record gives.
 */
function remoteListingJson(listing: RemoteListing, origin: string) {
  return {
    id: listing.id,
    kind: listing.kind,
    title: listing.title,
    description: listing.description,
    category: listing.category,
    terms: termsJson(listing.terms, originCurrencies(listing)),
    location: { lat: listing.location.lat, lon: listing.location.lon },
    distance_m: listing.distanceM === null ? null : Math.round(listing.distanceM),
    author: { handle: null, name: listing.authorName },
    town: listing.town,
    status: listing.status,
    regional: true,
    origin: { peer_id: listing.origin.peerId, name: listing.origin.name },
    created_at: listing.createdAt,
    expires_at: listing.expiresAt,
    url: `${origin}/listings/${listing.id}`,
  };
}

/** `/api/v1/listings`: searching and reading listings (public ones only without a token). */
export function listingApiRoutes(deps: AppDeps): AppRouter {
  const router = createRouter({ prefix: API_PREFIX });
  const { db } = deps;

  router.get('/listings', async (ctx) => {
    const query = checkInput(listingsQuery, ctx.query);
    const centre =
      query.lat !== undefined && query.lon !== undefined ? { lat: query.lat, lon: query.lon } : await boxLocation(db);
    const { listings } = await searchListings(
      db,
      {
        centre,
        radiusM: query.radius_km === undefined ? null : query.radius_km * 1000,
        q: query.q ?? '',
        kind: query.kind ?? null,
        category: query.category ?? null,
        limit: query.limit,
        offset: query.offset,
      },
      await listingViewerOf(db, ctx.state.actor),
      deps.now(),
    );
    const currencies = await findCurrencies(db);
    ctx.body = {
      listings: listings.map((l) =>
        isRemote(l) ? remoteListingJson(l, siteOrigin(ctx)) : listingJson(l, siteOrigin(ctx), currencies),
      ),
    };
  });

  router.get('/listings/:id', async (ctx) => {
    const remote = UUID.test(ctx.params.id)
      ? await findRemoteListing(db, ctx.params.id, await listingViewerOf(db, ctx.state.actor), deps.now())
      : null;
    ctx.body = {
      listing: remote
        ? remoteListingJson(remote, siteOrigin(ctx))
        : listingJson(
            await visibleListing(db, ctx.state.actor, ctx.params.id, deps.now()),
            siteOrigin(ctx),
            await findCurrencies(db),
          ),
    };
  });

  return router;
}
