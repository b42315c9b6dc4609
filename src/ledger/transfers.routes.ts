import crypto from 'node:crypto';
import { z } from 'zod';
import { type Actor, requireMember, requireSteward } from '../auth/actor.js';
import type { DB } from '../db/database.js';
import type { AppContext, AppDeps } from '../http/context.js';
import { type FormState, formAction } from '../http/form-action.js';
import { type FieldErrors, submittedValues } from '../http/forms.js';
import { renderPage } from '../http/render.js';
import { type AppRouter, createRouter, type RouteContext } from '../http/router.js';
import { findVisibleGroups } from '../groups/groups.queries.js';
import { Conflict } from '../lib/errors.js';
import { optionalText, requiredText } from '../lib/fields.js';
import { textRules } from './ledger-fields.js';
import { findDirectory } from '../members/profiles.js';
import { feedbackFormFor } from './feedback.js';
import { findFeedbackFor } from './feedback.queries.js';
import { groupsRunBy } from './funds.js';
import { LimitError, type Party } from './ledger.js';
import { findCurrenciesFor } from './currencies.queries.js';
import { visibleCurrencies } from './currency-access.js';
import { findLiveReversalOf } from './transfers.queries.js';
import { findAccountsOfMember, findGroupFunds, findTransferView } from './statements.queries.js';
import { visibleTransfer } from './transfer-access.js';
import { acceptTransfer, declineTransfer } from './decisions.js';
import { FUND_PREFIX, pay, paymentSchema, requestPayment, requestSchema } from './transfers.js';
import { proposeReversal, stewardReversal } from './reversals.js';
import type { TransferOutcome } from './transfer-records.js';

/**
 * Paying and asking for a payment, a transfer's page, and what its parties do about it: accept, decline, propose a
 * reversal (a steward: reverse it at once). Every write runs in `immediateTransaction` (a balance is read against a
 * limit, then written) and answers POST → 303 → GET.
 */

const KINDS = {
  pay: { field: 'to', title: 'ledger.pay.title' },
  request: { field: 'from', title: 'ledger.request.title' },
} as const;
type FormKind = keyof typeof KINDS;

const reverseSchema = z.object({
  idempotency_key: optionalText(textRules(), 100),
});

const stewardReverseSchema = reverseSchema.extend({
  reason: requiredText(textRules('ledger.errors.reasonRequired'), 500),
});

/** Groups found by name or address for the transfer form's search, at most this many. */
const GROUPS_FOUND = 10;

/** A transfer form's page again: what was typed and what is wrong, or a fresh form. */
type ShownForm = Partial<FormState>;

export function transferRoutes(deps: AppDeps): AppRouter {
  const router = createRouter();
  for (const kind of ['pay', 'request'] as const)
    router.get(`/ledger/${kind}`, (ctx) => showTransferForm(deps, ctx, kind, { values: submittedValues(ctx.query) }));
  formAction(router, '/ledger/pay', {
    db: deps.db,
    schema: paymentSchema,
    transaction: 'immediate',
    run: (trx, input, _none, ctx) =>
      made('pay', input.as_group, () => pay(trx, requireMember(ctx.state.actor), input, deps.now())),
    showForm: (ctx, _none, form) => showTransferForm(deps, ctx, 'pay', form),
  });
  formAction(router, '/ledger/request', {
    db: deps.db,
    schema: requestSchema,
    transaction: 'immediate',
    run: (trx, input, _none, ctx) =>
      made('request', input.as_group, () => requestPayment(trx, requireMember(ctx.state.actor), input, deps.now())),
    showForm: (ctx, _none, form) => showTransferForm(deps, ctx, 'request', form),
  });
  router.get('/ledger/transfers/:id', (ctx) => showTransfer(deps, ctx, ctx.params.id));
  decisionActions(router, deps);
  reversalActions(router, deps);
  return router;
}

/** The groups a member sees, by name or address, for paying into (or billing) their funds. */
async function groupsMatching(deps: AppDeps, actor: Actor, q: string) {
  const wanted = q.toLowerCase();
  return (await findVisibleGroups(deps.db, actor)).all
    .filter((g) => g.name.toLowerCase().includes(wanted) || g.slug.includes(wanted))
    .slice(0, GROUPS_FOUND);
}

