import { requireMember } from '../auth/actor.js';
import type { AppDeps } from '../http/context.js';
import { renderPage } from '../http/render.js';
import { type AppRouter, createRouter } from '../http/router.js';
import { groupsRunBy } from './funds.js';
import { headroom } from './ledger.js';
import { findAccountsOfMember, findGroupFunds, findPendingOn, findRecentOf } from './statements.queries.js';

/** `/ledger`: the member's accounts and the funds they run, what waits for them or for others, recent transfers. */
export function myAccountsRoutes(deps: AppDeps): AppRouter {
  const router = createRouter();

  router.get('/ledger', async (ctx) => {
    const actor = requireMember(ctx.state.actor);
    const now = deps.now();
    const runs = (await groupsRunBy(deps.db, actor)).map((g) => g.id);
    const accounts = [
      ...(await findAccountsOfMember(deps.db, actor.id, now)),
      ...(await findGroupFunds(deps.db, runs, now)),
    ];
    const [pending, recent] = await Promise.all([
      findPendingOn(
        deps.db,
        accounts.map((a) => a.id),
        now,
      ),
      findRecentOf(deps.db, actor.id, now, 20),
    ]);
    const mine = (accountId: number | null) => accounts.some((a) => a.id === accountId);
    await renderPage(ctx, 'ledger/index', {
      title: ctx.state.t('ledger.accounts.title'),
      accounts: accounts.map((a) => ({ ...a, available: headroom(a).out })),
      waitingForMe: pending.filter((t) => t.awaitingAccountId !== null && mine(t.awaitingAccountId)),
      waitingForOthers: pending.filter((t) => !mine(t.awaitingAccountId)),
      recent,
    });
  });

  return router;
}
