import { type AppRouter, createRouter } from '../http/router.js';
import { z } from 'zod';
import { API_PREFIX } from '../api/api.routes.js';
import { requireMember } from '../auth/actor.js';
import type { AppContext, AppDeps } from '../http/context.js';
import { AppError } from '../http/errors.js';
import { Conflict, Invalid, NotFound } from '../lib/errors.js';
import { msg } from '../lib/messages.js';
import { parseOrThrow } from '../http/forms.js';
import { coordinate, wholeNumber } from '../lib/fields.js';
import type { Currency } from '../ledger/ledger.js';
import { findCurrencies } from '../ledger/currencies.queries.js';
import { findListing, listingIdTaken, listingViewerOf } from './listings.queries.js';
import { isRemote, originCurrencies, type RemoteListing } from '../federation/remote-listings.js';
import { findRemoteListing, searchListings } from '../federation/remote-listings.queries.js';
import {
  CATEGORIES,
  LISTING_KINDS,
  listingFormValues,
  listingSchema,
  showPrice,
  unknownPriceMessage,
  visibilityValue,
  type CurrencyUnit,
  type Listing,
  type ListingFields,
  type Terms,
} from './listings.js';
import { editListing, markListingDone, postListing, releasePromise, withdrawListing } from './posting.js';
import { boxLocation, ownLocation } from './search.js';
import { ownListing, UUID, visibleListing } from './listing-access.js';
import { siteOrigin } from '../http/site.js';

/** A query parameter given once (a repeated one is an error, not a silent choice). */
const once = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (Array.isArray(v) ? { repeated: true } : v), schema);
const optionalOnce = <T extends z.ZodType>(schema: T) =>
  once(z.preprocess((v) => (v === '' ? undefined : v), schema.optional()));

const listingsQuery = z
  .object({
    lat: optionalOnce(coordinate('lat', 90)),
    lon: optionalOnce(coordinate('lon', 180)),
    radius_km: optionalOnce(
      z.preprocess(
        (v) => (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v),
        z
          .number({ error: 'radius_km must be a number of kilometres, such as 10.' })
          .gt(0, 'radius_km must be more than 0.')
          .max(1000, 'radius_km can be at most 1000.'),
      ),
    ),
    // Any keywords are safe to search (see `matchExpression`); this only bounds the work.
    q: optionalOnce(z.string({ error: 'q must be text.' }).max(20_000, 'q can be at most 20000 characters.')),
    kind: optionalOnce(z.enum(LISTING_KINDS, { error: 'kind must be offer or want.' })),
    category: optionalOnce(z.enum(CATEGORIES, { error: `category must be one of: ${CATEGORIES.join(', ')}.` })),
    limit: z.preprocess((v) => v ?? 20, once(wholeNumber('limit', 1, 100))),
    offset: z.preprocess((v) => v ?? 0, once(wholeNumber('offset', 0, 100_000))),
  })
  .refine((q) => (q.lat === undefined) === (q.lon === undefined), {
    path: ['lat'],
    message: 'Give both lat and lon, or neither (then distances are from the box).',
  });

