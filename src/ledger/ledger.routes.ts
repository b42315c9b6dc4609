import crypto from 'node:crypto';
import { type AppRouter, createRouter, type RouteContext } from '../http/router.js';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { immediateTransaction } from '../db/immediate.js';
import { findVisibleGroups } from '../groups/groups.queries.js';
import { isAdmin } from '../groups/groups.js';
import { requireMember, requireSteward } from '../auth/actor.js';
import type { AppContext, AppDeps } from '../http/context.js';
import type { Actor } from '../auth/actor.js';
import { refusalOf } from '../http/errors.js';
import type { Translate } from '../i18n/translate.js';
import { Invalid, NotFound } from '../lib/errors.js';
import { msg } from '../lib/messages.js';
import { parseInput, submittedValues, type FieldErrors } from '../http/forms.js';
import { optionalText } from '../lib/fields.js';
import { renderPage, seeOther } from '../http/render.js';
import { findDirectory } from '../members/profiles.js';
import { formatAmount } from './amounts.js';
import {
  changeLimits,
  createCurrency,
  currencySchema,
  freezeAccount,
  freezeSchema,
  limitErrors,
  limitsSchema,
} from './currencies.js';
import { feedbackFormFor, feedbackSchema, leaveFeedback } from './feedback.js';
import { findFeedbackFor } from './feedback.queries.js';
import { readableFund } from './funds.js';
import { visibleTransfer } from './transfer-access.js';
import { headroom, LimitError, type Party } from './ledger.js';
import {
  findAccountChanges,
  findCurrencies,
  findCurrenciesFor,
  findCurrencyByCode,
  findLiveReversalOf,
  findZeroSumCheck,
} from './ledger.queries.js';
import {
  findAccountOf,
  findAccountsOfMember,
  findAccountView,
  findAllAccounts,
  findMonthlyVolume,
  findGroupFunds,
  findPendingOn,
  findRecentOf,
  findRecentTransfers,
  findStatement,
  findTransferView,
} from './statements.queries.js';
import {
  acceptTransfer,
  declineTransfer,
  FUND_PREFIX,
  pay,
  paymentSchema,
  proposeReversal,
  requestPayment,
  requestSchema,
  stewardReversal,
} from './transfers.js';

/**
 * Synergy's pages: my accounts, paying and requesting, pending requests,
 * statements (and CSV), a transfer with its feedback, the stewards' view of
 * the whole ledger, and currencies. Every write runs in `immediateTransaction`
 * here, where the use case starts, and answers POST → 303 → GET.
 */

const KINDS = {
  pay: { schema: paymentSchema, field: 'to', title: 'ledger.pay.title' },
  request: { schema: requestSchema, field: 'from', title: 'ledger.request.title' },
} as const;
type FormKind = keyof typeof KINDS;

const dateFilter = z.object({
  since: optionalText('From', 10).catch(''),
  until: optionalText('To', 10).catch(''),
});

const reverseSchema = z.object({
  idempotency_key: optionalText('Idempotency key', 100),
  reason: optionalText('Reason', 500),
});

/**
 * A refusal a form shows again (a conflict, invalid input): the fields it names, else its reason for the whole form,
 * with its status; null for what the error pages answer (not found, forbidden, sign in) and for bugs.
 */
function formRefusal(error: unknown, t: Translate): { errors: FieldErrors; status: number } | null {
  const refusal = refusalOf(error, t);
  if (!refusal || (refusal.status !== 409 && refusal.status !== 422)) return null;
  const fields = refusal.fields && Object.keys(refusal.fields).length > 0 ? refusal.fields : null;
  return { errors: fields ?? { _form: refusal.message }, status: refusal.status };
}

/** A yyyy-mm-dd date that exists (not 2026-02-30, which `Date.parse` would roll into March), or undefined. */
function validDate(date: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const at = Date.parse(date);
  return !Number.isNaN(at) && new Date(at).toISOString().slice(0, 10) === date ? date : undefined;
}

/** The day after a yyyy-mm-dd date, so "to 2026-11-30" includes that day. */
function dayAfter(date: string): string | undefined {
  return validDate(date) ? new Date(Date.parse(date) + 86_400_000).toISOString().slice(0, 10) : undefined;
}

/** The CSV's columns, named in the reader's language by `ledger.csv.<column>`. */
const CSV_COLUMNS = [
  'date',
  'kind',
  'with',
  'description',
  'amount',
  'amountMinor',
  'balance',
  'balanceMinor',
  'transferId',
] as const;

