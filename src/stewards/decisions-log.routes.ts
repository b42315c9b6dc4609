import { z } from 'zod';
import { requireSteward } from '../auth/actor.js';
import type { AppDeps } from '../http/context.js';
import { renderPage } from '../http/render.js';
import { type AppRouter, createRouter } from '../http/router.js';
import { findRecentDecisions } from './stewards.queries.js';

const DECISIONS_PER_PAGE = 50;

const logQuery = z.object({ page: z.coerce.number().int().min(1).max(10_000).catch(1) });

/** `/stewards/decisions`: the whole decisions log, newest first, a page at a time. */
export function decisionsLogRoutes(deps: AppDeps): AppRouter {
  const router = createRouter();

  router.get('/stewards/decisions', async (ctx) => {
    requireSteward(ctx.state.actor);
    const { page } = logQuery.parse(ctx.query);
    const decisions = await findRecentDecisions(deps.db, DECISIONS_PER_PAGE + 1, (page - 1) * DECISIONS_PER_PAGE);
    await renderPage(ctx, 'stewards/decisions', {
      title: page === 1 ? ctx.state.t('stewards.log.title') : ctx.state.t('stewards.log.titlePage', { page }),
      decisions: decisions.slice(0, DECISIONS_PER_PAGE),
      page,
      hasMore: decisions.length > DECISIONS_PER_PAGE,
    });
  });

  return router;
}
