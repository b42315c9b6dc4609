import { type AppRouter, createRouter } from '../http/router.js';
import { requireMember } from '../auth/actor.js';
import type { AppDeps } from '../http/context.js';
import { submittedValues } from '../http/forms.js';
import { type FieldProblems, fieldWords, readInput } from '../lib/fields.js';
import { seeOther } from '../http/render.js';
import { findRemoteListing } from '../federation/remote-listings.queries.js';
import { answerRemoteReplier, replyToRemoteListing } from '../federation/conversations.queries.js';
import { listingViewerOf } from './listings.queries.js';
import { isAuthor, requireAuthor, UUID, visibleListing } from './listing-access.js';
import { listingAction, showListing, showRemoteListing } from './listing-page.routes.js';
import { replySchema, sendReply } from './replies.js';

/**
 * `/listings/:id/replies`: "I'm interested" and the conversations that follow, here, about a sibling town's listing,
 * or the author answering someone from a sibling town.
 */
export function listingReplyRoutes(deps: AppDeps): AppRouter {
  const router = createRouter();
  const { db } = deps;

  // Conversations with other towns: about a sibling's listing, or the author answering someone from a sibling town.
  router.post('/listings/:id/replies', async (ctx, next) => {
    const actor = requireMember(ctx.state.actor);
    const now = deps.now();
    const remote = UUID.test(ctx.params.id)
      ? await findRemoteListing(db, ctx.params.id, await listingViewerOf(db, actor), now)
      : null;
    const values = submittedValues(ctx.request.body);
    if (!remote && !values.conversation) return next();
    const parsed = readInput(replySchema, ctx.request.body);
    const refused = (problems: FieldProblems) => ({ values, errors: fieldWords(problems, ctx.state.t), status: 422 });
    if (remote) {
      if (!parsed.ok) return showRemoteListing(deps, ctx, remote, refused(parsed.problems));
      await replyToRemoteListing(db, actor, remote, parsed.value.body, now);
      return seeOther(ctx, `/listings/${remote.id}#conversation`);
    }
    const listing = await visibleListing(db, actor, ctx.params.id, now);
    if (!parsed.ok) {
      const open = { with: values.with ?? null, remote: values.conversation ?? null };
      return showListing(deps, ctx, listing, open, refused(parsed.problems));
    }
    requireAuthor(listing, actor.id);
    await answerRemoteReplier(db, actor, listing, values.conversation!, parsed.value.body, now);
    seeOther(ctx, `/listings/${listing.id}?remote=${encodeURIComponent(values.conversation!)}#conversation`);
  });

  // A conversation here: a replier writing to the author, or the author answering a replier.
  listingAction(router, deps, 'replies', replySchema, async (trx, actor, listing, input, now) => {
    const withHandle = await sendReply(trx, actor, listing, input, now);
    const open = isAuthor(listing, actor.id) ? `?with=${encodeURIComponent(withHandle)}` : '';
    return `/listings/${listing.id}${open}#conversation`;
  });

  return router;
}
