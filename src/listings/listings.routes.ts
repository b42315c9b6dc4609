import { type AppRouter, createRouter } from '../http/router.js';
import { z } from 'zod';
import type { DB } from '../db/database.js';
import { requireMember } from '../auth/actor.js';
import type { AppContext, AppDeps } from '../http/context.js';
import type { Actor } from '../auth/actor.js';
import { refusalOf } from '../http/errors.js';
import { Invalid, NotFound } from '../lib/errors.js';
import { msg } from '../lib/messages.js';
import { parseInput, submittedValues, type FieldErrors } from '../http/forms.js';
import { renderPage, seeOther } from '../http/render.js';
import { type FormState, formAction } from '../http/form-action.js';
import { findCurrencies, findCurrenciesFor } from '../ledger/currencies.queries.js';
import { locationSchema, PLACE_GONE, resolveLocation } from '../members/location.js';
import { findMemberById } from '../members/members.queries.js';
import { findPlaces } from '../members/places.queries.js';
import { atomFeed } from './feed.js';
import {
  findListingsOf,
  findNewPublicListings,
  findPostableGroups,
  findUnreadNotices,
  listingViewerOf,
  markNoticesRead,
} from './listings.queries.js';
import { listingFormValues, listingSchema, PAGE_SIZE, unknownPriceMessage, type Listing } from './listings.js';
import { findPhoto, reencodePhoto, type Photo } from './photos.js';
import { type AnyListing, isRemote, originCurrencies, type RemoteListing } from '../federation/remote-listings.js';
import { listingWords } from './shown.js';
import { canDo, isAuthor, ownListing, requireAuthor, UUID, visibleListing } from './listing-access.js';
import { findRemoteListing, searchListings } from '../federation/remote-listings.queries.js';
import {
  answerRemoteReplier,
  findRemoteConversationsOn,
  readAuthorConversation,
  readRemoteConversation,
  replyToRemoteListing,
} from '../federation/conversations.queries.js';
import {
  editListing,
  markListingDone,
  postListing,
  promiseListing,
  releasePromise,
  renewListing,
  withdrawListing,
} from './posting.js';
import { readConversations, repliersOf, replySchema, sendReply } from './replies.js';
import { findStartedConversations, findUnreadOnOwnListings } from './news.js';
import { ownLocation, pageNumber, RADIUS_CHOICES, resolveSearch, searchPageQuery } from './search.js';
import { receivePhotoForm } from './upload.js';
import { siteOrigin } from '../http/site.js';

/** A sibling town's listing is priced in its own box's currencies, as its record gives them. */
const originUnits = (l: AnyListing) => (isRemote(l) ? originCurrencies(l) : null);

const promiseSchema = z.object({
  to: z
    .string({ error: 'Choose who it is promised to.' })
    .min(1, 'Choose who it is promised to.')
    .max(100, 'Promised to can be at most 100 characters.'),
});

