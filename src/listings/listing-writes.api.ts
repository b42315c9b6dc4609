import { type AppRouter, createRouter } from '../http/router.js';
import { z } from 'zod';
import { API_PREFIX } from '../api/api.routes.js';
import { requireMember } from '../auth/actor.js';
import type { AppContext, AppDeps } from '../http/context.js';
import { siteOrigin } from '../http/site.js';
import { Invalid, NotFound } from '../lib/errors.js';
import { checkInput, choice, coordinate } from '../lib/fields.js';
import { msg } from '../lib/messages.js';
import type { Currency } from '../ledger/ledger.js';
import { findCurrencies } from '../ledger/currencies.queries.js';
import { listingJson } from './listings.api.js';
import { findListing, listingViewerOf } from './listings.queries.js';
import { type Listing, type ListingFields, listingFormValues, listingSchema, unknownPriceMessage } from './listings.js';
import { ownListing, UUID } from './listing-access.js';
import { editListing, markListingDone, postListing, releasePromise, withdrawListing } from './posting.js';
import { ownLocation } from './search.js';

const locationBody = z.object(
  {
    lat: coordinate({ number: 'listings.api.locationLatNumber', range: 'listings.api.locationLatRange' }, 90),
    lon: coordinate({ number: 'listings.api.locationLonNumber', range: 'listings.api.locationLonRange' }, 180),
  },
  { error: 'listings.api.location' },
);
const writeBody = z.object({ location: locationBody.optional() });
const PATCH_STATUSES = ['done', 'withdrawn', 'active'] as const;
const patchBody = z.object({
  status: choice({ choose: 'listings.api.status' }, PATCH_STATUSES).optional(),
});
/** What setting each status does: `active` cancels a promise, the one way a listing goes back to active. */
const STATUS_CHANGES: Record<(typeof PATCH_STATUSES)[number], typeof markListingDone> = {
  done: markListingDone,
  withdrawn: withdrawListing,
  active: releasePromise,
};

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
  return checkInput(listingSchema, { ...listingFormValues(listing, currencies), ...fields });
}

/** The request's JSON object; anything else is a malformed request (400), not a listing with bad fields. */
function bodyObject(ctx: AppContext): Record<string, unknown> {
  const body = ctx.request.body;
  if (!body || typeof body !== 'object' || Array.isArray(body))
    ctx.throw(400, { reason: msg('listings.api.jsonObject') });
  return body as Record<string, unknown>;
}

/**
 * `/api/v1/listings` with a token: posting, changing and withdrawing one's own listings. Mounted after the reading
 * router, so it also answers the methods neither takes.
 */
export function listingWriteApiRoutes(deps: AppDeps): AppRouter {
  const router = createRouter({ prefix: API_PREFIX });
  const { db } = deps;

  async function create(ctx: AppContext, id?: string) {
    const actor = requireMember(ctx.state.actor);
    const body = bodyObject(ctx);
    const input = checkInput(listingSchema, body);
    const { location } = checkInput(writeBody, body);
    const exact = location ?? (await ownLocation(db, actor))!;
    const created = await db
      .transaction()
      .execute((trx) => postListing(trx, actor, { input, exact, photo: null, id }, deps.now()));
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

  // POST to an id: create a listing with an id the caller chose (a box syncing, a client retrying safely).
  router.post('/listings/:id', async (ctx) => {
    requireMember(ctx.state.actor);
    if (!UUID.test(ctx.params.id)) throw new NotFound(msg('listings.error.idForm'));
    await create(ctx, ctx.params.id);
  });

  router.patch('/listings/:id', async (ctx) => {
    const actor = requireMember(ctx.state.actor);
    const listing = await ownListing(db, actor, ctx.params.id, deps.now());
    const body = bodyObject(ctx);
    const { status } = checkInput(patchBody, body);
    const { location } = checkInput(writeBody, body);
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
    ctx.throw(405);
  });

  return router;
}
