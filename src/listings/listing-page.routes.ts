import { type AppRouter, createRouter, type RouteContext } from '../http/router.js';
import type { z } from 'zod';
import type { DB } from '../db/database.js';
import { type Actor, requireMember } from '../auth/actor.js';
import type { AppContext, AppDeps } from '../http/context.js';
import { type FormState, formAction } from '../http/form-action.js';
import { renderPage } from '../http/render.js';
import { type AnyListing, isRemote, originCurrencies, type RemoteListing } from '../federation/remote-listings.js';
import { findRemoteListing } from '../federation/remote-listings.queries.js';
import {
  findRemoteConversationsOn,
  readAuthorConversation,
  readRemoteConversation,
} from '../federation/conversations.queries.js';
import { listingViewerOf } from './listings.queries.js';
import type { Listing } from './listings.js';
import { canDo, isAuthor, UUID, visibleListing } from './listing-access.js';
import { readConversations } from './replies.js';
import { ownLocation } from './search.js';
import { listingWords } from './shown.js';

/** A sibling town's listing is priced in its own box's currencies, as its record gives them. */
export const originUnits = (l: AnyListing) => (isRemote(l) ? originCurrencies(l) : null);

/** Which conversation a listing's page opens: a replier's here (`with` a handle), or one from a sibling town. */
interface OpenConversation {
  readonly with: string | null;
  readonly remote: string | null;
}

/**
 * A listing's page: the listing, the conversations the viewer may read (the one `open` names opened), and, after a
 * refused form, what was typed and why it was refused.
 */
export async function showListing(
  deps: AppDeps,
  ctx: AppContext,
  listing: Listing,
  open: OpenConversation,
  form: Partial<FormState> = {},
): Promise<void> {
  const { db } = deps;
  const actor = ctx.state.actor;
  const mine = isAuthor(listing, actor?.id ?? null);
  await renderPage(
    ctx,
    'listings/show',
    {
      title: listing.title,
      listing,
      replies: actor ? await readConversations(db, actor, listing, open.with) : null,
      remoteReplies: actor && mine ? await remoteRepliesView(db, actor, listing, open.remote) : null,
      mine,
      canDo: (action: Parameters<typeof canDo>[1]) => canDo(listing, action),
      values: form.values ?? {},
      errors: form.errors ?? {},
      ...(await listingWords(db, ctx.state, deps.now(), originUnits)),
    },
    { status: form.status },
  );
}

/** For the author: the conversations with people from sibling towns, and the one they opened. */
async function remoteRepliesView(db: DB, actor: Actor, listing: Listing, openUuid: string | null) {
  const conversations = await findRemoteConversationsOn(db, actor, listing);
  const chosen = conversations.find((c) => c.uuid === openUuid);
  return { conversations, open: chosen ? await readAuthorConversation(db, actor, listing, chosen.uuid) : null };
}

/** A sibling town's listing, with the member's conversation about it and the form to write. */
export async function showRemoteListing(
  deps: AppDeps,
  ctx: AppContext,
  listing: RemoteListing,
  form: Partial<FormState> = {},
): Promise<void> {
  const actor = ctx.state.actor;
  await renderPage(
    ctx,
    'listings/remote',
    {
      title: listing.title,
      listing,
      signedIn: actor !== null,
      conversation: actor ? await readRemoteConversation(deps.db, actor, listing) : null,
      values: form.values ?? {},
      errors: form.errors ?? {},
      back: `/listings/${listing.id}`,
      ...(await listingWords(deps.db, ctx.state, deps.now(), originUnits)),
    },
    { status: form.status },
  );
}

/**
 * A POST on a listing by a member (`formAction`): the listing must be visible to them; `change` runs in one
 * transaction and names the page to go to; a refusal (a rule, or not the author) shows the listing again with the
 * reason and what was typed. My listings' buttons come back to My listings.
 */
export function listingAction<S extends z.ZodType>(
  router: AppRouter,
  deps: AppDeps,
  action: string,
  schema: S,
  change: (trx: DB, actor: Actor, listing: Listing, input: z.output<S>, now: Date) => Promise<string>,
): void {
  formAction(router, `/listings/:id/${action}`, {
    db: deps.db,
    schema,
    load: (ctx) => visibleListing(deps.db, requireMember(ctx.state.actor), ctx.params.id, deps.now()),
    run: async (trx, input, listing, ctx) => {
      const location = await change(trx, requireMember(ctx.state.actor), listing, input, deps.now());
      return ctx.query.back === 'mine' ? '/listings/mine' : location;
    },
    showForm: (ctx: RouteContext, listing, form) =>
      showListing(
        deps,
        ctx,
        listing,
        { with: form.values.with ?? null, remote: form.values.conversation ?? null },
        form,
      ),
  });
}

/** `/listings/:id`: a listing of this box, or a sibling town's (by its UUID), as the viewer may see it. */
export function listingPageRoutes(deps: AppDeps): AppRouter {
  const router = createRouter();
  const { db } = deps;

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
    if (remote) return showRemoteListing(deps, ctx, remote);
    const listing = await visibleListing(db, ctx.state.actor, ctx.params.id, now, { from: true });
    const query = (name: string) => (typeof ctx.query[name] === 'string' ? ctx.query[name] : null);
    await showListing(deps, ctx, listing, { with: query('with'), remote: query('remote') });
  });

  return router;
}
