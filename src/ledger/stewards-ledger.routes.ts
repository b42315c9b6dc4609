import { requireSteward } from '../auth/actor.js';
import type { AppContext, AppDeps } from '../http/context.js';
import { type FormState, formAction } from '../http/form-action.js';
import { renderPage } from '../http/render.js';
import { type AppRouter, createRouter, type RouteContext } from '../http/router.js';
import { NotFound } from '../lib/errors.js';
import { fieldWords } from '../lib/fields.js';
import { msg } from '../lib/messages.js';
import { formatAmount } from './amounts.js';
import { changeLimits, freezeAccount, freezeSchema, limitProblems, limitsSchema } from './currencies.js';
import { headroom } from './ledger.js';
import { findAccountChanges, findZeroSumCheck } from './account-changes.queries.js';
import { findCurrencies } from './currencies.queries.js';
import {
  type AccountView,
  findAccountView,
  findAllAccounts,
  findMonthlyVolume,
  findRecentTransfers,
} from './statements.queries.js';

/**
 * `/stewards/ledger`: the whole ledger as the stewards watch it (the zero-sum check, accounts near their limits, the
 * volume, recent transfers), and an account's page, where a steward changes its limits or freezes it, with a reason.
 */
export function stewardsLedgerRoutes(deps: AppDeps): AppRouter {
  const router = createRouter();
  router.get('/stewards/ledger', (ctx) => showOverview(deps, ctx));
  router.get('/stewards/ledger/accounts/:id', async (ctx) => showAccount(deps, ctx, await accountAt(deps, ctx)));
  accountForms(router, deps);
  return router;
}

async function showOverview(deps: AppDeps, ctx: AppContext) {
  requireSteward(ctx.state.actor);
  const now = deps.now();
  const [currencies, accounts, zeroSum, volume, recent] = await Promise.all([
    findCurrencies(deps.db),
    findAllAccounts(deps.db, now),
    findZeroSumCheck(deps.db),
    findMonthlyVolume(deps.db),
    findRecentTransfers(deps.db, now, 30),
  ]);
  // Near a limit: less than a tenth of the account's range left on either side.
  const near = accounts.filter((a) => {
    const room = headroom(a);
    const tenth = (a.upperLimit - a.lowerLimit) / 10;
    return room.out < tenth || room.in < tenth;
  });
  await renderPage(ctx, 'ledger/stewards', {
    title: ctx.state.t('ledger.stewards.title'),
    currencies,
    accounts,
    near,
    zeroSum,
    volume,
    recent,
  });
}

/** The account a path names, for a steward; NotFound for anything else. */
async function accountAt(deps: AppDeps, ctx: RouteContext): Promise<AccountView> {
  requireSteward(ctx.state.actor);
  const id = ctx.params.id!;
  const account = /^\d{1,12}$/.test(id) ? await findAccountView(deps.db, Number(id), deps.now()) : null;
  if (!account) throw new NotFound(msg('ledger.errors.noAccount'));
  return account;
}

async function showAccount(deps: AppDeps, ctx: AppContext, account: AccountView, form: Partial<FormState> = {}) {
  const f = (minor: number) => formatAmount(minor, account.scale);
  await renderPage(
    ctx,
    'ledger/account',
    {
      title: ctx.state.t('ledger.account.title', { name: account.holder.name }),
      account,
      changes: await findAccountChanges(deps.db, account.id),
      values: { lower_limit: f(account.lowerLimit), upper_limit: f(account.upperLimit), ...form.values },
      errors: form.errors ?? {},
    },
    { status: form.status, url: `/stewards/ledger/accounts/${account.id}` }, // as for a transfer's page
  );
}

/** What a steward did to an account, for the box's log. */
function logChange(deps: AppDeps, steward: { handle: string }, done: string, account: AccountView, reason: string) {
  const whose = `${account.holder.handle}, ${account.currencyCode}`;
  deps.log(`ledger: steward @${steward.handle} ${done} account ${account.id} (${whose}): ${reason}`);
}

/** Changing an account's limits, and freezing or unfreezing it, each with a reason. */
function accountForms(router: AppRouter, deps: AppDeps) {
  const load = (ctx: RouteContext) => accountAt(deps, ctx);
  formAction(router, '/stewards/ledger/accounts/:id/limits', {
    db: deps.db,
    schema: limitsSchema,
    transaction: 'immediate',
    load,
    run: async (trx, input, account, ctx) => {
      const steward = requireSteward(ctx.state.actor);
      await changeLimits(trx, steward, account.id, account.scale, input, deps.now());
      logChange(deps, steward, 'changed the limits of', account, input.reason);
      return `/stewards/ledger/accounts/${account.id}`;
    },
    // A missing reason and a limit that cannot be are reported together, so the steward corrects both at once.
    showForm: (ctx, account, form) => {
      const { lower_limit = '', upper_limit = '' } = form.values;
      const limits = form.status === 422 ? limitProblems(lower_limit, upper_limit, account.scale) : {};
      const words = fieldWords(limits, ctx.state.t);
      return showAccount(deps, ctx, account, { ...form, errors: { ...words, ...form.errors } });
    },
  });
  formAction(router, '/stewards/ledger/accounts/:id/freeze', {
    db: deps.db,
    schema: freezeSchema,
    transaction: 'immediate',
    load,
    run: async (trx, input, account, ctx) => {
      const steward = requireSteward(ctx.state.actor);
      await freezeAccount(trx, steward, account.id, input, deps.now());
      logChange(deps, steward, `${input.action}d`, account, input.reason);
      return `/stewards/ledger/accounts/${account.id}`;
    },
    showForm: (ctx, account, form) => showAccount(deps, ctx, account, form),
  });
}
