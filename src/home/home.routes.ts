import { type AppRouter, createRouter } from '../http/router.js';
import { findCommunity, hasSteward } from '../community/community.queries.js';
import type { AppDeps } from '../http/context.js';
import { renderPage } from '../http/render.js';
import { listingWords } from '../listings/shown.js';
import { countMembersByStatus } from '../members/members.queries.js';
import { findMembersDay } from './day.js';

/**
 * The opening screen. A signed-in member sees their day (their balances, what waits for them, what is new near them);
 * everyone sees the four areas of the Diss social model, each saying what it is for and linking to what exists.
 */
export function homeRoutes(deps: AppDeps): AppRouter {
  const router = createRouter();
  router.get('/', async (ctx) => {
    if (!(await hasSteward(deps.db))) return ctx.redirect('/setup');
    const [community, counts] = await Promise.all([findCommunity(deps.db), countMembersByStatus(deps.db)]);
    const actor = ctx.state.actor;
    const now = deps.now();
    // The home lists only this box's listings, so none carries another town's currencies.
    const day = actor
      ? {
          ...(await findMembersDay(deps.db, actor, counts, now)),
          ...(await listingWords(deps.db, ctx.state, now, () => null)),
        }
      : null;
    const title = community?.name ?? 'Marketcross';
    await renderPage(ctx, 'home/index', { title, community, counts, day }, { news: day?.news });
  });
  return router;
}
