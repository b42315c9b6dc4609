import { type AppRouter, createRouter } from '../http/router.js';
import { requireMember } from '../auth/actor.js';
import type { AppDeps } from '../http/context.js';
import { renderPage } from '../http/render.js';
import { findListingsOf } from './listings.queries.js';
import { canDo } from './listing-access.js';
import { originUnits } from './listing-page.routes.js';
import { findStartedConversations, findUnreadOnOwnListings } from './news.js';
import { findUnreadNotices, markNoticesRead } from './notices.queries.js';
import { pageNumber } from './search.js';
import { listingWords, noticeShown } from './shown.js';

/** `/listings/mine`: a member's own listings (current or archived), reminders, and the conversations they started. */
export function myListingsRoutes(deps: AppDeps): AppRouter {
  const router = createRouter();
  const { db } = deps;

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
      notices: notices.map((n) => ({ listingId: n.listingId, words: noticeShown(ctx.state, n.message) })),
      unread,
      started,
      archived,
      canDo,
      ...(await listingWords(db, ctx.state, now, originUnits)),
    });
  });

  return router;
}
