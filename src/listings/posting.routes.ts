import { type AppRouter, createRouter } from '../http/router.js';
import type { z } from 'zod';
import { type Actor, requireMember } from '../auth/actor.js';
import type { AppContext, AppDeps } from '../http/context.js';
import { type FieldErrors, submittedValues } from '../http/forms.js';
import { type FieldProblems, fieldWords, readInput } from '../lib/fields.js';
import { renderPage, seeOther } from '../http/render.js';
import { Invalid, LimitReached } from '../lib/errors.js';
import { secondsUntil } from '../lib/time.js';
import { findCurrencies, findCurrenciesFor } from '../ledger/currencies.queries.js';
import { locationSchema, placeGone, resolveLocation } from '../members/location.js';
import { findMemberById } from '../members/members.queries.js';
import { findPlaces } from '../members/places.queries.js';
import { findPostableGroups } from './listings.queries.js';
import { type Listing, listingFormValues, listingSchema, unknownPriceMessage } from './listings.js';
import { ownListing } from './listing-access.js';
import { originUnits } from './listing-page.routes.js';
import { type Photo, reencodePhoto } from './photos.js';
import { receivePhotoForm } from './photos.routes.js';
import { editListing, postListing } from './posting.js';
import { listingWords } from './shown.js';

/** A listing form as submitted: its fields read, its photo re-encoded; or what to show again, and why. */
type ListingForm =
  | {
      ok: true;
      values: Record<string, string>;
      input: z.output<typeof listingSchema>;
      exact: { lat: number; lon: number };
      photo: Photo | null;
    }
  | { ok: false; values: Record<string, string>; errors: FieldErrors; status: number };

/** The form, its price offered in the currencies the member may trade in. */
async function showForm(
  deps: AppDeps,
  ctx: AppContext,
  actor: Actor,
  form: { listing?: Listing; values: Record<string, string>; errors: FieldErrors; status?: number },
) {
  const [places, groups, currencies] = await Promise.all([
    findPlaces(deps.db),
    findPostableGroups(deps.db, actor),
    findCurrenciesFor(deps.db, { memberId: actor.id }),
  ]);
  await renderPage(
    ctx,
    'listings/form',
    {
      title: form.listing
        ? ctx.state.t('listings.form.editTitle', { title: form.listing.title })
        : ctx.state.t('listings.newListing'),
      listing: form.listing ?? null,
      values: form.values,
      errors: form.errors,
      places,
      groups,
      currencies,
      ...(await listingWords(deps.db, ctx.state, deps.now(), originUnits)),
    },
    { status: form.status },
  );
}

/** The upload re-encoded through the box's photo queue; or why not, and the status the form is shown again with. */
async function reencodeQueued(
  deps: AppDeps,
  ctx: AppContext,
  upload: Buffer,
): Promise<{ photo: Photo } | { problems: FieldProblems; status: number }> {
  try {
    return { photo: await deps.photoQueue.run(() => reencodePhoto(upload)) };
  } catch (error) {
    if (error instanceof Invalid) return { problems: error.fields, status: 422 };
    if (!(error instanceof LimitReached)) throw error;
    // Every place in the queue is taken: the box is busy, the member did nothing wrong.
    if (error.retryAt) ctx.set('Retry-After', String(secondsUntil(error.retryAt, deps.now())));
    return { problems: { photo: error.reason }, status: 503 };
  }
}

/**
 * Validates a submitted listing form and re-encodes its photo; the fields
 * and the photo's problems come back together, so one round trip shows all.
 */