/**
 * The currencies a transfer form offers: those the member, or a fund they act for, may hold. One asked for by name (a
 * listing's "pay for this" link) stays on the list even so: the select must not quietly put the amount in another
 * currency, and submitting says why it cannot be used. Only currencies the member may know of are offered at all: one
 * of a group hidden from them is not there, as a code nobody has.
 */
async function formCurrencies(deps: AppDeps, actor: Actor, fundGroupIds: number[], asked: string | undefined) {
  const parties: Party[] = [{ memberId: actor.id }, ...fundGroupIds.map((groupId) => ({ groupId }))];
  const usable = new Set(
    (await Promise.all(parties.map((party) => findCurrenciesFor(deps.db, party)))).flat().map((c) => c.code),
  );
  return (await visibleCurrencies(deps.db, actor)).filter(
    (currency) => currency.code === asked || usable.has(currency.code),
  );
}

async function showTransferForm(deps: AppDeps, ctx: AppContext, kind: FormKind, form: ShownForm) {
  const actor = requireMember(ctx.state.actor);
  const values = form.values ?? {};
  const adminOf = await groupsRunBy(deps.db, actor);
  const currencies = await formCurrencies(
    deps,
    actor,
    adminOf.map((g) => g.id),
    values.currency,
  );
  const q = (values.q ?? '').trim().slice(0, 100);
  const people = q ? (await findDirectory(deps.db, actor, q, 1)).members.filter((m) => m.handle !== actor.handle) : [];
  const shown: Record<string, string> = {
    currency: currencies[0]?.code ?? '',
    ...values,
    idempotency_key: values.idempotency_key || crypto.randomUUID(),
  };
  // A link per person or group found: the same form with them filled in, so picking works with or without htmx.
  const pickLink = (handleOrFund: string) => {
    const { _csrf, q: _q, ...rest } = shown;
    return `/ledger/${kind}?${new URLSearchParams({ ...rest, [KINDS[kind].field]: handleOrFund }).toString()}`;
  };
  await renderPage(
    ctx,
    'ledger/transfer-form',
    {
      title: ctx.state.t(KINDS[kind].title),
      kind,
      field: KINDS[kind].field,
      values: shown,
      errors: form.errors ?? {},
      currencies,
      people,
      groups: q ? await groupsMatching(deps, actor, q) : [],
      fundPrefix: FUND_PREFIX,
      q,
      pickLink,
      funds: adminOf.map((g) => ({ slug: g.slug, name: g.name })),
    },
    { status: form.status, fragment: 'ledger/_people' },
  );
}

/**
 * The transfer made, and where to see it. Paying, the member (or the fund they pay from) is the payer: a refusal about
 * the payer's limit says "you".
 */
async function made(kind: FormKind, asGroup: string, use: () => Promise<TransferOutcome>): Promise<string> {
  try {
    return `/ledger/transfers/${(await use()).transfer.id}`;
  } catch (error) {
    if (error instanceof LimitError && kind === 'pay' && error.side === 'payer')
      throw error.toldTo(asGroup ? 'the fund' : 'you');
    throw error;
  }
}

/** A decision or a reversal, posted from the accounts page or the transfer's page; refusals come back on the latter. */
function transferAction<S extends z.ZodType>(
  router: AppRouter,
  deps: AppDeps,
  action: string,
  schema: S,
  run: (trx: DB, input: z.output<S>, id: string, ctx: RouteContext) => Promise<string>,
) {
  formAction(router, `/ledger/transfers/:id/${action}`, {
    db: deps.db,
    schema,
    transaction: 'immediate',
    load: async (ctx) => {
      requireMember(ctx.state.actor);
      return ctx.params.id;
    },
    run,
    showForm: (ctx, id, form) => showTransfer(deps, ctx, id, form),
  });
}