/** Synergy's marketplace: offers and wants, found by proximity. */
export function listingRoutes(deps: AppDeps): AppRouter {
  const router = createRouter();
  const { db } = deps;

  router.get('/listings', async (ctx) => {
    const query = searchPageQuery.parse(ctx.query);
    const search = await resolveSearch(db, ctx.state.actor, query);
    const now = deps.now();
    const { listings, hasMore } = await searchListings(
      db,
      {
        centre: search.point,
        radiusM: search.radiusM,
        q: search.q,
        kind: search.kind,
        category: search.category,
        limit: PAGE_SIZE,
        offset: (search.page - 1) * PAGE_SIZE,
      },
      await listingViewerOf(db, ctx.state.actor),
      now,
    );
    const lat = search.centre === 'here' ? String(search.point.lat) : '';
    const lon = search.centre === 'here' ? String(search.point.lon) : '';
    const params = {
      q: search.q,
      kind: search.kind ?? '',
      category: search.category ?? '',
      radius: query.radius,
      centre: search.centre,
      lat,
      lon,
    };
    await renderPage(
      ctx,
      'listings/index',
      {
        title: ctx.state.t('listings.title'),
        search,
        params,
        listings,
        hasMore,
        radii: RADIUS_CHOICES,
        ...(await listingWords(db, ctx.state, now, originUnits)),
      },
      { fragment: 'listings/_results' },
    );
  });

  router.get('/listings/feed.atom', async (ctx) => {
    const now = deps.now();
    const listings = await findNewPublicListings(db, now, 50);
    ctx.type = 'application/atom+xml; charset=utf-8';
    ctx.body = await atomFeed(db, ctx.state, siteOrigin(ctx), listings, now);
  });

  // Posting and editing

  /** The form, its price offered in the currencies the member may trade in. */
  async function showForm(
    ctx: AppContext,
    actor: Actor,
    form: { listing?: Listing; values: Record<string, string>; errors: FieldErrors; status?: number },
  ) {
    const [places, groups, currencies] = await Promise.all([
      findPlaces(db),
      findPostableGroups(db, actor),
      findCurrenciesFor(db, { memberId: actor.id }),
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
        ...(await listingWords(db, ctx.state, deps.now(), originUnits)),
      },
      { status: form.status },
    );
  }

  /**
   * Validates a submitted listing form and re-encodes its photo; the fields
   * and the photo's problems come back together, so one round trip shows all.
   */
  async function readListingForm(ctx: AppContext): Promise<
    | {
        ok: true;
        values: Record<string, string>;
        input: z.output<typeof listingSchema>;
        exact: { lat: number; lon: number };
        photo: Photo | null;
      }
    | { ok: false; values: Record<string, string>; errors: FieldErrors }
  > {
    const upload = await receivePhotoForm(ctx);
    const values = submittedValues(upload.body);
    const fields = parseInput(listingSchema, upload.body);
    const location = parseInput(locationSchema, upload.body);
    const errors: FieldErrors = { ...(fields.ok ? {} : fields.errors), ...(location.ok ? {} : location.errors) };
    if (upload.photoError) errors.photo = upload.photoError;
    let photo: Photo | null = null;
    if (upload.photo && Object.keys(errors).length === 0) {
      try {
        photo = await reencodePhoto(upload.photo);
      } catch (error) {
        if (!(error instanceof Invalid)) throw error;
        Object.assign(errors, refusalOf(error, ctx.state.t)?.fields);
      }
    }
    if (!fields.ok || !location.ok || Object.keys(errors).length > 0) return { ok: false, values, errors };
    const resolved = await resolveLocation(db, location.value);
    if (!resolved) return { ok: false, values, errors: { place_id: PLACE_GONE } };
    return { ok: true, values, input: fields.value, exact: { lat: resolved.lat, lon: resolved.lon }, photo };
  }

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
    await showForm(ctx, actor, { values, errors: {} });
  });

  router.post('/listings', async (ctx) => {
    const actor = requireMember(ctx.state.actor);
    const form = await readListingForm(ctx);
    if (!form.ok) return showForm(ctx, actor, { values: form.values, errors: form.errors, status: 422 });
    try {
      const id = await db
        .transaction()
        .execute((trx) =>
          postListing(trx, actor, { input: form.input, exact: form.exact, photo: form.photo }, deps.now()),
        );
      seeOther(ctx, `/listings/${id}`);
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      return showForm(ctx, actor, {
        values: form.values,
        errors: refusalOf(error, ctx.state.t)?.fields ?? {},
        status: 422,
      });
    }
  });

  router.get('/listings/mine', async (ctx) => {
    const actor = requireMember(ctx.state.actor);
    const now = deps.now();
    const archived = ctx.query.archived === '1';
    // The conversations the member started on others' listings are listed under their current listings, a page at a
    // time.
    const [listings, notices, unread, started] = await Promise.all([
      findListingsOf(db, actor.id, now, { archived }),
      findUnreadNotices(db, actor.id),
      findUnreadOnOwnListings(db, actor.id),
      archived ? null : findStartedConversations(db, actor, now, pageNumber.parse(ctx.query.conversations)),
    ]);
    if (notices.length > 0) await markNoticesRead(db, actor.id, now);
    await renderPage(ctx, 'listings/mine', {
      title: ctx.state.t('listings.myListings'),
      listings,
      notices,
      unread,
      started,
      archived,
      canDo,
      ...(await listingWords(db, ctx.state, now, originUnits)),
    });
  });

  router.get('/listings/:id', async (ctx) => {
    const now = deps.now();
    const remote = UUID.test(ctx.params.id)
      ? await findRemoteListing(
          db,
          ctx.params.id,
          await listingViewerOf(db, ctx.state.actor),
          now,
          await ownLocation(db, ctx.state.actor),
        )
      : null;
    if (remote) return showRemoteListing(ctx, remote);
    const listing = await visibleListing(db, ctx.state.actor, ctx.params.id, now, { from: true });
    const actor = ctx.state.actor;
    const withHandle = typeof ctx.query.with === 'string' ? ctx.query.with : null;
    const replies = actor ? await readConversations(db, actor, listing, withHandle) : null;
    await renderPage(ctx, 'listings/show', {
      title: listing.title,
      listing,
      replies,
      remoteReplies:
        actor && isAuthor(listing, actor.id)
          ? await remoteRepliesView(actor, listing, typeof ctx.query.remote === 'string' ? ctx.query.remote : null)
          : null,
      mine: isAuthor(listing, actor?.id ?? null),
      canDo: (action: Parameters<typeof canDo>[1]) => canDo(listing, action),
      values: {},
      errors: {},
      ...(await listingWords(db, ctx.state, now, originUnits)),
    });
  });

  /** A sibling town's listing, with the member's conversation about it and the form to write. */
  async function showRemoteListing(
    ctx: AppContext,
    listing: RemoteListing,
    form: { values?: Record<string, string>; errors?: FieldErrors; status?: number } = {},
  ) {
    const actor = ctx.state.actor;
    const conversation = actor ? await readRemoteConversation(db, actor, listing) : null;
    await renderPage(
      ctx,
      'listings/remote',
      {
        title: listing.title,
        listing,
        signedIn: actor !== null,
        conversation,
        values: form.values ?? {},
        errors: form.errors ?? {},
        back: `/listings/${listing.id}`,
        ...(await listingWords(db, ctx.state, deps.now(), originUnits)),
      },
      { status: form.status },
    );
  }

  /** For the author: the conversations with people from sibling towns, and the one they opened. */
  async function remoteRepliesView(actor: Actor, listing: Listing, openUuid: string | null) {
    const conversations = await findRemoteConversationsOn(db, actor, listing);
    const chosen = conversations.find((c) => c.uuid === openUuid);
    return { conversations, open: chosen ? await readAuthorConversation(db, actor, listing, chosen.uuid) : null };
  }

  router.get('/listings/:id/photo', async (ctx) => {
    const listing = await visibleListing(db, ctx.state.actor, ctx.params.id, deps.now());
    const photo = listing.hasPhoto ? await findPhoto(db, listing.seq) : null;
    if (!photo) throw new NotFound(msg('listings.error.noPhoto'));
    ctx.type = photo.contentType;
    // Private: a members-only photo must not sit in a shared cache.
    ctx.set('Cache-Control', listing.visibility.type === 'public' ? 'public, max-age=3600' : 'private, max-age=3600');
    ctx.body = photo.data;
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
    await showForm(ctx, actor, { listing, values, errors });
  });

  router.post('/listings/:id/edit', async (ctx) => {
    const actor = requireMember(ctx.state.actor);
    const listing = await ownListing(db, actor, ctx.params.id, deps.now());
    const form = await readListingForm(ctx);
    if (!form.ok) return showForm(ctx, actor, { listing, values: form.values, errors: form.errors, status: 422 });
    try {
      await db
        .transaction()
        .execute((trx) =>
          editListing(trx, actor, listing, { input: form.input, exact: form.exact, photo: form.photo }, deps.now()),
        );
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      const errors = refusalOf(error, ctx.state.t)?.fields ?? {};
      return showForm(ctx, actor, { listing, values: form.values, errors, status: 422 });
    }
    seeOther(ctx, `/listings/${listing.id}`);
  });

  // Lifecycle: each answers POST → 303 → the listing; a refusal shows the listing with the reason.

  /** The listing's page again after a refused action: the reason, and what was typed (a reply, a promise). */
  async function showRefusal(ctx: AppContext, listing: Listing, form: FormState) {
    const actor = requireMember(ctx.state.actor);
    const now = deps.now();
    const replies = await readConversations(db, actor, listing, form.values.with ?? null);
    const remoteReplies = isAuthor(listing, actor.id)
      ? await remoteRepliesView(actor, listing, form.values.conversation ?? null)
      : null;
    await renderPage(
      ctx,
      'listings/show',
      {
        title: listing.title,
        listing,
        replies,
        remoteReplies,
        mine: isAuthor(listing, actor.id),
        canDo: (a: Parameters<typeof canDo>[1]) => canDo(listing, a),
        values: form.values,
        errors: form.errors,
        ...(await listingWords(db, ctx.state, now, originUnits)),
      },
      { status: form.status },
    );
  }

  /**
   * A POST on a listing by a member (`formAction`): the listing must be visible to them; `change` runs in one
   * transaction and names the page to go to; a refusal (a rule, or not the author) shows the listing again with the
   * reason and what was typed. My listings' buttons come back to My listings.
   */
  function listingAction<S extends z.ZodType>(
    action: string,
    schema: S,
    change: (trx: DB, actor: Actor, listing: Listing, input: z.output<S>, now: Date) => Promise<string>,
  ) {
    formAction(router, `/listings/:id/${action}`, {
      db,
      schema,
      load: (ctx) => visibleListing(db, requireMember(ctx.state.actor), ctx.params.id, deps.now()),
      run: async (trx, input, listing, ctx) => {
        const location = await change(trx, requireMember(ctx.state.actor), listing, input, deps.now());
        return ctx.query.back === 'mine' ? '/listings/mine' : location;
      },
      showForm: showRefusal,
    });
  }

  const noFields = z.object({});
  for (const [action, change] of Object.entries({
    renew: renewListing,
    withdraw: withdrawListing,
    done: markListingDone,
    release: releasePromise,
  })) {
    listingAction(action, noFields, async (trx, actor, listing, _input, now) => {
      await change(trx, actor, listing, now);
      return `/listings/${listing.id}`;
    });
  }

  listingAction('promise', promiseSchema, async (trx, actor, listing, input, now) => {
    const repliers = await repliersOf(trx, actor, listing);
    const to = repliers.find((r) => r.handle === input.to);
    await promiseListing(
      trx,
      actor,
      listing,
      repliers.map((r) => r.id),
      to?.id ?? -1,
      now,
    );
    return `/listings/${listing.id}`;
  });

  // Conversations with other towns: about a sibling's listing, or the author answering someone from a sibling town.
  router.post('/listings/:id/replies', async (ctx, next) => {
    const actor = requireMember(ctx.state.actor);
    const now = deps.now();
    const remote = UUID.test(ctx.params.id)
      ? await findRemoteListing(db, ctx.params.id, await listingViewerOf(db, actor), now)
      : null;
    const values = submittedValues(ctx.request.body);
    if (!remote && !values.conversation) return next();
    const parsed = parseInput(replySchema, ctx.request.body);
    if (remote) {
      if (!parsed.ok) return showRemoteListing(ctx, remote, { values, errors: parsed.errors, status: 422 });
      await replyToRemoteListing(db, actor, remote, parsed.value.body, now);
      return seeOther(ctx, `/listings/${remote.id}#conversation`);
    }
    const listing = await visibleListing(db, actor, ctx.params.id, now);
    if (!parsed.ok) return showRefusal(ctx, listing, { values, errors: parsed.errors, status: 422 });
    requireAuthor(listing, actor.id);
    await answerRemoteReplier(db, actor, listing, values.conversation!, parsed.value.body, now);
    seeOther(ctx, `/listings/${listing.id}?remote=${encodeURIComponent(values.conversation!)}#conversation`);
  });

  listingAction('replies', replySchema, async (trx, actor, listing, input, now) => {
    const withHandle = await sendReply(trx, actor, listing, input, now);
    return `/listings/${listing.id}${isAuthor(listing, actor.id) ? `?with=${encodeURIComponent(withHandle)}` : ''}#conversation`;
  });

  return router;
}