const locationBody = z.object(
  { lat: coordinate('location.lat', 90), lon: coordinate('location.lon', 180) },
  { error: 'location must be an object with lat and lon.' },
);
const writeBody = z.object({ location: locationBody.optional() });
const PATCH_STATUSES = ['done', 'withdrawn', 'active'] as const;
const patchBody = z.object({
  status: z
    .enum(PATCH_STATUSES, { error: 'status can only be set to done, withdrawn, or active (to cancel a promise).' })
    .optional(),
});
/** What setting each status does: `active` cancels a promise, the one way a listing goes back to active. */
const STATUS_CHANGES: Record<(typeof PATCH_STATUSES)[number], typeof markListingDone> = {
  done: markListingDone,
  withdrawn: withdrawListing,
  active: releasePromise,
};

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
function listingJson(listing: Listing, origin: string, currencies: readonly Currency[]) {
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

const PRICE_FIELDS = ['terms', 'price_amount', 'price_currency'];

/**
 * A PATCH's fields over the stored ones (the price as the ledger writes it),
 * so PATCH sends only what changes. A stored price in a code this box does not
 * have cannot be kept as it is: a PATCH that does not give the price again is
 * told so, rather than that a price is required.
 */
function editedFields(
  listing: Listing,
  fields: Record<string, unknown>,
  currencies: readonly Currency[],
): ListingFields {
  const unknownPrice = unknownPriceMessage(listing, currencies);
  if (unknownPrice && !PRICE_FIELDS.some((f) => f in fields)) throw new Invalid({ price_currency: unknownPrice });
  return parseOrThrow(listingSchema, { ...listingFormValues(listing, currencies), ...fields });
}

function bodyObject(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new AppError(400, 'bad_request', 'Send a JSON object.');
  return body as Record<string, unknown>;
}

/**
 * `/api/v1/listings`: search (public listings only without a token), and
 * posting, changing and withdrawing one's own listings with a token.
 */
export function listingApiRoutes(deps: AppDeps): AppRouter {
  const router = createRouter({ prefix: API_PREFIX });
  const { db } = deps;

  router.get('/listings', async (ctx) => {
    const query = parseOrThrow(listingsQuery, ctx.query);
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

  async function create(ctx: AppContext, id?: string) {
    const actor = requireMember(ctx.state.actor);
    const body = bodyObject(ctx.request.body);
    const input = parseOrThrow(listingSchema, body);
    const { location } = parseOrThrow(writeBody, body);
    const exact = location ?? (await ownLocation(db, actor))!;
    const created = await db.transaction().execute(async (trx) => {
      if (id && (await listingIdTaken(trx, id))) throw new Conflict(msg('listings.error.idTaken'));
      return postListing(trx, actor, { input, exact, photo: null, id }, deps.now());
    });
    ctx.status = 201;
    ctx.set('Location', `${API_PREFIX}/listings/${created}`);
    ctx.body = {
      listing: listingJson(
        (await findListing(db, created, await listingViewerOf(db, actor), deps.now()))!,
        siteOrigin(ctx),
        await findCurrencies(db),
      ),
    };
  }

  router.post('/listings', (ctx) => create(ctx));

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

  // POST to an id: create a listing with an id the caller chose (a box syncing, a client retrying safely).
  router.post('/listings/:id', async (ctx) => {
    requireMember(ctx.state.actor);
    if (!UUID.test(ctx.params.id)) throw new NotFound(msg('listings.error.idForm'));
    await create(ctx, ctx.params.id);
  });

  router.patch('/listings/:id', async (ctx) => {
    const actor = requireMember(ctx.state.actor);
    const listing = await ownListing(db, actor, ctx.params.id, deps.now());
    const body = bodyObject(ctx.request.body);
    const { status } = parseOrThrow(patchBody, body);
    const { location } = parseOrThrow(writeBody, body);
    const { status: _status, location: _location, ...fields } = body;
    const currencies = await findCurrencies(db);
    // Only a PATCH that changes the listing reads its fields again: closing it must not depend on them (a price in a
    // code this box no longer has).
    const edits =
      Object.keys(fields).length > 0 || location !== undefined ? editedFields(listing, fields, currencies) : null;
    await db.transaction().execute(async (trx) => {
      const now = deps.now();
      if (edits)
        await editListing(trx, actor, listing, { input: edits, exact: location ?? listing.exact!, photo: null }, now);
      if (status) await STATUS_CHANGES[status](trx, actor, listing, now);
    });
    ctx.body = {
      listing: listingJson(
        (await findListing(db, listing.id, await listingViewerOf(db, actor), deps.now()))!,
        siteOrigin(ctx),
        currencies,
      ),
    };
  });

  router.delete('/listings/:id', async (ctx) => {
    const actor = requireMember(ctx.state.actor);
    const listing = await ownListing(db, actor, ctx.params.id, deps.now());
    // Withdrawn, not erased: the people who replied keep their conversation.
    await db.transaction().execute((trx) => withdrawListing(trx, actor, listing, deps.now()));
    ctx.status = 204;
  });

  router.all(['/listings', '/listings/:id'], (ctx) => {
    const allowed = ctx.path === `${API_PREFIX}/listings` ? 'GET, HEAD, POST' : 'GET, HEAD, POST, PATCH, DELETE';
    ctx.set('Allow', allowed);
    throw new AppError(405, 'method_not_allowed', `${ctx.method} is not supported here; use ${allowed}.`);
  });

  return router;
}