/** Accepting or declining a pending request or proposed reversal. */
function decisionActions(router: AppRouter, deps: AppDeps) {
  transferAction(router, deps, 'accept', z.object({}), async (trx, _input, id, ctx) => {
    const now = deps.now();
    try {
      await acceptTransfer(trx, requireMember(ctx.state.actor), id, now);
    } catch (error) {
      if (!(error instanceof LimitError)) throw error;
      // The member decides for the side the transfer waited for: a refusal about that side's limit says "you". It is
      // said for the whole form (the page has no amount field).
      const transfer = (await findTransferView(trx, id, now))!;
      const awaited = transfer.awaitingAccountId === transfer.payerAccountId ? 'payer' : 'payee';
      const holder = awaited === 'payer' ? transfer.payer : transfer.payee;
      const told = error.side === awaited ? error.toldTo(holder.kind === 'group' ? 'the fund' : 'you') : error;
      throw new Conflict(told.reason, told.details, told.code);
    }
    return `/ledger/transfers/${id}`;
  });
  transferAction(router, deps, 'decline', z.object({}), async (trx, _input, id, ctx) => {
    await declineTransfer(trx, requireMember(ctx.state.actor), id, deps.now());
    return `/ledger/transfers/${id}`;
  });
}

/** A party proposing to reverse a completed transfer, and a steward reversing it at once, with a reason. */
function reversalActions(router: AppRouter, deps: AppDeps) {
  transferAction(router, deps, 'reverse', reverseSchema, async (trx, input, id, ctx) => {
    const key = input.idempotency_key || crypto.randomUUID();
    const { transfer } = await proposeReversal(trx, requireMember(ctx.state.actor), id, key, deps.now());
    return `/ledger/transfers/${transfer.id}`;
  });
  transferAction(router, deps, 'steward-reverse', stewardReverseSchema, async (trx, input, id, ctx) => {
    const steward = requireSteward(ctx.state.actor);
    const key = input.idempotency_key || crypto.randomUUID();
    const { transfer } = await stewardReversal(trx, steward, id, input.reason, key, deps.now());
    deps.log(`ledger: steward @${steward.handle} reversed transfer ${id} by ${transfer.id}: ${input.reason}`);
    return `/ledger/transfers/${transfer.id}`;
  });
}

/** A transfer, to those who may see it (`transfer-access.ts`), with what they may do about it. */
export async function showTransfer(deps: AppDeps, ctx: AppContext, id: string, form: ShownForm = {}): Promise<void> {
  const actor = requireMember(ctx.state.actor);
  const now = deps.now();
  const { transfer, actsFor, runs } = await visibleTransfer(deps.db, actor, id, now);
  const accounts = [
    ...(await findAccountsOfMember(deps.db, actor.id, now)),
    ...(await findGroupFunds(deps.db, runs, now)),
  ];
  const [feedback, feedbackForm, reversal] = await Promise.all([
    findFeedbackFor(deps.db, transfer.id),
    feedbackFormFor(deps.db, actor, transfer, now),
    findLiveReversalOf(deps.db, transfer.id, now),
  ]);
  // An expired proposal no longer stands in the way of a new one.
  const reversedBy = reversal && reversal.state !== 'expired' ? reversal : null;
  const reversible = transfer.state === 'completed' && reversedBy === null;
  const errors: FieldErrors = form.errors ?? {};
  await renderPage(
    ctx,
    'ledger/transfer',
    {
      title: ctx.state.t(`ledger.transfer.${transfer.kind}`),
      transfer,
      reversedBy,
      awaitingMe: transfer.state === 'pending' && accounts.some((a) => a.id === transfer.awaitingAccountId),
      canProposeReversal: actsFor && reversible,
      canStewardReverse: actor.role === 'steward' && reversible,
      canGiveFeedback: feedbackForm?.open,
      feedbackAs: feedbackForm?.as ?? null,
      feedback,
      values: {
        rating: feedbackForm?.mine?.rating ?? '',
        comment: feedbackForm?.mine?.comment ?? '',
        idempotency_key: crypto.randomUUID(),
        ...form.values,
      },
      errors,
    },
    // A refusal of a form posted from this page or from /ledger: the address bar goes to the transfer, not to the
    // POST's action (which has no page to reload).
    { status: form.status, url: `/ledger/transfers/${transfer.id}` },
  );
}
