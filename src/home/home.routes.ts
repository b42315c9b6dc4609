import Router from '@koa/router';
import { findCommunity, hasSteward } from '../community/community.queries.js';
import type { AppContext, AppDeps, AppState } from '../http/context.js';
import { renderPage } from '../http/render.js';
import { countMembersByStatus } from '../members/members.queries.js';

/**
 * The opening screen: the four areas of the Diss social model, each saying what
 * it is for and linking to what exists. Areas still to come say so plainly.
 */
export function homeRoutes(deps: AppDeps): Router<AppState> {
  const router = new Router<AppState>();
  router.get('/', async (ctx) => {
    if (!(await hasSteward(deps.db))) return ctx.redirect('/setup');
    const community = await findCommunity(deps.db);
    const counts = await countMembersByStatus(deps.db);
    await renderPage(ctx as AppContext, 'home/index', { title: community?.name ?? 'Marketcross', community, counts });
  });
  return router;
}
