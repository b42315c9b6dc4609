import { type AppRouter, createRouter } from '../http/router.js';
import type Koa from 'koa';
import { z } from 'zod';
import { immediateTransaction } from '../db/immediate.js';
import { requireMember } from '../auth/actor.js';
import type { AppDeps, AppState } from '../http/context.js';
import { NotFound } from '../lib/errors.js';
import { checkInput, optionalText } from '../lib/fields.js';
import { msg } from '../lib/messages.js';
import { textRules } from './ledger-fields.js';
import { formatAmount } from './amounts.js';
import { readableFund } from './funds.js';
import type { HolderRef, Party } from './ledger.js';
import { visibleCurrencyByCode } from './currency-access.js';
import {
  findAccountOf,
  findAccountsOfMember,
  findStatement,
  findTransferView,
  type AccountView,
  type StatementLine,
  type TransferView,
} from './statements.queries.js';
import { acceptTransfer, declineTransfer } from './decisions.js';
import { pay, paymentSchema, requestPayment, requestSchema } from './transfers.js';
import type { TransferOutcome } from './transfer-records.js';

/**
 * The ledger in the JSON API (`/api/v1/…`), for the member whose token came
 * in `Authorization: Bearer`. Amounts are integers of minor units, with the
 * formatted string beside them; a payment or request answers 201 with the
 * transfer, and the same idempotency key answers the same transfer again.
 */

const holderJson = (holder: HolderRef) => ({ type: holder.kind, handle: holder.handle, name: holder.name });

/**
 * A payment or request as the use case returned it: all a transfer's answer needs, with no second read of the database.
 */
function outcomeView({ transfer, currency, payer, payee }: TransferOutcome): TransferView {
  return { ...transfer, currencyCode: currency.code, scale: currency.scale, payer, payee };
}

function transferJson(t: TransferView) {
  return {
    id: t.id,
    kind: t.kind,
    state: t.state,
    amount: t.amount,
    amount_formatted: formatAmount(t.amount, t.scale),
    currency: t.currencyCode,
    from: holderJson(t.payer),
    to: holderJson(t.payee),
    description: t.description,
    listing_id: t.listingId,
    reverses_id: t.reversesId,
    created_at: t.createdAt,
    expires_at: t.expiresAt,
    decided_at: t.decidedAt,
  };
}

function accountJson(a: AccountView) {
  const f = (minor: number) => formatAmount(minor, a.scale);
  const available = Math.max(0, a.balance - a.lowerLimit);
  return {
    currency: a.currencyCode,
    currency_name: a.currencyName,
    balance: a.balance,
    balance_formatted: f(a.balance),
    lower_limit: a.lowerLimit,
    upper_limit: a.upperLimit,
    available,
    available_formatted: f(available),
    pending_in: a.pendingIn,
    pending_out: a.pendingOut,
    frozen: a.frozenReason !== null,
  };
}

const lineJson = (line: StatementLine) => ({
  transfer_id: line.transferId,
  at: line.at,
  amount: line.amount,
  balance: line.balance,
  kind: line.kind,
  description: line.description,
  counterparty: holderJson(line.counterparty),
});

const DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/;
const statementQuery = z.object({
  since: optionalText(textRules(), 40).refine(
    (s) => s === '' || (DATE.test(s) && !Number.isNaN(Date.parse(s))),
    'ledger.field.since.date',
  ),
  /** A group's slug: that group's fund's statement, for the group's members. */
  as_group: optionalText(textRules(), 80),
});

export function ledgerApiRoutes(deps: AppDeps): AppRouter {
  const router = createRouter({ prefix: '/api/v1' });

  const answer = (ctx: Koa.ParameterizedContext<AppState>, outcome: TransferOutcome) => {
    ctx.status = 201;
    if (outcome.replayed) ctx.set('Idempotent-Replayed', 'true');
    ctx.body = { transfer: transferJson(outcomeView(outcome)) };
  };

  router.get('/accounts', async (ctx) => {
    const actor = requireMember(ctx.state.actor);
    ctx.body = { accounts: (await findAccountsOfMember(deps.db, actor.id, deps.now())).map(accountJson) };
  });

  router.get('/accounts/:currency/statement', async (ctx) => {
    const actor = requireMember(ctx.state.actor);
    const { since, as_group } = checkInput(statementQuery, ctx.query);
    const currency =
      ctx.params.currency.length <= 8 ? await visibleCurrencyByCode(deps.db, actor, ctx.params.currency) : null;
    if (!currency) throw new NotFound(msg('ledger.errors.noCurrency'));
    const owner: Party = as_group
      ? { groupId: (await readableFund(deps.db, actor, as_group)).id }
      : { memberId: actor.id };
    const account = await findAccountOf(deps.db, owner, currency.id, deps.now());
    const lines = account ? await findStatement(deps.db, account.id, { since: since || undefined }) : [];
    ctx.body = {
      currency: currency.code,
      account: account ? accountJson(account) : null,
      entries: lines.map(lineJson),
    };
  });

  router.post('/payments', async (ctx) => {
    const actor = requireMember(ctx.state.actor);
    const input = checkInput(paymentSchema, ctx.request.body);
    answer(ctx, await immediateTransaction(deps.db, (trx) => pay(trx, actor, input, deps.now())));
  });

  router.post('/payment-requests', async (ctx) => {
    const actor = requireMember(ctx.state.actor);
    const input = checkInput(requestSchema, ctx.request.body);
    answer(ctx, await immediateTransaction(deps.db, (trx) => requestPayment(trx, actor, input, deps.now())));
  });

  router.post('/transfers/:id/:decision', async (ctx) => {
    const actor = requireMember(ctx.state.actor);
    const decision = ctx.params.decision;
    if (decision !== 'accept' && decision !== 'decline') throw new NotFound();
    const decide = decision === 'accept' ? acceptTransfer : declineTransfer;
    const { transfer, replayed } = await immediateTransaction(deps.db, (trx) =>
      decide(trx, actor, ctx.params.id, deps.now()),
    );
    if (replayed) ctx.set('Idempotent-Replayed', 'true');
    ctx.body = { transfer: transferJson((await findTransferView(deps.db, transfer.id, deps.now()))!) };
  });

  // Without this, koa would answer other methods with a plain-text 405 instead of the API's JSON error.
  router.all(['/accounts', '/accounts/:currency/statement'], (ctx) => methodNotAllowed(ctx, 'GET, HEAD'));
  router.all(['/payments', '/payment-requests', '/transfers/:id/accept', '/transfers/:id/decline'], (ctx) =>
    methodNotAllowed(ctx, 'POST'),
  );

  return router;
}

function methodNotAllowed(ctx: Koa.Context, allow: string): never {
  ctx.set('Allow', allow);
  // Answered `method_not_allowed` by the error mapping, in the client's language.
  ctx.throw(405);
}
