import { type AppRouter, createRouter } from '../http/router.js';
import { findCommunity, hasSteward } from '../community/community.queries.js';
import type { AppDeps } from '../http/context.js';
import { renderPage } from '../http/render.js';
import { countMembersByStatus } from '../members/members.queries.js';

/**
 * The opening screen: the four areas of the Diss social model, each saying what
 * it is for and linking to what exists. Areas still to come say so plainly.
 */
export function homeRoutes(deps: AppDeps): AppRouter {
  const router = createRouter();
  router.get('/', async (ctx) => {
    if (!(await hasSteward(deps.db))) return ctx.redirect('/setup');
    const community = await findCommunity(deps.db);
    const counts = await countMembersByStatus(deps.db);
    await renderPage(ctx, 'home/index', { title: community?.name ?? 'Marketcross', community, counts });
  });
  return router;
}