/** Groups found by name or address for the transfer form's search, at most this many. */
const GROUPS_FOUND = 10;

export function ledgerRoutes(deps: AppDeps): AppRouter {
  const router = createRouter();

  /** The groups a member runs: they may create currencies for them and use their funds. */
  async function adminGroups(actor: Actor) {
    return (await findVisibleGroups(deps.db, actor)).all.filter(isAdmin);
  }

  /** The groups a member sees, by name or address, for paying into (or billing) their funds. */
  async function groupsMatching(actor: Actor, q: string) {
    const wanted = q.toLowerCase();
    return (await findVisibleGroups(deps.db, actor)).all
      .filter((g) => g.name.toLowerCase().includes(wanted) || g.slug.includes(wanted))
      .slice(0, GROUPS_FOUND);
  }

  router.get('/ledger', async (ctx) => {
    const actor = requireMember(ctx.state.actor);
    const now = deps.now();
    const funds = await findGroupFunds(
      deps.db,
      (await adminGroups(actor)).map((g) => g.id),
      now,
    );
    const accounts = [...(await findAccountsOfMember(deps.db, actor.id, now)), ...funds];
    const [pending, recent] = await Promise.all([
      findPendingOn(
        deps.db,
        accounts.map((a) => a.id),
        now,
      ),
      findRecentOf(deps.db, actor.id, now, 20),
    ]);
    await renderPage(ctx, 'ledger/index', {
      title: ctx.state.t('ledger.accounts.title'),
      accounts: accounts.map((a) => ({ ...a, available: headroom(a).out })),
      waitingForMe: pending.filter(
        (t) => t.awaitingAccountId !== null && accounts.some((a) => a.id === t.awaitingAccountId),
      ),
      waitingForOthers: pending.filter((t) => !accounts.some((a) => a.id === t.awaitingAccountId)),
      recent,
    });
  });

  /**
   * The currencies a transfer form offers: those the member, or a fund they
   * act for, may hold. One asked for by name (a listing's "pay for this" link)
   * stays on the list even so: the select must not quietly put the amount in
   * another currency, and submitting says why it cannot be used.
   */
  async function formCurrencies(actor: Actor, fundGroupIds: number[], asked: string | undefined) {
    const parties: Party[] = [{ memberId: actor.id }, ...fundGroupIds.map((groupId) => ({ groupId }))];
    const usable = new Set(
      (await Promise.all(parties.map((party) => findCurrenciesFor(deps.db, party)))).flat().map((c) => c.code),
    );
    return (await findCurrencies(deps.db)).filter((currency) => currency.code === asked || usable.has(currency.code));
  }

  async function showTransferForm(
    ctx: AppContext,
    kind: FormKind,
    values: Record<string, string>,
    errors: FieldErrors = {},
    status?: number,
  ) {
    const actor = requireMember(ctx.state.actor);
    const adminOf = await adminGroups(actor);
    const currencies = await formCurrencies(
      actor,
      adminOf.map((g) => g.id),
      values.currency,
    );
    const q = (values.q ?? '').trim().slice(0, 100);
    const people = q
      ? (await findDirectory(deps.db, actor, q, 1)).members.filter((m) => m.handle !== actor.handle)
      : [];
    const groups = q ? await groupsMatching(actor, q) : [];
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
    const funds = adminOf.map((g) => ({ slug: g.slug, name: g.name }));
    await renderPage(
      ctx,
      'ledger/transfer-form',
      {
        title: ctx.state.t(KINDS[kind].title),
        kind,
        field: KINDS[kind].field,
        values: shown,
        errors,
        currencies,
        people,
        groups,
        fundPrefix: FUND_PREFIX,
        q,
        pickLink,
        funds,
      },
      { status, fragment: 'ledger/_people' },
    );
  }

  async function submitTransfer(ctx: AppContext, kind: FormKind) {
    const actor = requireMember(ctx.state.actor);
    const values = submittedValues(ctx.request.body);
    const parsed = parseInput(KINDS[kind].schema, ctx.request.body);
    if (!parsed.ok) return showTransferForm(ctx, kind, values, parsed.errors, 422);
    try {
      const input = parsed.value;
      const outcome = await immediateTransaction(deps.db, (trx) =>
        kind === 'pay'
          ? pay(trx, actor, input as z.output<typeof paymentSchema>, deps.now())
          : requestPayment(trx, actor, input as z.output<typeof requestSchema>, deps.now()),
      );
      seeOther(ctx, `/ledger/transfers/${outcome.transfer.id}`);
    } catch (error) {
      // Paying, the member (or the fund they pay from) is the payer: the refusal says "you".
      if (error instanceof LimitError && kind === 'pay' && error.side === 'payer') {
        return showTransferForm(
          ctx,
          kind,
          values,
          { amount: ctx.state.t(error.toSide(parsed.value.as_group ? 'the fund' : 'you')) },
          409,
        );
      }
      const refusal = formRefusal(error, ctx.state.t);
      if (refusal) return showTransferForm(ctx, kind, values, refusal.errors, refusal.status);
      throw error;
    }
  }

  for (const kind of Object.keys(KINDS) as FormKind[]) {
    router.get(`/ledger/${kind}`, (ctx) => showTransferForm(ctx, kind, submittedValues(ctx.query)));
    router.post(`/ledger/${kind}`, (ctx) => submitTransfer(ctx, kind));
  }

  /** A transfer, to those who may see it (`transfer-access.ts`), with what they may do about it. */
  async function showTransfer(
    ctx: AppContext,
    id: string,
    form: { values?: Record<string, string>; errors?: FieldErrors; status?: number } = {},
  ) {
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
        errors: form.errors ?? {},
      },
      // A refusal of a form posted from this page or from /ledger: the address bar goes to the transfer, not to the
      // POST's action (which has no page to reload).
      { status: form.status, url: `/ledger/transfers/${transfer.id}` },
    );
  }

  router.get('/ledger/transfers/:id', (ctx) => showTransfer(ctx, ctx.params.id));

  /**
   * Accept, decline or propose a reversal, from the accounts page or the transfer's page; refusals come back on the
   * transfer's page.
   */
  router.post('/ledger/transfers/:id/:action', async (ctx) => {
    const actor = requireMember(ctx.state.actor);
    const { id, action } = ctx.params;
    const now = deps.now();
    try {
      if (action === 'accept') await immediateTransaction(deps.db, (trx) => acceptTransfer(trx, actor, id, now));
      else if (action === 'decline') await immediateTransaction(deps.db, (trx) => declineTransfer(trx, actor, id, now));
      else if (action === 'reverse' || action === 'steward-reverse') {
        const parsed = parseInput(reverseSchema, ctx.request.body);
        if (!parsed.ok)
          return showTransfer(ctx, id, {
            values: submittedValues(ctx.request.body),
            errors: parsed.errors,
            status: 422,
          });
        const key = parsed.value.idempotency_key || crypto.randomUUID();
        const reason = parsed.value.reason;
        if (action === 'steward-reverse') {
          requireSteward(ctx.state.actor);
          if (!reason) throw new Invalid({ reason: msg('ledger.errors.reasonRequired') });
        }
        const { transfer } = await immediateTransaction(deps.db, (trx) =>
          action === 'reverse'
            ? proposeReversal(trx, actor, id, key, now)
            : stewardReversal(trx, actor, id, reason, key, now),
        );
        if (action === 'steward-reverse')
          deps.log(`ledger: steward @${actor.handle} reversed transfer ${id} by ${transfer.id}: ${reason}`);
        return seeOther(ctx, `/ledger/transfers/${transfer.id}`);
      } else if (action === 'feedback') {
        const parsed = parseInput(feedbackSchema, ctx.request.body);
        if (!parsed.ok)
          return showTransfer(ctx, id, {
            values: submittedValues(ctx.request.body),
            errors: parsed.errors,
            status: 422,
          });
        await immediateTransaction(deps.db, (trx) => leaveFeedback(trx, actor, id, parsed.value, now));
      } else throw new NotFound();
    } catch (error) {
      // Accepting, the member decides for the side the transfer waited for: a refusal about that side's limit says
      // "you".
      if (error instanceof LimitError && action === 'accept') {
        const transfer = (await findTransferView(deps.db, id, now))!;
        const awaited = transfer.awaitingAccountId === transfer.payerAccountId ? 'payer' : 'payee';
        const holder = awaited === 'payer' ? transfer.payer : transfer.payee;
        const message = ctx.state.t(
          error.side === awaited ? error.toSide(holder.kind === 'group' ? 'the fund' : 'you') : error.reason,
        );
        return showTransfer(ctx, id, { errors: { _form: message }, status: 409 });
      }
      const refusal = formRefusal(error, ctx.state.t);
      if (refusal) return showTransfer(ctx, id, { values: submittedValues(ctx.request.body), ...refusal });
      throw error;
    }
    seeOther(ctx, `/ledger/transfers/${id}`);
  });

  /** Whose statement a path names, with where its pages live. */
  interface StatementOwner {
    party: Party;
    /** The group, for a fund's statement; null for the member's own. */
    fund: { slug: string; name: string } | null;
    path: string;
  }

  /**
   * One statement page (and its CSV) for two owners: the member's own account
   * (`/ledger/statement/DHR`), and a group's fund (`/ledger/funds/<slug>/statement/DHR`),
   * which the members of the group may read (see `funds.ts`).
   */
  const statementOwners: Record<string, (ctx: RouteContext) => Promise<StatementOwner>> = {
    '/ledger/statement/:code': async (ctx) => ({
      party: { memberId: requireMember(ctx.state.actor).id },
      fund: null,
      path: '/ledger/statement',
    }),
    '/ledger/funds/:slug/statement/:code': async (ctx) => {
      const group = await readableFund(deps.db, requireMember(ctx.state.actor), ctx.params.slug!);
      return {
        party: { groupId: group.id },
        fund: { slug: group.slug, name: group.name },
        path: `/ledger/funds/${encodeURIComponent(group.slug)}/statement`,
      };
    },
  };

  async function statementFor(ctx: RouteContext, owner: StatementOwner) {
    const currency = ctx.params.code!.length <= 8 ? await findCurrencyByCode(deps.db, ctx.params.code!) : null;
    if (!currency) throw new NotFound(msg('ledger.errors.noCurrency'));
    const { since, until } = dateFilter.parse(ctx.query);
    const account = await findAccountOf(deps.db, owner.party, currency.id, deps.now());
    const range = { since: validDate(since), until: dayAfter(until) };
    const lines = account ? await findStatement(deps.db, account.id, range) : [];
    // A date that is not one (typed where the browser has no date picker) is left out, and the page says so.
    const errors: FieldErrors = {};
    if (since && !range.since) errors.since = ctx.state.t('ledger.statement.badSince');
    if (until && !range.until) errors.until = ctx.state.t('ledger.statement.badUntil');
    return { currency, account, lines, since: range.since ?? '', until: range.until ? until : '', errors };
  }

  for (const [path, ownerOf] of Object.entries(statementOwners)) {
    router.get(path, async (ctx) => {
      const owner = await ownerOf(ctx);
      const statement = await statementFor(ctx, owner);
      const query = new URLSearchParams({ since: statement.since, until: statement.until }).toString();
      const currency = statement.currency.name;
      const title = owner.fund
        ? ctx.state.t('ledger.statement.fundTitle', { name: owner.fund.name, currency })
        : ctx.state.t('ledger.statement.title', { currency });
      const base = `${owner.path}/${encodeURIComponent(statement.currency.code)}`;
      await renderPage(ctx, 'ledger/statement', {
        title,
        fund: owner.fund,
        ...statement,
        action: base,
        csvLink: `${base}/csv?${query}`,
      });
    });

    router.get(`${path}/csv`, async (ctx) => {
      const owner = await ownerOf(ctx);
      const { currency, lines } = await statementFor(ctx, owner);
      const f = (minor: number) => formatAmount(minor, currency.scale);
      ctx.type = 'text/csv; charset=utf-8';
      ctx.attachment(
        owner.fund ? `statement-${owner.fund.slug}-${currency.code}.csv` : `statement-${currency.code}.csv`,
      );
      // Minor units beside the formatted amounts, so a spreadsheet can sum them exactly.
      ctx.body = stringify(
        lines.map((l) => [
          l.at,
          l.kind,
          l.counterparty.name,
          l.description,
          f(l.amount),
          l.amount,
          f(l.balance),
          l.balance,
          l.transferId,
        ]),
        {
          header: true,
          columns: CSV_COLUMNS.map((column) => ctx.state.t(`ledger.csv.${column}`)),
          cast: { string: (s) => (/^[=+\-@\t\r]/.test(s) && !/^-\d/.test(s) ? `'${s}` : s) },
        },
      );
    });
  }

  // ------------------------------------------------------------ currencies

  async function showCurrencyForm(
    ctx: AppContext,
    values: Record<string, string>,
    errors: FieldErrors = {},
    status?: number,
  ) {
    const actor = requireMember(ctx.state.actor);
    const groups = await adminGroups(actor);
    await renderPage(
      ctx,
      'ledger/currency-form',
      {
        title: ctx.state.t('ledger.currencyForm.title'),
        groups,
        values: { counted_in: 'minutes', lower_limit: '-20:00', upper_limit: '40:00', request_days: '30', ...values },
        errors,
      },
      { status },
    );
  }

  router.get('/ledger/currencies', async (ctx) => {
    const actor = requireMember(ctx.state.actor);
    const [currencies, groups] = await Promise.all([findCurrencies(deps.db), adminGroups(actor)]);
    const all = (await findVisibleGroups(deps.db, actor)).all;
    await renderPage(ctx, 'ledger/currencies', {
      title: ctx.state.t('ledger.currencies.title'),
      currencies: currencies.map((c) => ({ ...c, group: all.find((g) => g.id === c.groupId) ?? null })),
      canCreate: groups.length > 0,
    });
  });

  router.get('/ledger/currencies/new', async (ctx) => {
    await showCurrencyForm(ctx, submittedValues(ctx.query));
  });

  router.post('/ledger/currencies/new', async (ctx) => {
    const actor = requireMember(ctx.state.actor);
    const values = submittedValues(ctx.request.body);
    const parsed = parseInput(currencySchema.extend({ group: optionalText('Group', 80) }), ctx.request.body);
    if (!parsed.ok) return showCurrencyForm(ctx, values, parsed.errors, 422);
    const group = (await adminGroups(actor)).find((g) => g.slug === parsed.value.group);
    if (!group) return showCurrencyForm(ctx, values, { group: 'Group must be one you are an admin of.' }, 422);
    try {
      await immediateTransaction(deps.db, (trx) => createCurrency(trx, actor, group.id, parsed.value, deps.now()));
    } catch (error) {
      const refusal = formRefusal(error, ctx.state.t);
      if (refusal?.status === 422) return showCurrencyForm(ctx, values, refusal.errors, 422);
      throw error;
    }
    seeOther(ctx, '/ledger/currencies');
  });

  // ------------------------------------------------------------ stewards

  router.get('/stewards/ledger', async (ctx) => {
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
  });

  async function showAccount(
    ctx: AppContext,
    accountId: string,
    form: { values?: Record<string, string>; errors?: FieldErrors; status?: number } = {},
  ) {
    requireSteward(ctx.state.actor);
    const account = /^\d{1,12}$/.test(accountId) ? await findAccountView(deps.db, Number(accountId), deps.now()) : null;
    if (!account) throw new NotFound(msg('ledger.errors.noAccount'));
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

  router.get('/stewards/ledger/accounts/:id', (ctx) => showAccount(ctx, ctx.params.id));

  router.post('/stewards/ledger/accounts/:id/:action', async (ctx) => {
    const steward = requireSteward(ctx.state.actor);
    const { id, action } = ctx.params;
    const account = /^\d{1,12}$/.test(id) ? await findAccountView(deps.db, Number(id), deps.now()) : null;
    if (!account || (action !== 'limits' && action !== 'freeze')) throw new NotFound(msg('ledger.errors.noAccount'));
    const values = submittedValues(ctx.request.body);
    const parsed =
      action === 'limits' ? parseInput(limitsSchema, ctx.request.body) : parseInput(freezeSchema, ctx.request.body);
    // A missing reason and a limit that cannot be are reported together, so the steward corrects both at once.
    if (!parsed.ok)
      return showAccount(ctx, id, {
        values,
        errors:
          action === 'limits'
            ? { ...limitErrors(values.lower_limit ?? '', values.upper_limit ?? '', account.scale), ...parsed.errors }
            : parsed.errors,
        status: 422,
      });
    try {
      await immediateTransaction(deps.db, (trx) =>
        action === 'limits'
          ? changeLimits(
              trx,
              steward,
              account.id,
              account.scale,
              parsed.value as z.output<typeof limitsSchema>,
              deps.now(),
            )
          : freezeAccount(trx, steward, account.id, parsed.value as z.output<typeof freezeSchema>, deps.now()),
      );
    } catch (error) {
      const refusal = formRefusal(error, ctx.state.t);
      if (refusal) return showAccount(ctx, id, { values, ...refusal });
      throw error;
    }
    deps.log(
      `ledger: steward @${steward.handle} ${action === 'limits' ? 'changed the limits of' : `${values.action}d`} account ${account.id} (${account.holder.handle}, ${account.currencyCode}): ${values.reason}`,
    );
    seeOther(ctx, `/stewards/ledger/accounts/${account.id}`);
  });

  return router;
}