async function readListingForm(deps: AppDeps, ctx: AppContext): Promise<ListingForm> {
  const upload = await receivePhotoForm(ctx);
  const values = submittedValues(upload.body);
  const fields = readInput(listingSchema, upload.body);
  const location = readInput(locationSchema, upload.body);
  const problems: FieldProblems = { ...(fields.ok ? {} : fields.problems), ...(location.ok ? {} : location.problems) };
  if (upload.photoError) problems.photo = upload.photoError;
  let photo: Photo | null = null;
  let status = 422;
  if (upload.photo && Object.keys(problems).length === 0) {
    const reencoded = await reencodeQueued(deps, ctx, upload.photo);
    if ('photo' in reencoded) photo = reencoded.photo;
    else {
      Object.assign(problems, reencoded.problems);
      status = reencoded.status;
    }
  }
  if (!fields.ok || !location.ok || Object.keys(problems).length > 0)
    return { ok: false, values, errors: fieldWords(problems, ctx.state.t), status };
  const resolved = await resolveLocation(deps.db, location.value);
  if (!resolved) return { ok: false, values, errors: { place_id: ctx.state.t(placeGone) }, status: 422 };
  return { ok: true, values, input: fields.value, exact: { lat: resolved.lat, lon: resolved.lon }, photo };
}

/** `/listings/new` and `/listings/:id/edit`: posting a listing, and its author editing it. */
export function listingPostingRoutes(deps: AppDeps): AppRouter {
  const router = createRouter();
  const { db } = deps;

  router.get('/listings/new', async (ctx) => {
    const actor = requireMember(ctx.state.actor);
    const record = await findMemberById(db, actor.id);
    const placed = record?.location.placeId != null;
    const values = {
      kind: ctx.query.kind === 'want' ? 'want' : 'offer',
      terms: 'free',
      category: 'goods',
      visibility: 'members',
      place_id: placed ? String(record!.location.placeId) : '',
      lat: record && !placed ? String(record.location.lat) : '',
      lon: record && !placed ? String(record.location.lon) : '',
    };
    await showForm(deps, ctx, actor, { values, errors: {} });
  });

  router.post('/listings', async (ctx) => {
    const actor = requireMember(ctx.state.actor);
    const form = await readListingForm(deps, ctx);
    if (!form.ok) return showForm(deps, ctx, actor, form);
    try {
      const id = await db
        .transaction()
        .execute((trx) =>
          postListing(trx, actor, { input: form.input, exact: form.exact, photo: form.photo }, deps.now()),
        );
      seeOther(ctx, `/listings/${id}`);
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      return showForm(deps, ctx, actor, {
        values: form.values,
        errors: fieldWords(error.fields, ctx.state.t),
        status: 422,
      });
    }
  });

  router.get('/listings/:id/edit', async (ctx) => {
    const actor = requireMember(ctx.state.actor);
    const listing = await ownListing(db, actor, ctx.params.id, deps.now());
    const currencies = await findCurrencies(db);
    const values = {
      ...listingFormValues(listing, currencies),
      place_id: '',
      lat: String(listing.exact!.lat),
      lon: String(listing.exact!.lon),
    };
    // A price typed as free text before prices were in the box's currencies: said at once, not only when the edit is
    // refused.
    const unknownPrice = unknownPriceMessage(listing, currencies);
    const errors: FieldErrors = unknownPrice ? { price_currency: ctx.state.t(unknownPrice) } : {};
    await showForm(deps, ctx, actor, { listing, values, errors });
  });

  router.post('/listings/:id/edit', async (ctx) => {
    const actor = requireMember(ctx.state.actor);
    const listing = await ownListing(db, actor, ctx.params.id, deps.now());
    const form = await readListingForm(deps, ctx);
    if (!form.ok) return showForm(deps, ctx, actor, { ...form, listing });
    try {
      await db
        .transaction()
        .execute((trx) =>
          editListing(trx, actor, listing, { input: form.input, exact: form.exact, photo: form.photo }, deps.now()),
        );
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      const errors = fieldWords(error.fields, ctx.state.t);
      return showForm(deps, ctx, actor, { listing, values: form.values, errors, status: 422 });
    }
    seeOther(ctx, `/listings/${listing.id}`);
  });

  return router;
}
