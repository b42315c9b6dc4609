import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { requireMember } from '../auth/actor.js';
import type { AppDeps } from '../http/context.js';
import type { FieldErrors } from '../http/forms.js';
import { renderPage } from '../http/render.js';
import { type AppRouter, createRouter, type RouteContext } from '../http/router.js';
import { NotFound } from '../lib/errors.js';
import { optionalText } from '../lib/fields.js';
import { textRules } from './ledger-fields.js';
import { msg } from '../lib/messages.js';
import { formatAmount } from './amounts.js';
import { readableFund } from './funds.js';
import type { Party } from './ledger.js';
import { visibleCurrencyByCode } from './currency-access.js';
import { findAccountOf, findStatement } from './statements.queries.js';

/**
 * Statements, as a page and as CSV, for two owners: the member's own account (`/ledger/statement/DHR`), and a group's
 * fund (`/ledger/funds/<slug>/statement/DHR`), which the members of the group may read (see `funds.ts`).
 */

const dateFilter = z.object({
  since: optionalText(textRules(), 10).catch(''),
  until: optionalText(textRules(), 10).catch(''),
});

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

/**
 * Text a person wrote (a description, a member's or group's name), made safe for a spreadsheet: one starting with
 * `=`, `+`, `-`, `@`, a tab or a carriage return would be read as a formula (`-1+1+cmd|…` runs a command in some), so
 * it gets a leading quote, as OWASP advises for CSV injection. Chosen by column, not by look: only the columns people
 * write go through here, so the box's own amounts (`-1:30`, `-12.50`, `-90`) stay numbers, and a description that
 * merely looks like a number (`-2+WEBSERVICE(…)` starts with one) cannot slip past.
 */
function asText(written: string): string {
  return /^[=+\-@\t\r]/.test(written) ? `'${written}` : written;
}

/** Whose statement a path names, with where its pages live. */
interface StatementOwner {
  party: Party;
  /** The group, for a fund's statement; null for the member's own. */
  fund: { slug: string; name: string } | null;
  path: string;
}

export function statementRoutes(deps: AppDeps): AppRouter {
  const router = createRouter();
  for (const [path, ownerOf] of Object.entries(statementOwners(deps))) {
    router.get(path, async (ctx) => showStatement(deps, ctx, await ownerOf(ctx)));
    router.get(`${path}/csv`, async (ctx) => statementCsv(deps, ctx, await ownerOf(ctx)));
  }
  return router;
}

/** Whose statement each path names. */
function statementOwners(deps: AppDeps): Record<string, (ctx: RouteContext) => Promise<StatementOwner>> {
  return {
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
}

async function statementFor(deps: AppDeps, ctx: RouteContext, owner: StatementOwner) {
  const actor = requireMember(ctx.state.actor);
  const currency = ctx.params.code!.length <= 8 ? await visibleCurrencyByCode(deps.db, actor, ctx.params.code!) : null;
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

async function showStatement(deps: AppDeps, ctx: RouteContext, owner: StatementOwner) {
  const statement = await statementFor(deps, ctx, owner);
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
}

async function statementCsv(deps: AppDeps, ctx: RouteContext, owner: StatementOwner) {
  const { currency, lines } = await statementFor(deps, ctx, owner);
  const f = (minor: number) => formatAmount(minor, currency.scale);
  ctx.type = 'text/csv; charset=utf-8';
  ctx.attachment(owner.fund ? `statement-${owner.fund.slug}-${currency.code}.csv` : `statement-${currency.code}.csv`);
  // Minor units beside the formatted amounts, so a spreadsheet can sum them exactly.
  ctx.body = stringify(
    lines.map((l) => [
      l.at,
      l.kind,
      asText(l.counterparty.name),
      asText(l.description),
      f(l.amount),
      l.amount,
      f(l.balance),
      l.balance,
      l.transferId,
    ]),
    { header: true, columns: CSV_COLUMNS.map((column) => ctx.state.t(`ledger.csv.${column}`)) },
  );
}
