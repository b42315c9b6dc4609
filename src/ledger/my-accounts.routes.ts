import { requireMember } from '../auth/actor.js';
import type { AppDeps } from '../http/context.js';
import { renderPage } from '../http/render.js';
import { type AppRouter, createRouter } from '../http/router.js';
import { findMyLedger } from './my-ledger.js';
import { findRecentOf } from './statements.queries.js';

/** `/ledger`: the member's accounts and the funds they run, what waits for them or for others, recent transfers. */
export function myAccountsRoutes(deps: AppDeps): AppRouter {
  const router = createRouter();

  router.get('/ledger', async (ctx) => {
    const actor = requireMember(ctx.state.actor);
    const now = deps.now();
    const [ledger, recent] = await Promise.all([
      findMyLedger(deps.db, actor, now),
      findRecentOf(deps.db, actor.id, now, 20),
    ]);
    await renderPage(ctx, 'ledger/index', { title: ctx.state.t('ledger.accounts.title'), ...ledger, recent });
  });

  return router;
}
